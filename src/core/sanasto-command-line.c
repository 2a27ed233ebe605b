/* sanasto-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sanasto-check.h"
#include "sanasto-command-line.h"
#include "sanasto-glossary.h"
#include "sanasto-renderer.h"
#include "sanasto-search-command.h"

static int
usage (void)
{
  fprintf (stderr,
           "%s\n"
           "       sanasto --check DIR\n"
           "       sanasto --html DIR TERM\n"
           "       sanasto --search QUERY DIR\n",
           _("Usage: sanasto [DIR]"));
  return 2;
}

static void
write_out (const char *text,
           gsize       length)
{
  /* Raw bytes: the page and the report are UTF-8 whatever the locale says. */
  fwrite (text, 1, length, stdout);
  fflush (stdout);
}

static SanastoGlossary *
open_glossary (const char *dir)
{
  g_autoptr(GError) error = NULL;
  SanastoGlossary *glossary = sanasto_glossary_load (dir, NULL, &error);

  if (glossary == NULL)
    {
      g_autofree char *display = g_filename_display_name (dir);

      fprintf (stderr, _("sanasto: cannot open “%s”: %s\n"), display, error->message);
    }

  return glossary;
}

static int
run_check (const char *dir)
{
  g_autoptr(SanastoGlossary) glossary = open_glossary (dir);
  g_autoptr(GString) report = NULL;
  int status;

  if (glossary == NULL)
    return 2;

  report = g_string_sized_new (4096);
  status = sanasto_check_report (glossary, report);
  write_out (report->str, report->len);

  return status;
}

static int
run_html (const char *dir,
          const char *term)
{
  g_autoptr(SanastoGlossary) glossary = open_glossary (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  SanastoEntry *entry;

  if (glossary == NULL)
    return 2;

  entry = sanasto_glossary_find_term (glossary, term, NULL);
  if (entry == NULL)
    {
      fprintf (stderr, _("sanasto: no term “%s” in this glossary\n"), term);
      return 1;
    }

  page = sanasto_renderer_render_page (glossary, entry, &error);
  if (page == NULL)
    {
      fprintf (stderr, _("sanasto: cannot show “%s”: %s\n"), term, error->message);
      return 1;
    }

  write_out (page, strlen (page));
  return 0;
}

gboolean
sanasto_command_line_is_headless (int    argc,
                                  char **argv)
{
  if (argc < 2 || argv[1] == NULL)
    return FALSE;

  return strcmp (argv[1], "--check") == 0 ||
         strcmp (argv[1], "--html") == 0 ||
         strcmp (argv[1], "--search") == 0;
}

int
sanasto_command_line_run (int    argc,
                          char **argv)
{
  g_return_val_if_fail (argc >= 2, 2);

  if (strcmp (argv[1], "--check") == 0)
    {
      if (argc != 3)
        return usage ();
      return run_check (argv[2]);
    }

  if (strcmp (argv[1], "--html") == 0)
    {
      if (argc != 4)
        return usage ();
      return run_html (argv[2], argv[3]);
    }

  if (strcmp (argv[1], "--search") == 0)
    {
      if (argc != 4)
        return usage ();
      return sanasto_search_command_run (argv[2], argv[3]);
    }

  return usage ();
}
