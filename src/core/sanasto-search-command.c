/* sanasto-search-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-search-command.h"

#include <stdio.h>
#include <unistd.h>

#include "sanasto-glossary.h"
#include "sanasto-index.h"

#define SEARCH_LIMIT 100

/* One field of a tab-separated line: no tabs or line breaks inside. */
static void
print_field (GString    *line,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* The first search of a large folder builds its index; say so on a terminal. */
static void
progress_cb (SanastoIndex *index,
             guint         done,
             guint         total,
             gpointer      user_data)
{
  gboolean *shown = user_data;

  if (total < 500)
    return;

  if (done < total)
    {
      g_printerr ("\rsanasto: indexing %u of %u articles…", done, total);
      *shown = TRUE;
    }
  else if (*shown)
    g_printerr ("\r\033[K");
}

int
sanasto_search_command_run (const char *query,
                            const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean progress_shown = FALSE;

  g_return_val_if_fail (query != NULL, 2);
  g_return_val_if_fail (dir != NULL, 2);

  glossary = sanasto_glossary_load (dir, NULL, &error);
  if (glossary == NULL)
    {
      g_printerr ("sanasto: %s\n", error->message);
      return 2;
    }

  index = sanasto_index_new (glossary);
  if (isatty (STDERR_FILENO))
    g_signal_connect (index, "progress", G_CALLBACK (progress_cb), &progress_shown);
  if (!sanasto_index_open (index, NULL, &error))
    {
      g_printerr ("sanasto: %s\n", error->message);
      return 1;
    }

  hits = sanasto_index_search (index, query, NULL, SEARCH_LIMIT);
  if (hits->len == 0)
    g_printerr ("sanasto: nothing found for “%s”\n", query);

  for (guint i = 0; i < hits->len; i++)
    {
      SanastoSearchHit *hit = g_ptr_array_index (hits, i);
      SanastoEntry *entry = sanasto_search_hit_get_entry (hit);
      g_autofree char *snippet = sanasto_search_hit_get_snippet_text (hit, "«", "»");

      g_string_truncate (line, 0);
      print_field (line, sanasto_entry_get_title (entry));
      g_string_append_c (line, '\t');
      print_field (line, sanasto_entry_get_slug (entry));
      g_string_append_c (line, '\t');
      print_field (line, sanasto_entry_get_language (entry));
      g_string_append_c (line, '\t');
      print_field (line, snippet);
      g_string_append_c (line, '\n');
      fwrite (line->str, 1, line->len, stdout);
    }
  fflush (stdout);

  return 0;
}
