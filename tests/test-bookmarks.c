/* test-bookmarks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sanasto-bookmarks.h"
#include "store-fixture.h"

#define ROOT_A "/home/reader/Sanastot/markkinointi"
#define ROOT_B "/home/reader/Glossaries/fruit & veg [draft]"

static char *
titles (GPtrArray *refs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < refs->len; i++)
    {
      SanastoEntryRef *ref = g_ptr_array_index (refs, i);

      g_string_append_printf (out, "%s%s/%s=%s", i > 0 ? "|" : "", ref->language, ref->slug,
                              ref->title);
    }
  return g_string_free (out, FALSE);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

/* Starring entries in two glossaries, closing the app, opening it again. */
static void
test_bookmarks_persist (StoreFixture  *fixture,
                        gconstpointer  data)
{
  const char *path = fixture->path;
  g_autoptr(SanastoBookmarks) bookmarks = sanasto_bookmarks_new (path);
  g_autoptr(SanastoBookmarks) reopened = NULL;
  g_autoptr(GPtrArray) list_a = NULL;
  g_autoptr(GPtrArray) list_b = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *text = NULL;
  guint changes = 0;

  g_signal_connect (bookmarks, "changed", G_CALLBACK (count_cb), &changes);

  all = sanasto_bookmarks_list (bookmarks, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);
  g_assert_true (sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "seo", "Hakukoneoptimointi"));
  g_assert_true (sanasto_bookmarks_add (bookmarks, ROOT_B, "", "apple", "Apple\nwith [odd] = \"title\""));
  g_assert_true (sanasto_bookmarks_add (bookmarks, ROOT_A, "en", "seo", "SEO"));
  g_assert_true (sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "roi", "ROI"));
  /* The same entry again is no second bookmark. */
  g_assert_false (sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "seo", "Hakukoneoptimointi"));
  g_assert_cmpuint (changes, ==, 4);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (sanasto_bookmarks_contains (bookmarks, ROOT_A, "en", "seo"));
  g_assert_false (sanasto_bookmarks_contains (bookmarks, ROOT_B, "en", "seo"));

  reopened = sanasto_bookmarks_new (path);
  list_a = sanasto_bookmarks_list (reopened, ROOT_A);
  text = titles (list_a);
  g_assert_cmpstr (text, ==, "fi/roi=ROI|en/seo=SEO|fi/seo=Hakukoneoptimointi");
  g_clear_pointer (&text, g_free);

  list_b = sanasto_bookmarks_list (reopened, ROOT_B);
  g_assert_cmpuint (list_b->len, ==, 1);
  g_assert_cmpstr (((SanastoEntryRef *) list_b->pdata[0])->root, ==, ROOT_B);
  g_assert_cmpstr (((SanastoEntryRef *) list_b->pdata[0])->title, ==,
                   "Apple\nwith [odd] = \"title\"");
  g_assert_cmpint (((SanastoEntryRef *) list_b->pdata[0])->time, >, 1600000000);

  all = sanasto_bookmarks_list (reopened, NULL);
  g_assert_cmpuint (all->len, ==, 4);

  /* Removing one keeps the rest, on disk too. */
  g_assert_true (sanasto_bookmarks_remove (reopened, ROOT_A, "en", "seo"));
  g_assert_false (sanasto_bookmarks_remove (reopened, ROOT_A, "en", "seo"));
  g_clear_object (&reopened);
  reopened = sanasto_bookmarks_new (path);
  g_clear_pointer (&list_a, g_ptr_array_unref);
  list_a = sanasto_bookmarks_list (reopened, ROOT_A);
  text = titles (list_a);
  g_assert_cmpstr (text, ==, "fi/roi=ROI|fi/seo=Hakukoneoptimointi");
}

/* No path: the user's data folder (isolated by the test harness). */
static void
test_bookmarks_default_path (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "sanasto",
                                                "bookmarks.ini", NULL);
  g_autoptr(SanastoBookmarks) bookmarks = sanasto_bookmarks_new (NULL);

  g_assert_cmpstr (sanasto_bookmarks_get_path (bookmarks), ==, expected);
  sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "kpi", "KPI");
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
check_damaged (const char *contents,
               gssize      length)
{
  StoreFixture store = { NULL, NULL };
  const char *path;
  g_autofree char *corrupt = NULL;
  g_autofree char *corrupt2 = NULL;
  g_autofree char *neighbour = NULL;
  g_autoptr(SanastoBookmarks) bookmarks = NULL;
  g_autoptr(SanastoBookmarks) reopened = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *older = NULL;
  g_autofree char *other = NULL;
  gsize kept_length;

  if (length < 0)
    length = strlen (contents);

  store_fixture_set_up (&store, "bookmarks.ini");
  path = store.path;
  corrupt = g_strconcat (path, ".corrupt", NULL);
  corrupt2 = g_strconcat (path, ".corrupt-2", NULL);
  neighbour = g_build_filename (store.dir, "history.ini", NULL);

  write_file (path, contents, length);
  /* A damaged file from an earlier run and another program file must both survive. */
  write_file (corrupt, "older damage", -1);
  write_file (neighbour, "not ours to touch", -1);

  bookmarks = sanasto_bookmarks_new (path);
  list = sanasto_bookmarks_list (bookmarks, NULL);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_file_get_contents (corrupt2, &kept, &kept_length, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpmem (kept, kept_length, contents, length);
  older = read_file (corrupt);
  g_assert_cmpstr (older, ==, "older damage");
  other = read_file (neighbour);
  g_assert_cmpstr (other, ==, "not ours to touch");

  /* Starting empty, the bookmarks work and are saved again. */
  g_assert_true (sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "seo", "SEO"));
  reopened = sanasto_bookmarks_new (path);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sanasto_bookmarks_list (reopened, ROOT_A);
  g_assert_cmpuint (list->len, ==, 1);

  store_fixture_tear_down (&store, NULL);
}

static void
test_bookmarks_garbled (void)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";

  check_damaged ("this is not a key file at all\n[[[\n", -1);
  check_damaged (binary, sizeof binary - 1);
  check_damaged ("", -1);
  check_damaged ("[Sanasto]\nversion=1\nkind=history\ncount=0\n", -1);
  check_damaged ("[Sanasto]\nversion=1\nkind=bookmarks\ncount=1\n[0]\nroot=not a uri\n"
                 "language=fi\nslug=x\ntitle=X\ntime=1\n", -1);
}

/* A crash in the middle of writing by some other program: the count tells. */
static void
test_bookmarks_truncated (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(SanastoBookmarks) bookmarks = sanasto_bookmarks_new (fixture->path);
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  gsize length;

  sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "seo", "SEO");
  sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "roi", "ROI");
  sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "kpi", "KPI");
  g_file_get_contents (fixture->path, &contents, &length, NULL);
  g_assert_nonnull (contents);

  /* Cut before the last group: what is left parses as a valid but shorter key file. */
  cut = g_strndup (contents, strstr (contents, "[2]") - contents);
  check_damaged (cut, -1);
  /* Cut in the middle of a line. */
  check_damaged (contents, length * 2 / 3);
}

static void
test_bookmarks_export_import (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.ini", NULL);
  g_autofree char *exported = g_build_filename (fixture->dir, "export", "my bookmarks.txt",
                                                NULL);
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.txt", NULL);
  g_autoptr(SanastoBookmarks) bookmarks = sanasto_bookmarks_new (fixture->path);
  g_autoptr(SanastoBookmarks) other = sanasto_bookmarks_new (other_path);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  sanasto_bookmarks_add (bookmarks, ROOT_A, "fi", "seo", "SEO");
  sanasto_bookmarks_add (bookmarks, ROOT_B, "", "pear", "Pear");
  g_assert_true (sanasto_bookmarks_export (bookmarks, exported, &error));
  g_assert_no_error (error);

  sanasto_bookmarks_add (other, ROOT_A, "fi", "seo", "SEO");
  sanasto_bookmarks_add (other, ROOT_A, "fi", "kpi", "KPI");
  g_assert_cmpint (sanasto_bookmarks_import (other, exported, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sanasto_bookmarks_import (other, exported, &error), ==, 0);
  g_assert_no_error (error);

  list = sanasto_bookmarks_list (other, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_true (sanasto_bookmarks_contains (other, ROOT_B, "", "pear"));

  /* A file that is not a bookmarks export changes nothing and says why; it stays put. */
  write_file (garbage, "[Sanasto]\nversion=1\nkind=bookmarks\ncount=5\n", -1);
  g_assert_cmpint (sanasto_bookmarks_import (other, garbage, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (g_file_test (garbage, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sanasto_bookmarks_import (other, "/nonexistent/file", &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sanasto_bookmarks_list (other, NULL);
  g_assert_cmpuint (list->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/bookmarks/persist", StoreFixture, "nested/bookmarks.ini",
              store_fixture_set_up, test_bookmarks_persist, store_fixture_tear_down);
  g_test_add_func ("/bookmarks/default-path", test_bookmarks_default_path);
  g_test_add_func ("/bookmarks/garbled", test_bookmarks_garbled);
  g_test_add ("/bookmarks/truncated", StoreFixture, "bookmarks.ini",
              store_fixture_set_up, test_bookmarks_truncated, store_fixture_tear_down);
  g_test_add ("/bookmarks/export-import", StoreFixture, "bookmarks.ini",
              store_fixture_set_up, test_bookmarks_export_import, store_fixture_tear_down);

  return g_test_run ();
}
