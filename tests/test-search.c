/* test-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sanasto-glossary.h"
#include "sanasto-index.h"
#include "sanasto-search-command.h"

/* One index of the fixture for all tests: searching does not change it. */
static SanastoIndex *fixture_index;
static char *cache_dir;

static void remove_tree (const char *path);

static char *
fixture_root (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "index", "glossary", NULL);
}

static SanastoIndex *
open_fixture_index (void)
{
  g_autofree char *root = fixture_root ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = sanasto_glossary_load (root, NULL, &error);
  SanastoIndex *result;

  g_assert_no_error (error);
  result = sanasto_index_new (glossary);
  sanasto_index_open (result, NULL, &error);
  g_assert_no_error (error);

  return result;
}

static GPtrArray *
search_in (const char *query,
           const char *language,
           guint       limit)
{
  GPtrArray *hits = sanasto_index_search (fixture_index, query, language, limit);

  g_assert_nonnull (hits);
  return hits;
}

/* "slug/language" of each hit, in order, joined with spaces. */
static char *
describe (GPtrArray *hits)
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
search (const char *query)
{
  g_autoptr(GPtrArray) hits = search_in (query, NULL, 0);

  return describe (hits);
}

static int
position_of (GPtrArray  *hits,
             const char *slug)
{
  for (guint i = 0; i < hits->len; i++)
    {
      SanastoEntry *entry = sanasto_search_hit_get_entry (g_ptr_array_index (hits, i));

      if (g_str_equal (sanasto_entry_get_slug (entry), slug))
        return i;
    }
  return -1;
}

static void
test_search_ranking (void)
{
  g_autoptr(GPtrArray) hits = search_in ("latency", NULL, 0);
  int jitter = position_of (hits, "jitter");
  int bandwidth = position_of (hits, "bandwidth");
  int throughput = position_of (hits, "throughput");

  /* The entry named so first, then the articles that talk about it, most about it first. */
  g_assert_cmpuint (hits->len, ==, 5);
  g_assert_cmpint (position_of (hits, "latency"), ==, 0);
  g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (hits, 0)), ==,
                   SANASTO_SEARCH_MATCH_EXACT);
  g_assert_cmpint (jitter, ==, 1);
  g_assert_cmpint (jitter, <, bandwidth);
  g_assert_cmpint (bandwidth, <, throughput);
  g_assert_cmpint (position_of (hits, "round-trip-time"), >, 0);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (hits, i)), ==,
                     SANASTO_SEARCH_MATCH_FULL_TEXT);
}

/* The full-text part of the list is in bm25 order, as SQLite itself ranks the fixture. */
static void
test_search_bm25_order (void)
{
  static const char * const queries[] = { "latency", "connection", "data", "time", "system" };
  g_autofree char *db_path = sanasto_index_get_database_path (
    sanasto_glossary_get_root (sanasto_index_get_glossary (fixture_index)));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rowid FROM fts WHERE fts MATCH ?1"
                                       " ORDER BY bm25(fts, 10.0, 5.0, 2.0, 1.0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search_in (queries[i], NULL, 0);
      g_autofree char *fts = sanasto_index_build_fts_query (queries[i]);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint h = 0; h < hits->len; h++)
        {
          SanastoSearchHit *hit = g_ptr_array_index (hits, h);
          const char *slug = sanasto_entry_get_slug (sanasto_search_hit_get_entry (hit));

          if (sanasto_search_hit_get_match (hit) == SANASTO_SEARCH_MATCH_FULL_TEXT)
            g_string_append_printf (got, "%s ", slug);
          else
            g_hash_table_add (shown, (char *)slug);
        }

      sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_stmt *slug_stmt = NULL;

          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT slug FROM entries WHERE id = ?1", -1,
                                               &slug_stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_int64 (slug_stmt, 1, sqlite3_column_int64 (stmt, 0));
          g_assert_cmpint (sqlite3_step (slug_stmt), ==, SQLITE_ROW);
          if (!g_hash_table_contains (shown, sqlite3_column_text (slug_stmt, 0)))
            g_string_append_printf (expected, "%s ", sqlite3_column_text (slug_stmt, 0));
          sqlite3_finalize (slug_stmt);
        }
      sqlite3_reset (stmt);

      g_test_message ("%s: %s", queries[i], got->str);
      g_assert_cmpstr (got->str, ==, expected->str);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_search_title_kinds (void)
{
  g_autoptr(GPtrArray) prefix = search_in ("band", NULL, 0);
  g_autoptr(GPtrArray) word = search_in ("time", NULL, 0);
  g_autoptr(GPtrArray) inside = search_in ("atenc", NULL, 0);
  g_autoptr(GPtrArray) alias = search_in ("rtt", NULL, 0);
  g_autoptr(GPtrArray) alias_words = search_in ("Ping Time", NULL, 0);

  g_assert_cmpint (position_of (prefix, "bandwidth"), ==, 0);
  g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (prefix, 0)), ==,
                   SANASTO_SEARCH_MATCH_PREFIX);

  g_assert_cmpint (position_of (word, "round-trip-time"), ==, 0);
  g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (word, 0)), ==,
                   SANASTO_SEARCH_MATCH_WORD_PREFIX);

  g_assert_cmpint (position_of (inside, "latency"), ==, 0);
  g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (inside, 0)), ==,
                   SANASTO_SEARCH_MATCH_SUBSTRING);

  g_assert_cmpint (position_of (alias, "round-trip-time"), ==, 0);
  g_assert_cmpint (sanasto_search_hit_get_match (g_ptr_array_index (alias, 0)), ==,
                   SANASTO_SEARCH_MATCH_EXACT);
  g_assert_true (sanasto_search_hit_get_via_alias (g_ptr_array_index (alias, 0)));

  g_assert_cmpint (position_of (alias_words, "round-trip-time"), ==, 0);
}

static void
test_search_title_order (void)
{
  g_autoptr(GPtrArray) hits = search_in ("cache", NULL, 0);

  /* Exact title first; each entry once even though its text matches too. */
  g_assert_cmpint (position_of (hits, "cache"), ==, 0);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_search_snippets (void)
{
  g_autoptr(GPtrArray) hits = search_in ("milliseconds", NULL, 0);
  g_autoptr(GPtrArray) escaped = search_in ("thumb", NULL, 0);
  g_autoptr(GPtrArray) title = search_in ("Jitter", NULL, 0);
  g_autoptr(GPtrArray) lead = search_in ("kohina", NULL, 0);
  const char *lead_text;
  SanastoSearchHit *hit;
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped_markup = NULL;

  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  markup = sanasto_search_hit_get_snippet_markup (hit);
  text = sanasto_search_hit_get_snippet_text (hit, "«", "»");
  g_assert_nonnull (strstr (markup, "<b>milliseconds</b>"));
  g_assert_nonnull (strstr (text, "«milliseconds»"));
  g_assert_null (strchr (text, '\x02'));

  /* Article text is escaped around the highlight. */
  g_assert_cmpint (position_of (escaped, "cache"), ==, 0);
  escaped_markup = sanasto_search_hit_get_snippet_markup (g_ptr_array_index (escaped, 0));
  g_assert_nonnull (strstr (escaped_markup, "<b>thumb</b>"));
  g_assert_nonnull (strstr (escaped_markup, "small &amp; fast"));
  g_assert_null (strstr (escaped_markup, "& "));

  /* A title match shows the description, or else the start of the text. */
  g_assert_cmpint (position_of (lead, "kohina"), ==, 0);
  lead_text = sanasto_search_hit_get_snippet (g_ptr_array_index (lead, 0));
  g_assert_true (g_str_has_prefix (lead_text, "Kohina on satunnaista vaihtelua"));
  g_assert_true (g_str_has_suffix (lead_text, "…"));
  /* A title match shows the description. */
  g_assert_cmpstr (sanasto_search_hit_get_snippet (g_ptr_array_index (title, 0)), ==,
                   "How much the delay of a connection changes from moment to moment.");
}

static void
test_search_diacritics (void)
{
  g_autofree char *plain = search ("aani");
  g_autofree char *upper = search ("ÄÄNI");
  g_autofree char *accented = search ("ääni");
  g_autofree char *kaiku = search ("aanen");

  g_assert_cmpstr (plain, ==, "aani/fi kaiku/fi");
  g_assert_cmpstr (upper, ==, plain);
  g_assert_cmpstr (accented, ==, plain);
  /* The body says "äänen". */
  g_assert_cmpstr (kaiku, ==, "kaiku/fi");
}

static void
test_search_language (void)
{
  g_autoptr(GPtrArray) en = search_in ("ääni", "en", 0);
  g_autoptr(GPtrArray) fi = search_in ("ääni", "fi", 0);
  g_autoptr(GPtrArray) limited = search_in ("latency", NULL, 2);
  g_autofree char *fi_hits = describe (fi);

  g_assert_cmpuint (en->len, ==, 0);
  g_assert_cmpstr (fi_hits, ==, "aani/fi kaiku/fi");
  g_assert_cmpuint (limited->len, ==, 2);
}

static void
test_search_query_syntax (void)
{
  g_autofree char *typing = search ("milli");
  g_autofree char *finished = search ("millisecond ");
  g_autofree char *phrase = search ("\"first byte\"");
  g_autofree char *reversed = search ("\"byte first\"");
  g_autofree char *both = search ("latency parcels");
  g_autofree char *prefix = search ("parc* theor*");

  /* The last word is still being typed; a space ends it. */
  g_assert_cmpstr (typing, ==, "latency/en");
  g_assert_cmpstr (finished, ==, "");
  g_assert_cmpstr (phrase, ==, "latency/en");
  g_assert_cmpstr (reversed, ==, "");
  g_assert_cmpstr (both, ==, "throughput/en");
  g_assert_cmpstr (prefix, ==, "throughput/en");
}

static void
test_search_build_query (void)
{
  const struct { const char *text; const char *fts; } cases[] = {
    { "latency", "\"latency\"*" },
    { "latency ", "\"latency\"" },
    { "a b", "\"a\" \"b\"*" },
    { "\"first byte\" x", "\"first byte\" \"x\"*" },
    { "\"first byte\"", "\"first byte\"" },
    { "\"first byt\"*", "\"first byt\"*" },
    { "pre* post ", "\"pre\"* \"post\"" },
    { "unbalanced \"quote", "\"unbalanced\" \"quote\"*" },
    { "NEAR AND OR NOT x ", "\"NEAR\" \"AND\" \"OR\" \"NOT\" \"x\"" },
    { "foo\"bar", "\"foo\" \"bar\"*" },
    { "it's ", "\"it's\"" },
    { "-", NULL },
    { "( ) : * \"\"", NULL },
    { "", NULL },
    { "   ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = sanasto_index_build_fts_query (cases[i].text);

      g_test_message ("%s -> %s", cases[i].text, fts);
      g_assert_cmpstr (fts, ==, cases[i].fts);
    }
}

static void
test_search_hostile (void)
{
  static const char * const queries[] = {
    "\"", "(", ")", "*", "**", "NEAR", "NEAR(latency jitter)", "-", "-latency", "+latency",
    ":", "title:latency", "{title body}: latency", "^latency", "AND OR", "AND", "OR", "NOT",
    "latency NOT", "NOT latency", "latency OR jitter", "\"unbalanced", "unbalanced\"",
    "\"a\" \"", "'; DROP TABLE entries; --", "'", "\\", "%", "_", "a*b*c", "\"\"", "\"\" \"\"",
    "latency\"*\"", "\xff\xfe invalid", "ääni*", "", "   ", "\t\n", "NEAR/2", "x NEAR/3 y",
    "\"latency\" NEAR \"jitter\"", "(latency OR", "col:", "*latency", "lat*ency",
  };
  g_autofree char *db_path = sanasto_index_get_database_path (
    sanasto_glossary_get_root (sanasto_index_get_glossary (fixture_index)));
  g_autofree char *long_query = g_strnfill (20000, 'a');
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM fts WHERE fts MATCH ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search_in (queries[i], NULL, 20);
      g_autofree char *fts = sanasto_index_build_fts_query (queries[i]);

      /* Whatever the search returns, the query it makes is valid FTS5. */
      if (fts != NULL)
        {
          sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            g_error ("%s -> %s: %s", queries[i], fts, sqlite3_errmsg (db));
          sqlite3_reset (stmt);
        }
    }

  {
    g_autoptr(GPtrArray) hits = search_in (long_query, NULL, 20);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  /* Random strings of the characters that mean something to FTS5 or SQL, with words. */
  {
    static const char * const pieces[] = {
      "\"", "\"", "*", "(", ")", ":", "-", "+", "^", "'", ";", "{", "}", ",", " ", " ", "  ",
      "NEAR", "AND", "OR", "NOT", "latency", "ääni", "jit", "\\", "%", "_", "\t", "NEAR/2",
    };
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 500; i++)
      {
        g_autoptr(GString) query = g_string_new (NULL);
        int n = g_rand_int_range (rand, 1, 12);
        g_autofree char *fts = NULL;
        g_autoptr(GPtrArray) hits = NULL;

        for (int j = 0; j < n; j++)
          g_string_append (query, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

        hits = search_in (query->str, NULL, 5);
        fts = sanasto_index_build_fts_query (query->str);
        if (fts == NULL)
          continue;
        sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) != SQLITE_ROW)
          g_error ("%s -> %s: %s", query->str, fts, sqlite3_errmsg (db));
        sqlite3_reset (stmt);
      }
  }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Still all there. */
  {
    g_autofree char *after = search ("latency");
    g_assert_true (g_str_has_prefix (after, "latency/en jitter/en"));
  }
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *hits;
  GError    *error;
  guint      pending;
} AsyncSearch;

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncSearch *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = sanasto_index_search_finish (SANASTO_INDEX (object), result,
                                                           &error);

  if (hits != NULL)
    {
      g_clear_pointer (&state->hits, g_ptr_array_unref);
      state->hits = g_steal_pointer (&hits);
    }
  else
    {
      g_clear_error (&state->error);
      state->error = g_steal_pointer (&error);
    }

  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
test_search_async (void)
{
  AsyncSearch state = { g_main_loop_new (NULL, FALSE), NULL, NULL, 2 };
  g_autoptr(GCancellable) superseded = g_cancellable_new ();
  g_autofree char *found = NULL;

  /* As typed: the first search is cancelled when the second starts. */
  sanasto_index_search_async (fixture_index, "lat", NULL, 10, superseded, searched_cb, &state);
  g_cancellable_cancel (superseded);
  sanasto_index_search_async (fixture_index, "latency", NULL, 10, NULL, searched_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (state.hits);
  found = describe (state.hits);
  g_assert_true (g_str_has_prefix (found, "latency/en jitter/en"));

  g_clear_error (&state.error);
  g_ptr_array_unref (state.hits);
  g_main_loop_unref (state.loop);
}

/* Runs what `sanasto --search QUERY DIR` does in a child process that exits with its
 * status, for the g_test_trap_assert_*() that follow; dir NULL: the fixture glossary. */
static void
trap_search_command (const char *query,
                     const char *dir)
{
  if (g_test_subprocess ())
    {
      g_autofree char *root = dir == NULL ? fixture_root () : g_strdup (dir);
      int status;

      g_clear_object (&fixture_index);
      status = sanasto_search_command_run (query, root);
      remove_tree (cache_dir);
      exit (status);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
}

static void
test_search_command (void)
{
  trap_search_command ("milliseconds", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Latency\tlatency\ten\t*«milliseconds»*\n");
}

static void
test_search_command_ranked (void)
{
  trap_search_command ("latency", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Latency\tlatency\ten\tThe delay between*\n"
                             "Jitter\tjitter\ten\t*«latency»*\n*");
}

static void
test_search_command_nothing (void)
{
  /* Nothing found is not a failure, and says so on stderr only. */
  trap_search_command ("'; DROP TABLE entries; --", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*nothing found*");
}

static void
test_search_command_no_folder (void)
{
  trap_search_command ("latency", "/nonexistent/sanasto/folder");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* One index of the fixture for all the tests, in a cache of its own. */
  cache_dir = g_dir_make_tmp ("sanasto-test-search-XXXXXX", NULL);
  g_assert_nonnull (cache_dir);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/ranking", test_search_ranking);
  g_test_add_func ("/search/bm25-order", test_search_bm25_order);
  g_test_add_func ("/search/title-kinds", test_search_title_kinds);
  g_test_add_func ("/search/title-order", test_search_title_order);
  g_test_add_func ("/search/snippets", test_search_snippets);
  g_test_add_func ("/search/diacritics", test_search_diacritics);
  g_test_add_func ("/search/language", test_search_language);
  g_test_add_func ("/search/query-syntax", test_search_query_syntax);
  g_test_add_func ("/search/build-query", test_search_build_query);
  g_test_add_func ("/search/hostile", test_search_hostile);
  g_test_add_func ("/search/async", test_search_async);
  g_test_add_func ("/search/command", test_search_command);
  g_test_add_func ("/search/command-ranked", test_search_command_ranked);
  g_test_add_func ("/search/command-nothing", test_search_command_nothing);
  g_test_add_func ("/search/command-no-folder", test_search_command_no_folder);

  fixture_index = open_fixture_index ();
  status = g_test_run ();
  g_clear_object (&fixture_index);
  remove_tree (cache_dir);
  g_free (cache_dir);

  return status;
}
