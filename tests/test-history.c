/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sanasto-bookmarks.h"
#include "sanasto-history.h"

#define ROOT_A "/srv/glossaries/marketing"
#define ROOT_B "/srv/glossaries/hedelmät"

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sanasto-history-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

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
test_history_order (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history.ini", NULL);
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

  remove_tree (dir);
}

/* A long reading session keeps the latest SANASTO_HISTORY_LIMIT entries per glossary. */
static void
test_history_limit (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history.ini", NULL);
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

  remove_tree (dir);
}

/* Closing the app while reading, opening it again: same glossary, entry and position. */
static void
test_history_session (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history.ini", NULL);
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

  remove_tree (dir);
}

/* A damaged history is set aside; the bookmarks next to it are not touched. */
static void
test_history_damaged (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history.ini", NULL);
  g_autofree char *corrupt = g_strconcat (path, ".corrupt", NULL);
  g_autofree char *bookmarks_path = g_build_filename (dir, "bookmarks.ini", NULL);
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

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/order", test_history_order);
  g_test_add_func ("/history/limit", test_history_limit);
  g_test_add_func ("/history/session", test_history_session);
  g_test_add_func ("/history/damaged", test_history_damaged);

  return g_test_run ();
}
