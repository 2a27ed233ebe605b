/* sanasto-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sanasto-check.h"
#include "sanasto-link-resolver.h"
#include "sanasto-markdown.h"

/* Articles are checked by this many threads; the glossary is immutable once loaded, so the
 * resolver needs no lock. */
#define CHECK_THREADS 2

typedef struct
{
  SanastoLinkRef *ref;
  SanastoEntry   *suggestion;
} Unresolved;

typedef struct
{
  SanastoEntry *entry;
  guint         links;
  guint         resolved;
  guint         via_fallback;
  GPtrArray    *unresolved;  /* Unresolved */
  char         *error;       /* the body could not be read */
} EntryResult;

typedef struct
{
  SanastoGlossary *glossary;
  EntryResult     *results;
  guint            n_results;
  gint             next;
} CheckJob;

static void
unresolved_free (Unresolved *unresolved)
{
  sanasto_link_ref_free (unresolved->ref);
  g_free (unresolved);
}

/* The same broken target tends to recur across articles (and their translations): each
 * thread remembers what it suggested per source language and target. */
static SanastoEntry *
suggest_cached (SanastoGlossary *glossary,
                SanastoEntry    *from,
                const char      *target,
                GHashTable      *cache)
{
  g_autofree char *key = g_strconcat (sanasto_entry_get_language (from), "\x1f", target, NULL);
  gpointer value;

  if (g_hash_table_lookup_extended (cache, key, NULL, &value))
    return value;

  value = sanasto_link_resolver_suggest (glossary, from, target);
  g_hash_table_insert (cache, g_steal_pointer (&key), value);

  return value;
}

static void
check_entry (SanastoGlossary *glossary,
             EntryResult     *result,
             GHashTable      *suggestions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = sanasto_glossary_read_body (glossary, result->entry, &error);
  g_autoptr(GPtrArray) refs = NULL;
  gsize length;
  cmark_node *document;

  if (body == NULL)
    {
      result->error = g_strdup (error->message);
      return;
    }

  /* Most of the time goes to parsing: an article without '[' has no links to parse for. */
  length = strlen (body);
  if (memchr (body, '[', length) == NULL && strstr (body, "{{") == NULL)
    return;

  document = sanasto_markdown_parse (body, length);
  refs = sanasto_markdown_collect_links (document);
  cmark_node_free (document);

  for (guint i = 0; i < refs->len; i++)
    {
      SanastoLinkRef *ref = refs->pdata[i];
      SanastoLink link = { 0 };

      result->links++;
      sanasto_link_resolver_resolve (glossary, result->entry, ref->target, &link);

      if (link.kind == SANASTO_LINK_INTERNAL)
        {
          if (link.via_fallback)
            result->via_fallback++;
          else
            result->resolved++;
        }
      else if (link.kind == SANASTO_LINK_UNRESOLVED)
        {
          Unresolved *unresolved = g_new0 (Unresolved, 1);

          unresolved->ref = g_steal_pointer (&refs->pdata[i]);
          unresolved->suggestion = suggest_cached (glossary, result->entry, ref->target,
                                                   suggestions);
          if (result->unresolved == NULL)
            result->unresolved = g_ptr_array_new_with_free_func ((GDestroyNotify) unresolved_free);
          g_ptr_array_add (result->unresolved, unresolved);
        }

      sanasto_link_clear (&link);
    }
}

static gpointer
check_thread (gpointer data)
{
  CheckJob *job = data;
  g_autoptr(GHashTable) suggestions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  guint i;

  /* Entries are handed out one at a time so both threads finish together. */
  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_results)
    check_entry (job->glossary, &job->results[i], suggestions);

  return NULL;
}

/* The body lines are counted after the front matter; editors want lines of the file. Only
 * called for articles with unresolved links, so reading the file again costs little. */
static int
body_line_offset (SanastoGlossary *glossary,
                  SanastoEntry    *entry)
{
  g_autofree char *path = g_build_filename (sanasto_glossary_get_root (glossary),
                                            sanasto_entry_get_path (entry), NULL);
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  gsize length;
  int file_lines = 0, body_lines = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;
  body = sanasto_glossary_read_body (glossary, entry, NULL);
  if (body == NULL)
    return 0;

  for (gsize i = 0; i < length; i++)
    file_lines += contents[i] == '\n';
  for (const char *p = body; *p != '\0'; p++)
    body_lines += *p == '\n';

  return MAX (file_lines - body_lines, 0);
}

/* Text from the folder (file names, link targets and text) for one line of a terminal: valid
 * UTF-8, and control characters escaped, so a newline in a file name cannot forge a line of
 * the report and an escape sequence cannot reach the terminal. */
static char *
display_text (const char *text,
              gboolean    is_path)
{
  g_autofree char *valid = is_path ? g_filename_display_name (text) : g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static void
append_unresolved (GString         *out,
                   SanastoGlossary *glossary,
                   EntryResult     *result)
{
  int offset = body_line_offset (glossary, result->entry);
  g_autofree char *path = display_text (sanasto_entry_get_path (result->entry), TRUE);

  for (guint i = 0; i < result->unresolved->len; i++)
    {
      Unresolved *unresolved = result->unresolved->pdata[i];
      g_autofree char *spaced = g_strdelimit (g_strdup (unresolved->ref->anchor_text),
                                              "\n\r\t", ' ');
      g_autofree char *anchor = display_text (spaced, FALSE);
      g_autofree char *target = display_text (unresolved->ref->target, FALSE);

      g_string_append_printf (out, "%s:%d: %s \"%s\"", path, unresolved->ref->line + offset,
                              target, anchor);

      if (unresolved->suggestion != NULL)
        {
          const char *language = sanasto_entry_get_language (unresolved->suggestion);

          g_string_append (out, " (did you mean ");
          if (g_strcmp0 (language, sanasto_entry_get_language (result->entry)) != 0)
            g_string_append_printf (out, "%s/", *language != '\0' ? language : "_");
          g_string_append_printf (out, "%s?)", sanasto_entry_get_slug (unresolved->suggestion));
        }

      g_string_append_c (out, '\n');
    }
}

int
sanasto_check_report (SanastoGlossary *glossary,
                      GString         *out)
{
  GListModel *model;
  const char * const *languages;
  GPtrArray *problems;
  CheckJob job = { 0 };
  GThread *threads[CHECK_THREADS] = { NULL };
  guint n_items;
  guint links = 0, resolved = 0, via_fallback = 0, unresolved = 0, unreadable = 0;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (glossary), 2);
  g_return_val_if_fail (out != NULL, 2);

  model = G_LIST_MODEL (glossary);
  n_items = g_list_model_get_n_items (model);

  job.glossary = glossary;
  job.n_results = n_items;
  job.results = g_new0 (EntryResult, n_items);
  for (guint i = 0; i < n_items; i++)
    job.results[i].entry = g_list_model_get_item (model, i);

  for (guint t = 1; t < CHECK_THREADS && n_items > 64; t++)
    threads[t] = g_thread_new ("sanasto-check", check_thread, &job);
  check_thread (&job);
  for (guint t = 1; t < CHECK_THREADS; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);

  {
    g_autofree char *root = display_text (sanasto_glossary_get_root (glossary), TRUE);

    g_string_append_printf (out, "Glossary: %s\n", root);
  }
  g_string_append_printf (out, "Entries: %u\n", n_items);
  languages = sanasto_glossary_get_languages (glossary);
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      /* A glossary of one unnamed language has nothing to break down. */
      if (*languages[i] == '\0' && languages[i + 1] == NULL && i == 0)
        break;
      g_string_append_printf (out, "  %s: %u\n",
                              *languages[i] != '\0' ? languages[i] : "(no language)",
                              sanasto_glossary_count_in_language (glossary, languages[i]));
    }

  for (guint i = 0; i < n_items; i++)
    {
      EntryResult *result = &job.results[i];

      links += result->links;
      resolved += result->resolved;
      via_fallback += result->via_fallback;
      unresolved += result->unresolved != NULL ? result->unresolved->len : 0;
      unreadable += result->error != NULL;
    }

  problems = sanasto_glossary_get_problems (glossary);
  g_string_append_printf (out, "Problems: %u\n", (problems != NULL ? problems->len : 0) + unreadable);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SanastoLoadProblem *problem = problems->pdata[i];
      g_autofree char *path = display_text (problem->path, FALSE);
      g_autofree char *reason = display_text (problem->reason, FALSE);

      g_string_append_printf (out, "  %s: %s%s\n", path, reason,
                              problem->skipped ? " (skipped)" : "");
    }
  for (guint i = 0; i < n_items; i++)
    if (job.results[i].error != NULL)
      {
        g_autofree char *path = display_text (sanasto_entry_get_path (job.results[i].entry),
                                              TRUE);
        g_autofree char *reason = display_text (job.results[i].error, FALSE);

        g_string_append_printf (out, "  %s: %s (skipped)\n", path, reason);
      }

  g_string_append_printf (out, "Links: %u\n", links);
  g_string_append_printf (out, "  resolved: %u\n", resolved);
  g_string_append_printf (out, "  resolved via fallback language: %u\n", via_fallback);
  g_string_append_printf (out, "  unresolved: %u\n", unresolved);
  g_string_append_printf (out, "  external, files and other: %u\n",
                          links - resolved - via_fallback - unresolved);

  if (unresolved > 0)
    g_string_append (out, "Unresolved links:\n");
  for (guint i = 0; i < n_items; i++)
    {
      EntryResult *result = &job.results[i];

      if (result->unresolved != NULL)
        append_unresolved (out, glossary, result);

      g_clear_pointer (&result->unresolved, g_ptr_array_unref);
      g_clear_pointer (&result->error, g_free);
      g_clear_object (&result->entry);
    }
  g_free (job.results);

  return unresolved > 0 ? 1 : 0;
}
