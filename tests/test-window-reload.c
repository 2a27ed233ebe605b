/* test-window-reload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live reload: the glossary open in the real window changes on disk (an edit, a new file, a
 * removed one, a `git checkout` worth of files) and the window follows.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "sanasto-article-view-private.h"
#include "sanasto-window-private.h"
#include "sanasto-window-search-private.h"
#include "sanasto-window-reload-private.h"
#include "window-test-support.h"

#define N_MANY 200

typedef struct
{
  SanastoWindow *window;
  char          *folder;
  const char    *title;     /* for the conditions below */
  const char    *text;
  guint          expected;  /* list rows */
} Fixture;

static SanastoArticleView *
view_of (Fixture *fixture)
{
  return sanasto_window_get_article_view (fixture->window);
}

static WebKitWebView *
web_view_of (Fixture *fixture)
{
  return _sanasto_article_view_get_web_view (view_of (fixture));
}

static gboolean
window_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0;
}

static gboolean
loaded (Fixture *fixture)
{
  return !_sanasto_window_is_loading (fixture->window);
}

static gboolean
page_settled (Fixture *fixture)
{
  SanastoArticleView *view = view_of (fixture);

  return sanasto_article_view_get_entry (view) != NULL && !_sanasto_article_view_is_loading (view);
}

static gboolean
quiet (Fixture *fixture)
{
  return !_sanasto_window_is_reloading (fixture->window);
}

/* The number of list rows titled title (the list shows every term while no search runs). */
static guint
count_in_list (Fixture    *fixture,
               const char *title)
{
  GListModel *matches = _sanasto_window_get_matches (fixture->window);
  guint n = 0;

  for (guint i = 0; matches != NULL && i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (matches, i);

      if (g_strcmp0 (sanasto_entry_get_title (entry), title) == 0)
        n++;
    }
  return n;
}

static gboolean
title_listed (Fixture *fixture)
{
  return quiet (fixture) && count_in_list (fixture, fixture->title) == 1;
}

static gboolean
title_gone (Fixture *fixture)
{
  return quiet (fixture) && count_in_list (fixture, fixture->title) == 0;
}

static gboolean
page_shows_text (Fixture *fixture)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (!page_settled (fixture))
    return FALSE;
  heading = sanasto_test_run_script (web_view_of (fixture),
                                     "(document.querySelector('h1') || {}).textContent || ''");
  body = sanasto_test_run_script (web_view_of (fixture), "document.body.innerText");
  return g_strcmp0 (heading, fixture->title) == 0 && body != NULL &&
         strstr (body, fixture->text) != NULL;
}

static gboolean
backlinks_name (Fixture *fixture)
{
  g_autofree char *text =
    sanasto_test_run_script (web_view_of (fixture),
                             "(document.querySelector ('section.backlinks') || {}).innerText || ''");

  return text != NULL && strstr (text, fixture->text) != NULL;
}

static gboolean
full_text_finds (Fixture *fixture)
{
  GListModel *hits = _sanasto_window_get_full_text_hits (fixture->window);

  if (_sanasto_window_is_searching (fixture->window))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(SanastoSearchHit) hit = g_list_model_get_item (hits, i);

      if (g_strcmp0 (sanasto_entry_get_title (sanasto_search_hit_get_entry (hit)),
                     fixture->title) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
all_many_listed (Fixture *fixture)
{
  GListModel *matches = _sanasto_window_get_matches (fixture->window);

  return quiet (fixture) && matches != NULL &&
         g_list_model_get_n_items (matches) == fixture->expected;
}

static gboolean
shows_status (Fixture *fixture)
{
  return g_strcmp0 (_sanasto_window_get_content_state (fixture->window), "status") == 0;
}

static void
write_article (Fixture    *fixture,
               const char *name,
               const char *title,
               const char *body)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autofree char *text = g_strdup_printf ("---\ntitle: %s\n---\n%s\n", title, body);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
copy_fixture (Fixture *fixture)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "window", "fruit",
                                                   NULL);
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (fixture->folder, name, NULL);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &text, &length, NULL));
      g_assert_true (g_file_set_contents (to, text, length, NULL));
    }
}

static void
test_reload (void)
{
  Fixture fixture = { NULL, };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *banana = NULL;
  g_autofree char *apple = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *marker = NULL;
  guint before;

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");
  fixture.folder = g_dir_make_tmp ("sanasto-reload-XXXXXX", &error);
  g_assert_no_error (error);
  copy_fixture (&fixture);

  fixture.window = sanasto_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, &fixture, "the window to show");
  sanasto_window_open_folder (fixture.window, fixture.folder, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, &fixture, "the folder to load");
  sanasto_test_wait_until ((SanastoTestCondition) page_settled, &fixture, "the first article");
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "apple");
  g_assert_cmpuint (_sanasto_window_get_reload_count (fixture.window), ==, 0);

  /* (a) The open article is edited: new title and body, in the page and in the list. */
  write_article (&fixture, "apple.md", "Apple Renamed", "A zebra ate the orchard.");
  fixture.title = "Apple Renamed";
  fixture.text = "zebra ate the orchard";
  sanasto_test_wait_until ((SanastoTestCondition) title_listed, &fixture,
                           "the new title in the list");
  g_assert_cmpuint (count_in_list (&fixture, "Apple"), ==, 0);
  sanasto_test_wait_until ((SanastoTestCondition) page_shows_text, &fixture,
                           "the edited article in the view");
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "apple");
  g_assert_cmpuint (_sanasto_window_get_reload_count (fixture.window), >=, 1);

  /* (b) A new article appears, also while a search for it is typed, which stays. */
  marker = sanasto_test_run_script (web_view_of (&fixture),
                                    "window.reloadMarker = 'kept'; window.reloadMarker");
  g_assert_cmpstr (marker, ==, "kept");
  g_clear_pointer (&marker, g_free);
  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "cherry");
  write_article (&fixture, "cherry.md", "Cherry",
                 "Small and crimson, smaller than an [apple](apple.md).");
  fixture.title = "Cherry";
  sanasto_test_wait_until ((SanastoTestCondition) title_listed, &fixture,
                           "the new article in the list");
  g_assert_cmpstr (gtk_editable_get_text (_sanasto_window_get_search_entry (fixture.window)), ==,
                   "cherry");
  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "");
  /* The article shown is still the one read, and its page was not loaded again (the reader
   * keeps their place). */
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "apple");
  g_assert_cmpstr (sanasto_entry_get_title (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "Apple Renamed");
  marker = sanasto_test_run_script (web_view_of (&fixture), "window.reloadMarker || 'reloaded'");
  g_assert_cmpstr (marker, ==, "kept");
  g_clear_pointer (&marker, g_free);
  /* Its "Referenced by" now names the new article that links to it. */
  fixture.text = "Cherry";
  sanasto_test_wait_until ((SanastoTestCondition) backlinks_name, &fixture,
                           "the new backlink on the page");
  /* Full-text search knows the new article's words. */
  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "crimson");
  fixture.title = "Cherry";
  sanasto_test_wait_until ((SanastoTestCondition) full_text_finds, &fixture,
                           "a full-text hit in the new article");
  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "");

  /* A new folder is watched too. */
  sub = g_build_filename (fixture.folder, "more", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  sanasto_test_wait_until ((SanastoTestCondition) quiet, &fixture, "the new folder to be seen");
  write_article (&fixture, "more/date.md", "Date", "Sweet and brown.");
  fixture.title = "Date";
  sanasto_test_wait_until ((SanastoTestCondition) title_listed, &fixture,
                           "the article in a new folder");

  /* (c) A removed article disappears. */
  banana = g_build_filename (fixture.folder, "banana.md", NULL);
  g_assert_cmpint (g_unlink (banana), ==, 0);
  fixture.title = "Banana";
  sanasto_test_wait_until ((SanastoTestCondition) title_gone, &fixture,
                           "the removed article to leave the list");

  /* (d) 200 files at once (a checkout of another branch): one reload shows them all. */
  sanasto_test_wait_until ((SanastoTestCondition) quiet, &fixture, "no reload to be pending");
  before = _sanasto_window_get_reload_count (fixture.window);
  fixture.expected = g_list_model_get_n_items (_sanasto_window_get_matches (fixture.window)) +
                     N_MANY;
  for (guint i = 0; i < N_MANY; i++)
    {
      g_autofree char *name = g_strdup_printf ("many-%03u.md", i);
      g_autofree char *title = g_strdup_printf ("Many %03u", i);

      write_article (&fixture, name, title, "One of many.");
    }
  sanasto_test_wait_until ((SanastoTestCondition) all_many_listed, &fixture,
                           "the 200 new articles");
  g_assert_cmpuint (count_in_list (&fixture, "Many 000"), ==, 1);
  g_assert_cmpuint (count_in_list (&fixture, "Many 199"), ==, 1);
  g_assert_cmpuint (_sanasto_window_get_reload_count (fixture.window), ==, before + 1);

  /* The open article is removed: the view says it is gone. */
  apple = g_build_filename (fixture.folder, "apple.md", NULL);
  g_assert_cmpint (g_unlink (apple), ==, 0);
  fixture.title = "Apple Renamed";
  sanasto_test_wait_until ((SanastoTestCondition) title_gone, &fixture,
                           "the open article to leave the list");
  sanasto_test_wait_until ((SanastoTestCondition) shows_status, &fixture,
                           "the article-removed state");
  g_assert_null (sanasto_article_view_get_entry (view_of (&fixture)));

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  sanasto_test_remove_tree (fixture.folder);
  g_free (fixture.folder);
}

static gboolean
indexed (Fixture *fixture)
{
  SanastoIndex *index = _sanasto_window_get_index (fixture->window);

  return !_sanasto_window_is_indexing (fixture->window) && index != NULL &&
         sanasto_index_is_ready (index);
}

static gboolean
checked (Fixture *fixture)
{
  return _sanasto_window_get_reloads_done (fixture->window) >= 1 && quiet (fixture);
}

/* Every file an hour old: the index vouches only for files not changed just before it read
 * them. */
static void
age_files (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
      struct utimbuf times = { time (NULL) - 3600, time (NULL) - 3600 };

      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }
}

static gboolean
shows_slug (Fixture *fixture)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (view_of (fixture));

  return page_settled (fixture) && checked (fixture) &&
         g_strcmp0 (sanasto_entry_get_slug (entry), fixture->text) == 0;
}

/* Opens the folder (asking for term, if any) in a new window, waits for its first article. */
static void
open_window (Fixture    *fixture,
             const char *term)
{
  fixture->window = sanasto_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, fixture, "the window to show");
  sanasto_window_open_folder (fixture->window, fixture->folder, term);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, fixture, "the folder to load");
  sanasto_test_wait_until ((SanastoTestCondition) page_settled, fixture, "the first article");
  sanasto_test_wait_until ((SanastoTestCondition) indexed, fixture, "the index");
}

/* A glossary opened before lists its terms from the index at once, then reads the folder for
 * what changed while it was closed: a renamed term, a new one, the open article's new text. */
static void
test_changed_while_closed (void)
{
  Fixture fixture = { NULL, };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  GListModel *matches;

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");
  fixture.folder = g_dir_make_tmp ("sanasto-closed-XXXXXX", &error);
  g_assert_no_error (error);
  copy_fixture (&fixture);
  age_files (&fixture);

  /* First open: nothing to check, the index is built. */
  open_window (&fixture, NULL);
  g_assert_cmpuint (_sanasto_window_get_reload_count (fixture.window), ==, 0);
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "apple");
  gtk_window_destroy (GTK_WINDOW (fixture.window));

  /* Opened again, nothing changed: checked, and nothing is replaced. */
  open_window (&fixture, NULL);
  matches = _sanasto_window_get_matches (fixture.window);
  sanasto_test_wait_until ((SanastoTestCondition) checked, &fixture, "the folder to be checked");
  g_assert_true (_sanasto_window_get_matches (fixture.window) == matches);
  g_assert_cmpuint (count_in_list (&fixture, "Apple"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (fixture.window));

  /* Changed while closed. */
  write_article (&fixture, "apple.md", "Apple Changed", "Picked while the window was closed.");
  write_article (&fixture, "fig.md", "Fig", "Soft and sweet.");
  open_window (&fixture, NULL);
  fixture.title = "Apple Changed";
  fixture.text = "Picked while the window was closed";
  sanasto_test_wait_until ((SanastoTestCondition) title_listed, &fixture,
                           "the changed title in the list");
  g_assert_cmpuint (count_in_list (&fixture, "Apple"), ==, 0);
  g_assert_cmpuint (count_in_list (&fixture, "Fig"), ==, 1);
  sanasto_test_wait_until ((SanastoTestCondition) page_shows_text, &fixture,
                           "the changed article in the view");
  g_assert_cmpuint (_sanasto_window_get_reload_count (fixture.window), ==, 1);
  gtk_window_destroy (GTK_WINDOW (fixture.window));

  /* A term asked for by name, added while closed: not in the list from the index, shown once
   * the folder is checked, and never said to be missing. */
  write_article (&fixture, "quince.md", "Quince", "Hard, yellow and fragrant.");
  open_window (&fixture, "Quince");
  fixture.text = "quince";
  sanasto_test_wait_until ((SanastoTestCondition) shows_slug, &fixture, "the asked-for term");
  g_assert_null (_sanasto_window_get_last_toast (fixture.window));

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  sanasto_test_remove_tree (fixture.folder);
  g_free (fixture.folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-reload/follows-the-folder", test_reload);
  g_test_add_func ("/window-reload/changed-while-closed", test_changed_while_closed);

  return g_test_run ();
}
