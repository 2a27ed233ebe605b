/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sanasto-bookmarks.h"
#include "sanasto-history.h"
#include "store-fixture.h"

#define ROOT_A "/srv/glossaries/marketing"
#define ROOT_B "/srv/glossaries/hedelmät"

static char *
slugs (SanastoHistory *history,
       const char     *root)
{
  g_autoptr(GPtrArray) refs = sanasto_history_list (history, root);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < refs->len; i++)
    {
      SanastoEntryRef *ref = g_ptr_array_index (refs, i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", ref->slug);
    }
  return g_string_free (out, FALSE);
}

/* Page views are written in the background: waits (generously) until a fresh read of the
 * file lists what the history in memory does. */
static SanastoHistory *
reopen_when_saved (const char     *path,
                   SanastoHistory *history,
                   const char     *root)
{
  g_autofree char *expected = slugs (history, root);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      SanastoHistory *reopened = sanasto_history_new (path);
      g_autofree char *found = slugs (reopened, root);

      if (g_strcmp0 (found, expected) == 0)
        return reopened;
      g_object_unref (reopened);
      if (g_get_monotonic_time () > deadline)
        g_error ("The history file never showed “%s” (it has “%s”)", expected, found);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

/* Reading seo, seo again (a reload), roi, then seo: the list reads like a history. */
static void
test_history_order (StoreFixture  *fixture,
                    gconstpointer  data)
{
  const char *path = fixture->path;
  g_autoptr(SanastoHistory) history = sanasto_history_new (path);
  g_autoptr(SanastoHistory) reopened = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *again = NULL;

  sanasto_history_add (history, ROOT_A, "en", "seo", "SEO");
  sanasto_history_add (history, ROOT_A, "en", "seo", "SEO");
  sanasto_history_add (history, ROOT_B, "fi", "omena", "Omena");
  sanasto_history_add (history, ROOT_A, "en", "roi", "ROI");
  /* Another glossary in between does not make the next one consecutive. */
  sanasto_history_add (history, ROOT_A, "en", "roi", "ROI");
  sanasto_history_add (history, ROOT_A, "fi", "roi", "ROI");
  sanasto_history_add (history, ROOT_A, "en", "seo", "SEO");

  a = slugs (history, ROOT_A);
  g_assert_cmpstr (a, ==, "seo roi roi seo");
  b = slugs (history, ROOT_B);
  g_assert_cmpstr (b, ==, "omena");

  reopened = reopen_when_saved (path, history, ROOT_A);
  again = slugs (reopened, ROOT_A);
  g_assert_cmpstr (again, ==, "seo roi roi seo");
  {
    g_autoptr(GPtrArray) refs = sanasto_history_list (reopened, ROOT_A);

    g_assert_cmpstr (((SanastoEntryRef *) refs->pdata[1])->language, ==, "fi");
    g_assert_cmpstr (((SanastoEntryRef *) refs->pdata[2])->language, ==, "en");
  }

  sanasto_history_clear (reopened, ROOT_A);
  g_clear_pointer (&again, g_free);
  again = slugs (reopened, ROOT_A);
  g_assert_cmpstr (again, ==, "");
  g_clear_pointer (&b, g_free);
  b = slugs (reopened, ROOT_B);
  g_assert_cmpstr (b, ==, "omena");

  /* save() writes now: a fresh read right after it sees the clearing. */
  g_assert_true (sanasto_history_save (reopened, NULL));
  {
    g_autoptr(SanastoHistory) fresh = sanasto_history_new (path);
    g_autofree char *all = slugs (fresh, NULL);

    g_assert_cmpstr (all, ==, "omena");
  }
}

/* A long reading session keeps the latest SANASTO_HISTORY_LIMIT entries per glossary. */
static void
test_history_limit (StoreFixture  *fixture,
                    gconstpointer  data)
{
  const char *path = fixture->path;
  g_autoptr(SanastoHistory) history = sanasto_history_new (path);
  g_autoptr(SanastoHistory) reopened = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GPtrArray) other = NULL;

  sanasto_history_add (history, ROOT_B, "fi", "omena", "Omena");
  for (guint i = 0; i < SANASTO_HISTORY_LIMIT + 50; i++)
    {
      g_autofree char *slug = g_strdup_printf ("term-%u", i);

      sanasto_history_add (history, ROOT_A, "en", slug, NULL);
    }

  reopened = reopen_when_saved (path, history, NULL);
  refs = sanasto_history_list (reopened, ROOT_A);
  g_assert_cmpuint (refs->len, ==, SANASTO_HISTORY_LIMIT);
  g_assert_cmpstr (((SanastoEntryRef *) refs->pdata[0])->slug, ==, "term-249");
  g_assert_cmpstr (((SanastoEntryRef *) refs->pdata[0])->title, ==, "term-249");
  g_assert_cmpstr (((SanastoEntryRef *) refs->pdata[SANASTO_HISTORY_LIMIT - 1])->slug, ==,
                   "term-50");
  other = sanasto_history_list (reopened, ROOT_B);
  g_assert_cmpuint (other->len, ==, 1);
}

/* Closing the app while reading, opening it again: same glossary, entry and position. */
static void
test_history_session (StoreFixture  *fixture,
                      gconstpointer  data)
{
  const char *path = fixture->path;
  g_autoptr(SanastoHistory) history = sanasto_history_new (path);
  g_autoptr(SanastoHistory) reopened = NULL;
  g_autofree char *root = NULL;
  g_autofree char *language = NULL;
  g_autofree char *slug = NULL;
  double scroll_y = -1;

  g_assert_false (sanasto_history_get_session (history, &root, &language, &slug, &scroll_y));

  sanasto_history_set_session (history, ROOT_B, "fi", "päärynä", 1234.5);
  reopened = sanasto_history_new (path);
  g_assert_true (sanasto_history_get_session (reopened, &root, &language, &slug, &scroll_y));
  g_assert_cmpstr (root, ==, ROOT_B);
  g_assert_cmpstr (language, ==, "fi");
  g_assert_cmpstr (slug, ==, "päärynä");
  g_assert_cmpfloat (scroll_y, ==, 1234.5);
  g_clear_pointer (&root, g_free);
  g_clear_pointer (&language, g_free);
  g_clear_pointer (&slug, g_free);

  /* A glossary open with no entry shown. */
  sanasto_history_set_session (reopened, ROOT_A, NULL, NULL, 0);
  g_clear_object (&reopened);
  reopened = sanasto_history_new (path);
  g_assert_true (sanasto_history_get_session (reopened, &root, &language, &slug, &scroll_y));
  g_assert_cmpstr (root, ==, ROOT_A);
  g_assert_cmpstr (language, ==, "");
  g_assert_null (slug);
  g_assert_cmpfloat (scroll_y, ==, 0);

  /* Forgetting the glossary forgets where reading stopped in it. */
  sanasto_history_clear (reopened, ROOT_A);
  g_assert_false (sanasto_history_get_session (reopened, NULL, NULL, NULL, NULL));
  /* On disk too; saving now also keeps the background write from outliving the folder. */
  g_assert_true (sanasto_history_save (reopened, NULL));
  g_clear_object (&reopened);
  reopened = sanasto_history_new (path);
  g_assert_false (sanasto_history_get_session (reopened, NULL, NULL, NULL, NULL));
}

/* A damaged history is set aside; the bookmarks next to it are not touched. */
static void
test_history_damaged (StoreFixture  *fixture,
                      gconstpointer  data)
{
  const char *path = fixture->path;
  g_autofree char *corrupt = g_strconcat (path, ".corrupt", NULL);
  g_autofree char *bookmarks_path = g_build_filename (fixture->dir, "bookmarks.ini", NULL);
  g_autoptr(SanastoBookmarks) bookmarks = sanasto_bookmarks_new (bookmarks_path);
  g_autoptr(SanastoBookmarks) bookmarks_again = NULL;
  g_autoptr(SanastoHistory) history = sanasto_history_new (path);
  g_autoptr(SanastoHistory) damaged = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *list = NULL;
  gsize length;

  sanasto_bookmarks_add (bookmarks, ROOT_A, "en", "seo", "SEO");
  sanasto_history_add (history, ROOT_A, "en", "seo", "SEO");
  sanasto_history_add (history, ROOT_A, "en", "roi", "ROI");
  sanasto_history_set_session (history, ROOT_A, "en", "roi", 10);
  g_file_get_contents (path, &contents, &length, NULL);
  g_assert_nonnull (contents);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  damaged = sanasto_history_new (path);
  list = slugs (damaged, NULL);
  g_assert_cmpstr (list, ==, "");
  g_assert_false (sanasto_history_get_session (damaged, NULL, NULL, NULL, NULL));
  kept = NULL;
  g_file_get_contents (corrupt, &kept, NULL, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpmem (kept, strlen (kept), contents, length / 2);

  bookmarks_again = sanasto_bookmarks_new (bookmarks_path);
  marks = sanasto_bookmarks_list (bookmarks_again, NULL);
  g_assert_cmpuint (marks->len, ==, 1);

  /* A nonsense scroll position only loses the position. */
  g_assert_true (g_file_set_contents (path,
                                      "[Sanasto]\nversion=1\nkind=history\ncount=0\n"
                                      "[Session]\nroot=file:///srv/x\nlanguage=en\nslug=a\n"
                                      "scroll-y=nan\n", -1, NULL));
  g_clear_object (&damaged);
  damaged = sanasto_history_new (path);
  {
    double scroll_y = -1;
    g_autofree char *slug = NULL;

    g_assert_true (sanasto_history_get_session (damaged, NULL, NULL, &slug, &scroll_y));
    g_assert_cmpstr (slug, ==, "a");
    g_assert_cmpfloat (scroll_y, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/history/order", StoreFixture, "history.ini",
              store_fixture_set_up, test_history_order, store_fixture_tear_down);
  g_test_add ("/history/limit", StoreFixture, "history.ini",
              store_fixture_set_up, test_history_limit, store_fixture_tear_down);
  g_test_add ("/history/session", StoreFixture, "history.ini",
              store_fixture_set_up, test_history_session, store_fixture_tear_down);
  g_test_add ("/history/damaged", StoreFixture, "history.ini",
              store_fixture_set_up, test_history_damaged, store_fixture_tear_down);

  return g_test_run ();
}
