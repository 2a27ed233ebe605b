/* sanasto-make-corpus.c: sanasto-make-corpus DIR N [LANGS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sanasto-corpus.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  guint64 n;

  if (argc < 3 || argc > 4 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &n, NULL))
    {
      g_printerr ("Usage: sanasto-make-corpus DIR N [LANGUAGES]\n"
                  "  N articles per language; LANGUAGES is a comma-separated list of language\n"
                  "  names (default English), each written to DIR/Texts/<Language>/.\n");
      return 2;
    }

  languages = g_strsplit (argc == 4 ? argv[3] : "English", ",", -1);
  if (!sanasto_corpus_generate (argv[1], n, (const char * const *)languages, 42, &error))
    {
      g_printerr ("sanasto-make-corpus: %s\n", error->message);
      return 1;
    }

  return EXIT_SUCCESS;
}
