/* test-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sanasto-glossary.h"
#include "sanasto-index.h"

#define N_FIXTURE_ENTRIES 10

/* Copies the fixture glossary into this test's own folder, so the test can change it. */
static char *
copy_fixture (void)
{
  const char *languages[] = { "en", "fi" };
  g_autofree char *dest = g_build_filename (g_get_user_data_dir (), "glossary", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "index", "glossary",
                                                     languages[i], NULL);
      g_autofree char *to = g_build_filename (dest, languages[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *src = g_build_filename (from, name, NULL);
          g_autofree char *dst = g_build_filename (to, name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
          g_assert_true (g_file_set_contents (dst, contents, length, NULL));
        }
    }

  return g_steal_pointer (&dest);
}

static void
write_file (const char *root,
            const char *path,
            const char *contents)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

static SanastoIndex *
open_index (const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  g_autoptr(SanastoIndex) index = NULL;

  g_assert_no_error (error);
  index = sanasto_index_new (glossary);
  sanasto_index_open (index, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sanasto_index_is_ready (index));

  return g_steal_pointer (&index);
}

/* "title/language" of each hit, in order, joined with spaces: easy to compare. */
static char *
describe_hits (GPtrArray *hits)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      SanastoEntry *entry = sanasto_search_hit_get_entry (g_ptr_array_index (hits, i));

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s/%s", sanasto_entry_get_slug (entry),
                              sanasto_entry_get_language (entry));
    }

  return g_string_free (out, FALSE);
}

static char *
search (SanastoIndex *index,
        const char   *query)
{
  g_autoptr(GPtrArray) hits = sanasto_index_search (index, query, NULL, 0);

  return describe_hits (hits);
}

static gboolean
hits_contain (SanastoIndex *index,
              const char   *query,
              const char   *slug)
{
  g_autoptr(GPtrArray) hits = sanasto_index_search (index, query, NULL, 0);

  for (guint i = 0; i < hits->len; i++)
    {
      SanastoEntry *entry = sanasto_search_hit_get_entry (g_ptr_array_index (hits, i));

      if (g_str_equal (sanasto_entry_get_slug (entry), slug))
        return TRUE;
    }
  return FALSE;
}

static char *
database_path (SanastoIndex *index)
{
  return sanasto_index_get_database_path (
    sanasto_glossary_get_root (sanasto_index_get_glossary (index)));
}

static void
test_index_build (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) index = open_index (root);
  g_autofree char *db = database_path (index);
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "sanasto", NULL);
  g_autofree char *name = g_path_get_basename (db);

  /* The database lives in the user's cache, named after the folder. */
  g_assert_true (g_str_has_prefix (db, cache_dir));
  g_assert_true (g_str_has_suffix (name, ".db"));
  g_assert_cmpuint (strlen (name), ==, 64 + 3);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));

  g_assert_true (sanasto_index_get_was_rebuilt (index));
  g_assert_cmpuint (sanasto_index_get_files_read (index), ==, N_FIXTURE_ENTRIES);
  g_assert_true (hits_contain (index, "milliseconds", "latency"));
  g_assert_true (hits_contain (index, "parcels", "throughput"));
  /* Keywords and descriptions are searchable too. */
  g_assert_true (hits_contain (index, "Storage", "cache"));
  g_assert_true (hits_contain (index, "stale", "cache"));
}

static void
test_index_warm (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autofree char *before = search (first, "latency");
  g_autoptr(SanastoIndex) second = open_index (root);
  g_autofree char *after = search (second, "latency");

  /* Nothing changed: nothing is read again, and the answers are the same. */
  g_assert_false (sanasto_index_get_was_rebuilt (second));
  g_assert_cmpuint (sanasto_index_get_files_read (second), ==, 0);
  g_assert_cmpstr (after, ==, before);
}

static void
test_index_incremental (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autoptr(SanastoIndex) second = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autoptr(GPtrArray) backlinks = NULL;
  g_autofree char *removed = g_build_filename (root, "en", "round-trip-time.md", NULL);
  g_autofree char *sources = NULL;
  SanastoEntry *latency;

  unresolved = sanasto_index_get_unresolved_links (first);
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_clear_pointer (&unresolved, g_ptr_array_unref);
  g_assert_false (hits_contain (first, "zebra", "cache"));

  /* Edit one article, add one (which a link was waiting for) and delete one. */
  write_file (root, "en/cache.md",
              "---\ntitle: Cache\n---\nA zebra keeps a copy of its stripes in a cache.\n");
  write_file (root, "en/packet-loss.md",
              "---\ntitle: Packet loss\n---\n"
              "Some packets never arrive; see [latency](/latency).\n");
  g_assert_cmpint (g_unlink (removed), ==, 0);

  second = open_index (root);
  g_assert_false (sanasto_index_get_was_rebuilt (second));
  g_assert_cmpuint (sanasto_index_get_files_read (second), ==, 2);

  g_assert_true (hits_contain (second, "zebra", "cache"));
  g_assert_false (hits_contain (second, "stale", "cache"));
  g_assert_true (hits_contain (second, "packet loss", "packet-loss"));
  g_assert_false (hits_contain (second, "round-trip", "round-trip-time"));
  g_assert_false (hits_contain (second, "RTT", "round-trip-time"));

  /* throughput.md did not change, but its link to /packet-loss now has a target. */
  unresolved = sanasto_index_get_unresolved_links (second);
  g_assert_cmpuint (unresolved->len, ==, 0);

  latency = sanasto_glossary_lookup (sanasto_index_get_glossary (second), "en", "latency");
  g_assert_nonnull (latency);
  backlinks = sanasto_index_get_backlinks (second, latency);
  sources = describe_hits (backlinks);
  g_assert_cmpstr (sources, ==, "bandwidth/en jitter/en packet-loss/en viive/fi");
}

static void
test_index_removed_target (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autoptr(SanastoIndex) second = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autofree char *removed = g_build_filename (root, "en", "bandwidth.md", NULL);
  g_autofree char *targets = NULL;
  GString *list = g_string_new (NULL);

  g_assert_cmpint (g_unlink (removed), ==, 0);
  second = open_index (root);
  g_assert_cmpuint (sanasto_index_get_files_read (second), ==, 0);

  /* Two unchanged articles linked to it: their links are now broken. */
  unresolved = sanasto_index_get_unresolved_links (second);
  for (guint i = 0; i < unresolved->len; i++)
    {
      SanastoSearchHit *hit = g_ptr_array_index (unresolved, i);

      g_string_append_printf (list, "%s:%s ",
                              sanasto_entry_get_slug (sanasto_search_hit_get_entry (hit)),
                              sanasto_search_hit_get_link_target (hit));
    }
  targets = g_string_free (list, FALSE);
  g_assert_cmpstr (targets, ==,
                   "latency:/bandwidth throughput:/packet-loss throughput:/bandwidth ");
}

static void
test_index_corrupt (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autofree char *before = search (first, "latency");
  g_autofree char *db = database_path (first);
  g_autoptr(SanastoIndex) second = NULL;
  g_autofree char *after = NULL;
  char junk[8192];

  g_clear_object (&first);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char)(i * 7 + 13);
  g_assert_true (g_file_set_contents (db, junk, sizeof junk, NULL));

  second = open_index (root);
  g_assert_true (sanasto_index_get_was_rebuilt (second));
  g_assert_cmpuint (sanasto_index_get_files_read (second), ==, N_FIXTURE_ENTRIES);
  after = search (second, "latency");
  g_assert_cmpstr (after, ==, before);
}

static void
test_index_truncated (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autofree char *before = search (first, "connection");
  g_autofree char *db = database_path (first);
  g_autoptr(SanastoIndex) second = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* Half a database: valid header, missing pages. */
  g_clear_object (&first);
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (db, contents, length / 2, NULL));

  second = open_index (root);
  g_assert_true (sanasto_index_get_was_rebuilt (second));
  after = search (second, "connection");
  g_assert_cmpstr (after, ==, before);
}

static void
test_index_damaged_page (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autofree char *before = search (first, "connection");
  g_autofree char *db = database_path (first);
  g_autoptr(SanastoIndex) second = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gsize page;

  /* Same size, one page in the middle overwritten: only a check of the file finds it. */
  g_clear_object (&first);
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 3 * 4096);
  page = (length / 4096 / 2) * 4096;
  for (gsize i = 0; i < 4096; i++)
    contents[page + i] = (char)(0xA5 ^ (i * 31));
  g_assert_true (g_file_set_contents (db, contents, length, NULL));

  second = open_index (root);
  g_assert_true (sanasto_index_get_was_rebuilt (second));
  after = search (second, "connection");
  g_assert_cmpstr (after, ==, before);
}

static void
test_index_schema_version (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) first = open_index (root);
  g_autofree char *before = search (first, "latency");
  g_autofree char *db = database_path (first);
  g_autoptr(SanastoIndex) second = NULL;
  g_autofree char *after = NULL;
  sqlite3 *handle = NULL;

  g_clear_object (&first);
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);

  second = open_index (root);
  g_assert_true (sanasto_index_get_was_rebuilt (second));
  g_assert_cmpuint (sanasto_index_get_files_read (second), ==, N_FIXTURE_ENTRIES);
  after = search (second, "latency");
  g_assert_cmpstr (after, ==, before);
}

static void
test_index_backlinks (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) index = open_index (root);
  SanastoGlossary *glossary = sanasto_index_get_glossary (index);
  SanastoEntry *latency = sanasto_glossary_lookup (glossary, "en", "latency");
  SanastoEntry *cache = sanasto_glossary_lookup (glossary, "en", "cache");
  g_autoptr(GPtrArray) backlinks = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *sources = NULL;
  SanastoSearchHit *jitter;
  g_autofree char *context = NULL;

  g_assert_nonnull (latency);
  backlinks = sanasto_index_get_backlinks (index, latency);
  sources = describe_hits (backlinks);
  /* The Finnish article links to /latency, which exists only in English. */
  g_assert_cmpstr (sources, ==, "bandwidth/en jitter/en round-trip-time/en viive/fi");

  jitter = g_ptr_array_index (backlinks, 1);
  g_assert_cmpint (sanasto_search_hit_get_match (jitter), ==, SANASTO_SEARCH_MATCH_LINK);
  g_assert_cmpstr (sanasto_search_hit_get_link_target (jitter), ==, "/latency");
  g_assert_cmpint (sanasto_search_hit_get_line (jitter), ==, 3);
  /* The sentence around the link, not the whole article. */
  context = sanasto_search_hit_get_snippet_text (jitter, "[", "]");
  g_assert_cmpstr (context, ==, "Learn what [latency] means first.");

  none = sanasto_index_get_backlinks (index, cache);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_index_unresolved (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(SanastoIndex) index = open_index (root);
  g_autoptr(GPtrArray) unresolved = sanasto_index_get_unresolved_links (index);
  SanastoSearchHit *hit;
  g_autofree char *context = NULL;

  g_assert_cmpuint (unresolved->len, ==, 1);
  hit = g_ptr_array_index (unresolved, 0);
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_search_hit_get_entry (hit)), ==, "throughput");
  g_assert_cmpstr (sanasto_search_hit_get_link_target (hit), ==, "/packet-loss");
  g_assert_cmpstr (sanasto_search_hit_get_anchor_text (hit), ==, "packet loss");
  context = sanasto_search_hit_get_snippet_markup (hit);
  g_assert_nonnull (strstr (context, "by retries after <b>packet loss</b>, by the"));
}

static void
test_index_unusable_cache (void)
{
  g_autofree char *root = copy_fixture ();
  g_autofree char *blocker = g_build_filename (g_get_user_cache_dir (), "sanasto", NULL);
  g_autoptr(SanastoIndex) index = NULL;

  /* A file where the cache folder should be: the index goes elsewhere, search still works. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  index = open_index (root);
  g_assert_true (hits_contain (index, "milliseconds", "latency"));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  guint      progress_calls;
  guint      last_done;
  guint      last_total;
  gboolean   ok;
  GError    *error;
} AsyncState;

static void
progress_cb (SanastoIndex *index,
             guint         done,
             guint         total,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  /* The window may touch widgets here: it must be its own thread. */
  if (state->main_thread != NULL)
    g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, state->last_done);
  state->progress_calls++;
  state->last_done = done;
  state->last_total = total;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = sanasto_index_open_finish (SANASTO_INDEX (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_index_async (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GPtrArray) early = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), g_thread_self (), 0, };

  g_assert_no_error (error);
  index = sanasto_index_new (glossary);
  g_signal_connect (index, "progress", G_CALLBACK (progress_cb), &state);
  sanasto_index_open_async (index, NULL, opened_cb, &state);

  /* Until it is open, searching is harmless and finds nothing. */
  early = sanasto_index_search (index, "latency", NULL, 10);
  g_assert_nonnull (early);

  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_true (sanasto_index_is_ready (index));
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_cmpuint (state.last_done, ==, N_FIXTURE_ENTRIES);
  g_assert_cmpuint (state.last_total, ==, N_FIXTURE_ENTRIES);
  g_assert_true (hits_contain (index, "milliseconds", "latency"));

  g_main_loop_unref (state.loop);
}

static void
test_index_cancel (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  g_autoptr(SanastoIndex) cancelled = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, 0, };

  g_assert_no_error (error);
  cancelled = sanasto_index_new (glossary);
  g_cancellable_cancel (cancellable);
  sanasto_index_open_async (cancelled, cancellable, opened_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_false (sanasto_index_is_ready (cancelled));

  /* The next open finishes the job. */
  index = open_index (root);
  g_assert_true (hits_contain (index, "milliseconds", "latency"));
  g_assert_true (hits_contain (index, "Kaiku", "kaiku"));

  g_main_loop_unref (state.loop);
}

typedef struct
{
  GMainLoop *loop;
  guint      pending;
} TwoOpens;

static void
one_of_two_opened_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TwoOpens *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sanasto_index_open_finish (SANASTO_INDEX (object), result, &error));
  g_assert_no_error (error);
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
test_index_concurrent_opens (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  g_autoptr(SanastoIndex) a = NULL;
  g_autoptr(SanastoIndex) b = NULL;
  TwoOpens state = { g_main_loop_new (NULL, FALSE), 2 };

  /* Two windows on one folder share one database: one builds it, the other waits. */
  g_assert_no_error (error);
  a = sanasto_index_new (glossary);
  b = sanasto_index_new (glossary);
  sanasto_index_open_async (a, NULL, one_of_two_opened_cb, &state);
  sanasto_index_open_async (b, NULL, one_of_two_opened_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_cmpuint (sanasto_index_get_files_read (a) + sanasto_index_get_files_read (b), ==,
                    N_FIXTURE_ENTRIES);
  g_assert_true (hits_contain (a, "milliseconds", "latency"));
  g_assert_true (hits_contain (b, "milliseconds", "latency"));

  g_main_loop_unref (state.loop);
}

static void
cancel_after_first_step_cb (SanastoIndex *index,
                            guint         done,
                            guint         total,
                            gpointer      user_data)
{
  GCancellable *cancellable = user_data;

  if (done > 0)
    g_cancellable_cancel (cancellable);
}

static void
test_index_cancel_midway (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "many", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(SanastoIndex) cancelled = NULL;
  g_autoptr(SanastoIndex) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) unresolved = NULL;
  guint first_part;

  /* Enough articles for several progress steps; each links to the next, the last to none. */
  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("term-%03u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Term %03u\n---\n"
                                               "Word%03u is explained; see [next](/term-%03u).\n",
                                               i, i, i + 1);

      write_file (root, name, text);
    }

  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  cancelled = sanasto_index_new (glossary);
  g_signal_connect (cancelled, "progress", G_CALLBACK (cancel_after_first_step_cb), cancellable);
  g_assert_false (sanasto_index_open (cancelled, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  first_part = sanasto_index_get_files_read (cancelled);
  g_assert_cmpuint (first_part, >, 0);
  g_assert_cmpuint (first_part, <, 300);

  /* The next open keeps what was written and reads only the rest. */
  resumed = open_index (root);
  g_assert_false (sanasto_index_get_was_rebuilt (resumed));
  g_assert_cmpuint (sanasto_index_get_files_read (resumed), ==, 300 - first_part);
  g_assert_true (hits_contain (resumed, "word000", "term-000"));
  g_assert_true (hits_contain (resumed, "word299", "term-299"));

  unresolved = sanasto_index_get_unresolved_links (resumed);
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_assert_cmpstr (sanasto_search_hit_get_link_target (g_ptr_array_index (unresolved, 0)), ==,
                   "/term-300");
}

static void
assert_same_strv (const char * const *a,
                  const char * const *b)
{
  g_assert_cmpuint (g_strv_length ((char **)a), ==, g_strv_length ((char **)b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

/* Every entry, in order, with everything the list and the pages use; and the same problems. */
static void
assert_same_glossary (SanastoGlossary *a,
                      SanastoGlossary *b)
{
  GPtrArray *pa = sanasto_glossary_get_problems (a);
  GPtrArray *pb = sanasto_glossary_get_problems (b);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(SanastoEntry) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      g_assert_cmpstr (sanasto_entry_get_path (x), ==, sanasto_entry_get_path (y));
      g_assert_cmpstr (sanasto_entry_get_language (x), ==, sanasto_entry_get_language (y));
      g_assert_cmpstr (sanasto_entry_get_slug (x), ==, sanasto_entry_get_slug (y));
      g_assert_cmpstr (sanasto_entry_get_title (x), ==, sanasto_entry_get_title (y));
      g_assert_cmpstr (sanasto_entry_get_description (x), ==, sanasto_entry_get_description (y));
      g_assert_cmpstr (sanasto_entry_get_sort_key (x), ==, sanasto_entry_get_sort_key (y));
      g_assert_cmpint (sanasto_entry_get_draft (x), ==, sanasto_entry_get_draft (y));
      assert_same_strv (sanasto_entry_get_keywords (x), sanasto_entry_get_keywords (y));
      assert_same_strv (sanasto_entry_get_aliases (x), sanasto_entry_get_aliases (y));
    }

  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      SanastoLoadProblem *x = g_ptr_array_index (pa, i);
      SanastoLoadProblem *y = g_ptr_array_index (pb, i);

      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpstr (x->reason, ==, y->reason);
      g_assert_cmpint (x->skipped, ==, y->skipped);
    }
}

static SanastoEntry *
find_path (SanastoGlossary *glossary,
           const char      *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (strcmp (sanasto_entry_get_path (entry), path) == 0)
        return entry;
    }
  return NULL;
}

/* Rewrites a file with other text of the same length and puts its time back: to the cache, an
 * unchanged file. */
static void
rewrite_keeping_stamp (const char *root,
                       const char *path,
                       const char *contents)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autofree char *old = NULL;
  gsize length;
  struct stat st;
  struct timespec times[2];

  g_assert_true (g_file_get_contents (full, &old, &length, NULL));
  g_assert_cmpuint (strlen (contents), ==, length);
  g_assert_cmpint (stat (full, &st), ==, 0);
  write_file (root, path, contents);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, full, times, 0), ==, 0);
}

/* Sets every file's time an hour back: the cache does not trust files changed in the last
 * seconds before an open (their time may not show a second change). */
static void
age_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct timespec times[2];

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          age_tree (child);
          continue;
        }
      times[0].tv_sec = times[1].tv_sec = time (NULL) - 3600;
      times[0].tv_nsec = times[1].tv_nsec = 0;
      g_assert_cmpint (utimensat (AT_FDCWD, child, times, 0), ==, 0);
    }
}

static void
test_index_load_glossary (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) first = NULL;
  g_autoptr(SanastoGlossary) cold = NULL;
  g_autoptr(SanastoGlossary) warm = NULL;
  g_autoptr(SanastoGlossary) changed = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  const char *old_text = "---\ntitle: Old title\nkeywords: A, B\n---\nText.\n";
  const char *new_text = "---\ntitle: New title\nkeywords: A, B\n---\nText.\n";

  /* What the cache must keep: lists, a draft, a description from the text, a stray article
   * beside the language folders (it takes the main language), a problem that is no skip. */
  write_file (root, "en/full.md", "---\ntitle: Full\nkeywords: [One, Two]\n"
              "aliases: [first, second]\ndraft: true\n---\nThe first paragraph.\n");
  write_file (root, "stray.md", "# Stray\n\nBeside the languages.\n");
  write_file (root, "en/unclosed.md", "---\ntitle: Unclosed\n\nNo end.\n");
  write_file (root, "en/renamed.md", old_text);
  age_tree (root);

  /* No index yet: every file is read. */
  first = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  cold = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  assert_same_glossary (first, cold);

  index = sanasto_index_new (cold);
  sanasto_index_open (index, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&index);

  /* From the index: the same glossary, problems included. */
  warm = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  assert_same_glossary (cold, warm);
  g_assert_cmpstr (sanasto_entry_get_language (find_path (warm, "stray.md")), ==, "en");

  /* The same size and time: taken from the index, not read (so the old title shows). */
  rewrite_keeping_stamp (root, "en/renamed.md", new_text);
  g_clear_object (&warm);
  warm = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sanasto_entry_get_title (find_path (warm, "en/renamed.md")), ==, "Old title");

  /* A real change is read again. */
  write_file (root, "en/renamed.md", "---\ntitle: Newer title\n---\nText.\n");
  g_clear_object (&warm);
  changed = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sanasto_entry_get_title (find_path (changed, "en/renamed.md")), ==,
                   "Newer title");

  /* Indexed right after a change, a file is not trusted: a second change of the same size
   * within the file system's time granularity would keep its time. */
  index = sanasto_index_new (changed);
  sanasto_index_open (index, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&index);
  rewrite_keeping_stamp (root, "en/renamed.md", "---\ntitle: Final title\n---\nText.\n");
  warm = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sanasto_entry_get_title (find_path (warm, "en/renamed.md")), ==,
                   "Final title");
  g_clear_object (&cold);
  cold = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  assert_same_glossary (cold, warm);

  /* A folder that cannot be opened fails as sanasto_glossary_load() does. */
  g_assert_null (sanasto_index_load_glossary ("/nonexistent/sanasto", SANASTO_INDEX_LOAD_DEFAULT,
                                              NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
assert_positions (SanastoGlossary *glossary)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      g_assert_cmpuint (sanasto_glossary_get_position (glossary, entry), ==, i);
    }
}

/* The term list straight from the index, then the folder read to see what changed meanwhile
 * (what the window does on opening a glossary it has opened before). */
static void
test_index_load_from_index (void)
{
  g_autofree char *root = copy_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) cold = NULL;
  g_autoptr(SanastoGlossary) shown = NULL;
  g_autoptr(SanastoGlossary) checked = NULL;
  g_autoptr(SanastoGlossary) again = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(SanastoEntry) entry = NULL;
  g_autofree char *unreadable = NULL;

  write_file (root, "en/full.md", "---\ntitle: Full\nkeywords: [One, Two]\n"
              "aliases: [first, second]\ndraft: true\n---\nThe first paragraph.\n");
  write_file (root, "en/renamed.md", "---\ntitle: Old title\n---\nText.\n");
  age_tree (root);

  /* No index yet: the folder is read. */
  cold = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_FROM_INDEX, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sanasto_glossary_is_from_index (cold));
  index = sanasto_index_new (cold);
  sanasto_index_open (index, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&index);

  /* Indexed: the same term list without a look at the folder, every entry where the model
   * says it is. */
  shown = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_FROM_INDEX, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sanasto_glossary_is_from_index (shown));
  assert_same_glossary (cold, shown);
  g_assert_true (sanasto_glossary_same_entries (cold, shown));
  assert_positions (shown);
  g_assert_nonnull (sanasto_glossary_find_term (shown, "second", NULL));

  /* Nothing changed: the check finds the list shown, and says so by returning it. */
  checked = sanasto_glossary_load_again (shown, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (checked == shown);
  g_clear_object (&checked);

  /* One file changed: every other entry is taken from the list shown, shared by both lists,
   * each where its own list's order says. */
  write_file (root, "en/renamed.md", "---\ntitle: Renamed title\n---\nText.\n");
  checked = sanasto_glossary_load_again (shown, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sanasto_glossary_is_from_index (checked));
  g_assert_false (sanasto_glossary_same_entries (shown, checked));
  entry = g_object_ref (find_path (shown, "en/full.md"));
  g_assert_true (find_path (checked, "en/full.md") == entry);
  g_assert_true (find_path (checked, "en/renamed.md") != find_path (shown, "en/renamed.md"));
  assert_positions (shown);
  assert_positions (checked);
  g_clear_object (&checked);
  g_clear_object (&entry);

  /* Changed while closed: the list from the index is as it was; the check tells. */
  write_file (root, "en/renamed.md", "---\ntitle: New title\n---\nText.\n");
  write_file (root, "en/added.md", "---\ntitle: Added\n---\nText.\n");
  unreadable = g_build_filename (root, "en", "locked.md", NULL);
  write_file (root, "en/locked.md", "---\ntitle: Locked\n---\nText.\n");
  g_assert_cmpint (g_chmod (unreadable, 0), ==, 0);
  g_clear_object (&shown);
  shown = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_FROM_INDEX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sanasto_entry_get_title (find_path (shown, "en/renamed.md")), ==, "Old title");
  g_assert_null (find_path (shown, "en/added.md"));

  checked = sanasto_glossary_load_again (shown, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sanasto_glossary_same_entries (shown, checked));
  g_assert_cmpstr (sanasto_entry_get_title (find_path (checked, "en/renamed.md")), ==,
                   "New title");
  g_assert_nonnull (find_path (checked, "en/added.md"));
  /* Everything a fresh load gives, the file that cannot be read reported (unless root reads
   * anything). */
  again = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  assert_same_glossary (again, checked);
  assert_positions (checked);
  g_chmod (unreadable, 0644);

  /* A damaged database is not trusted: the folder is read. */
  g_clear_object (&shown);
  {
    g_autofree char *db_path = sanasto_index_get_database_path (sanasto_glossary_get_root (cold));

    write_file ("/", db_path, "not a database");
  }
  shown = sanasto_index_load_glossary (root, SANASTO_INDEX_LOAD_FROM_INDEX, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sanasto_glossary_is_from_index (shown));
  assert_same_glossary (again, shown);
}

/* Words in thousands of articles: the matches in keywords come first, then the rest, each
 * once, each with its snippet. */
static void
test_index_common_words (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "common", NULL);
  g_autofree char *folder = g_build_filename (root, "en", NULL);
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  for (guint i = 0; i < 2100; i++)
    {
      g_autofree char *name = g_strdup_printf ("en/term-%04u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Term %u\n%s---\n"
                                               "Every article says the plain words here, "
                                               "and then the shared ones again.\n", i,
                                               i % 500 == 7 ? "keywords: Shared\n" : "");

      write_file (root, name, text);
    }

  index = open_index (root);
  hits = sanasto_index_search (index, "shared", NULL, 50);
  g_assert_cmpuint (hits->len, ==, 50);
  for (guint i = 0; i < hits->len; i++)
    {
      SanastoSearchHit *hit = g_ptr_array_index (hits, i);
      SanastoEntry *entry = sanasto_search_hit_get_entry (hit);
      g_autofree char *markup = sanasto_search_hit_get_snippet_markup (hit);
      const char * const *keywords = sanasto_entry_get_keywords (entry);

      /* The five with the keyword first, showing their lead as title matches do; then
       * the others, the word marked in the text. */
      if (i < 5)
        {
          g_assert_cmpstr (keywords[0], ==, "Shared");
          g_assert_true (g_str_has_prefix (markup, "Every article says"));
        }
      else
        {
          g_assert_null (keywords[0]);
          g_assert_nonnull (strstr (markup, "<b>shared</b>"));
        }
      g_assert_true (g_hash_table_add (seen, entry));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/index/build", test_index_build);
  g_test_add_func ("/index/warm", test_index_warm);
  g_test_add_func ("/index/incremental", test_index_incremental);
  g_test_add_func ("/index/removed-target", test_index_removed_target);
  g_test_add_func ("/index/corrupt", test_index_corrupt);
  g_test_add_func ("/index/truncated", test_index_truncated);
  g_test_add_func ("/index/damaged-page", test_index_damaged_page);
  g_test_add_func ("/index/schema-version", test_index_schema_version);
  g_test_add_func ("/index/backlinks", test_index_backlinks);
  g_test_add_func ("/index/unresolved", test_index_unresolved);
  g_test_add_func ("/index/unusable-cache", test_index_unusable_cache);
  g_test_add_func ("/index/async", test_index_async);
  g_test_add_func ("/index/cancel", test_index_cancel);
  g_test_add_func ("/index/cancel-midway", test_index_cancel_midway);
  g_test_add_func ("/index/concurrent-opens", test_index_concurrent_opens);
  g_test_add_func ("/index/load-glossary", test_index_load_glossary);
  g_test_add_func ("/index/load-from-index", test_index_load_from_index);
  g_test_add_func ("/index/common-words", test_index_common_words);

  return g_test_run ();
}
