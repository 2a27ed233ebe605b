/* test-index-crash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index survives a crash: a child process indexing a folder of 3,000 articles is killed
 * (SIGKILL) at several points, and the index then opens, finishes, and answers exactly as one
 * built from scratch. Junk over the database is covered by test-index (/index/corrupt).
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sanasto-glossary.h"
#include "sanasto-index.h"

#define N_ARTICLES 3000
#define N_CHANGED 600

static const char *words[] = {
  "amber", "basil", "cedar", "dune", "ember", "fjord", "grove", "harbor", "iris", "juniper",
  "kelp", "lumen", "meadow", "nectar", "opal", "pine", "quartz", "reef", "sorrel", "tundra",
};

static void
write_article (const char *root,
               guint       i,
               const char *extra)
{
  g_autofree char *path = g_strdup_printf ("%s/term-%04u.md", root, i);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint32 state = i * 2654435761u + 1;

  g_string_append_printf (text, "---\ntitle: Term %04u\ndescription: Article number %u.\n---\n",
                          i, i);
  for (guint w = 0; w < 60; w++)
    {
      state = state * 1103515245u + 12345u;
      g_string_append (text, words[(state >> 16) % G_N_ELEMENTS (words)]);
      g_string_append_c (text, w % 12 == 11 ? '\n' : ' ');
    }
  g_string_append_printf (text, "\nSee [the next one](term-%04u.md) and [a gap](nowhere-%u).\n",
                          (i * 7 + 1) % N_ARTICLES, i % 50);
  if (extra != NULL)
    g_string_append_printf (text, "\n%s\n", extra);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

/* Runs the helper on root and SIGKILLs it once it reported progress past fraction of its
 * work, or delay_ms after it started indexing (fraction < 0). TRUE when it was killed before
 * it finished. */
static gboolean
run_and_kill (const char *root,
              double      fraction,
              guint       delay_ms)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "index-crash-helper", NULL);
  const char *argv[] = { helper, root, NULL };
  g_autoptr(GError) error = NULL;
  GIOChannel *lines;
  gboolean killed = FALSE;
  gboolean finished = FALSE;
  GPid pid;
  int out;
  int status;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  lines = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (lines, TRUE);

  for (;;)
    {
      g_autofree char *line = NULL;
      guint done, total;

      if (g_io_channel_read_line (lines, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        break;
      g_strchomp (line);
      if (strcmp (line, "done") == 0)
        {
          finished = TRUE;
          break;
        }
      if (fraction < 0 && strcmp (line, "opening") == 0)
        {
          g_usleep (delay_ms * 1000);
          killed = TRUE;
          break;
        }
      if (fraction >= 0 && sscanf (line, "progress %u %u", &done, &total) == 2 &&
          done >= fraction * total && done < total)
        {
          killed = TRUE;
          break;
        }
    }

  if (killed)
    g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_io_channel_unref (lines);
  g_spawn_close_pid (pid);

  /* Killed, or it had finished (or finished in the moment before the kill). */
  if (!killed || !WIFSIGNALED (status))
    {
      g_assert_true (finished || (WIFEXITED (status) && WEXITSTATUS (status) == 0));
      return FALSE;
    }
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return TRUE;
}

static SanastoIndex *
open_index (const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  g_autoptr(SanastoIndex) index = NULL;

  g_assert_no_error (error);
  index = sanasto_index_new (glossary);
  g_assert_true (sanasto_index_open (index, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sanasto_index_is_ready (index));
  return g_steal_pointer (&index);
}

/* Every answer a reader can get, as one text to compare. */
static char *
describe (SanastoIndex *index)
{
  const char *queries[] = { "term", "amber", "cedar dune", "\"fjord grove\"", "jun", "zircon",
                            "Term 1234", "article number 77", "nowhere" };
  SanastoGlossary *glossary = sanasto_index_get_glossary (index);
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) unresolved = sanasto_index_get_unresolved_links (index);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) hits = sanasto_index_search (index, queries[q], NULL, 0);

      g_string_append_printf (text, "%s: %u:", queries[q], hits->len);
      for (guint i = 0; i < hits->len; i++)
        g_string_append_printf (text, " %s",
                                sanasto_entry_get_slug (sanasto_search_hit_get_entry (
                                  g_ptr_array_index (hits, i))));
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < N_ARTICLES; i += 97)
    {
      g_autofree char *slug = g_strdup_printf ("term-%04u", i);
      SanastoEntry *entry = sanasto_glossary_lookup (glossary, "", slug);
      g_autoptr(GPtrArray) backlinks = NULL;

      if (entry == NULL)
        {
          g_autoptr(SanastoEntry) first = g_list_model_get_item (G_LIST_MODEL (glossary), 0);

          entry = sanasto_glossary_lookup (glossary, sanasto_entry_get_language (first), slug);
        }
      g_assert_nonnull (entry);
      backlinks = sanasto_index_get_backlinks (index, entry);
      g_string_append_printf (text, "backlinks %s:", slug);
      for (guint b = 0; b < backlinks->len; b++)
        g_string_append_printf (text, " %s",
                                sanasto_entry_get_slug (sanasto_search_hit_get_entry (
                                  g_ptr_array_index (backlinks, b))));
      g_string_append_c (text, '\n');
    }
  g_string_append_printf (text, "unresolved: %u\n", unresolved->len);
  return g_string_free (text, FALSE);
}

static void
remove_database (const char *root)
{
  g_autofree char *canonical = realpath (root, NULL);
  g_autofree char *db = sanasto_index_get_database_path (canonical);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", ".checked", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

      g_remove (path);
    }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
test_killed_while_indexing (void)
{
  const double fractions[] = { 0.1, 0.45, 0.8 };
  const guint delays[] = { 0, 20, 80 };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("sanasto-crash-XXXXXX", &error);
  g_autoptr(SanastoIndex) recovered = NULL;
  g_autoptr(SanastoIndex) clean = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *recovered_text = NULL;
  g_autofree char *clean_text = NULL;
  guint n_killed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < N_ARTICLES; i++)
    write_article (root, i, NULL);
  remove_database (root);

  /* A first build, killed part way, resumed and killed again further on. */
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    n_killed += run_and_kill (root, fractions[i], 0);
  /* Killed early in an open: while it checks, prepares or starts writing. */
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    n_killed += run_and_kill (root, -1, delays[i]);
  /* An update of many changed articles, killed half way. */
  for (guint i = 0; i < N_CHANGED; i++)
    write_article (root, i * (N_ARTICLES / N_CHANGED), "A zircon was found here.");
  n_killed += run_and_kill (root, 0.5, 0);
  g_test_message ("%u of %u runs killed while indexing", n_killed,
                  (guint) (G_N_ELEMENTS (fractions) + G_N_ELEMENTS (delays) + 1));
  g_assert_cmpuint (n_killed, >=, 2);

  recovered = open_index (root);
  all = sanasto_index_search (recovered, "term", NULL, 0);
  g_assert_cmpuint (all->len, ==, N_ARTICLES);
  changed = sanasto_index_search (recovered, "zircon", NULL, 0);
  g_assert_cmpuint (changed->len, ==, N_CHANGED);
  recovered_text = describe (recovered);
  g_clear_object (&recovered);

  /* The same folder indexed from nothing. */
  remove_database (root);
  clean = open_index (root);
  g_assert_true (sanasto_index_get_was_rebuilt (clean));
  clean_text = describe (clean);
  g_clear_object (&clean);

  g_assert_cmpstr (recovered_text, ==, clean_text);

  remove_database (root);
  remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/index-crash/killed-while-indexing", test_killed_while_indexing);

  return g_test_run ();
}
