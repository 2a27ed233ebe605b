/* index-crash-helper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Brings the index of the folder given up to date, printing "progress DONE TOTAL" lines as it
 * goes and "done" at the end: test-index-crash kills it somewhere in between.
 */

#include <stdio.h>
#include <stdlib.h>

#include "sanasto-index.h"

static void
progress_cb (SanastoIndex *index,
             guint         done,
             guint         total,
             gpointer      user_data)
{
  printf ("progress %u %u\n", done, total);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FOLDER\n", argv[0]);
      return EXIT_FAILURE;
    }

  glossary = sanasto_glossary_load (argv[1], NULL, &error);
  if (glossary == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  index = sanasto_index_new (glossary);
  g_signal_connect (index, "progress", G_CALLBACK (progress_cb), NULL);
  printf ("opening\n");
  fflush (stdout);
  if (!sanasto_index_open (index, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  printf ("done\n");
  fflush (stdout);
  return EXIT_SUCCESS;
}
