/* test-window-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder of hostile files (hostile-folder.c) opened in the real window: it loads, the
 * list shows every good article, each opens in the article view, and a file removed after
 * loading shows a status page instead of a crash.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hostile-folder.h"
#include "sanasto-article-view-private.h"
#include "sanasto-window-private.h"
#include "window-test-support.h"

#define WAIT_SECONDS 120
#define HUGE_SIZE    (2 * 1024 * 1024)

typedef struct
{
  SanastoWindow *window;
  gboolean       load_finished;
  gboolean       load_failed;
  gboolean       web_process_died;
  char          *wanted_uri_end;  /* "/slug" of the page show_entry() waits for */
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

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  Fixture *fixture = user_data;

  if (event == WEBKIT_LOAD_FINISHED)
    fixture->load_finished = TRUE;
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                gpointer         user_data)
{
  Fixture *fixture = user_data;

  fixture->load_failed = TRUE;
  return FALSE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  Fixture *fixture = user_data;

  fixture->web_process_died = TRUE;
}

static gboolean
window_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0;
}

static gboolean
folder_loaded (Fixture *fixture)
{
  return !_sanasto_window_is_loading (fixture->window) &&
         sanasto_window_get_glossary (fixture->window) != NULL;
}

/* The page asked for, not a late "finished" of the one the window opened by itself. */
static gboolean
load_done (Fixture *fixture)
{
  WebKitWebView *web_view = _sanasto_article_view_get_web_view (view_of (fixture));
  const char *uri = webkit_web_view_get_uri (web_view);

  return fixture->load_finished && !webkit_web_view_is_loading (web_view) &&
         uri != NULL && g_str_has_suffix (uri, fixture->wanted_uri_end);
}

static SanastoEntry *
find_in_list (Fixture    *fixture,
              const char *slug)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (
    _sanasto_window_get_list_view (fixture->window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);

      /* A reference of the caller's own: the window may reload the folder meanwhile. */
      if (strcmp (sanasto_entry_get_slug (entry), slug) == 0)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static void
show_entry (Fixture      *fixture,
            SanastoEntry *entry)
{
  g_free (fixture->wanted_uri_end);
  fixture->wanted_uri_end = g_strconcat ("/", sanasto_entry_get_slug (entry), NULL);
  fixture->load_finished = FALSE;
  fixture->load_failed = FALSE;
  sanasto_article_view_load_entry (view_of (fixture), entry);
  sanasto_test_wait_until ((SanastoTestCondition) load_done, fixture, fixture->wanted_uri_end);
  sanasto_test_settle (300);
}

/* The removed article shows a status page, or the folder reloaded without it. */
static gboolean
removed_handled (Fixture *fixture)
{
  g_autoptr(SanastoEntry) removed = NULL;

  if (_sanasto_article_view_get_error (view_of (fixture)) != NULL)
    return TRUE;
  if (!folder_loaded (fixture))
    return FALSE;
  removed = find_in_list (fixture, "removed");
  return removed == NULL;
}

static void
test_window_hostile (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  Fixture fixture = { 0 };
  Hostile hostile = { 0 };
  g_autofree char *removed = NULL;
  WebKitWebView *web_view;
  g_autoptr(SanastoEntry) entry = NULL;
  g_autoptr(SanastoEntry) plain = NULL;

  hostile_build (&hostile, HUGE_SIZE);
  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");

  fixture.window = sanasto_window_new (NULL);
  web_view = _sanasto_article_view_get_web_view (view_of (&fixture));
  g_signal_connect (web_view, "load-changed", G_CALLBACK (load_changed_cb), &fixture);
  g_signal_connect (web_view, "load-failed", G_CALLBACK (load_failed_cb), &fixture);
  g_signal_connect (web_view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb),
                    &fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, &fixture, "the window to show");
  sanasto_window_open_folder (fixture.window, hostile.root, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) folder_loaded, &fixture, "the folder to load");
  sanasto_test_settle (300);

  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "list");

  /* Every good article is in the list and opens. */
  for (guint i = 0; i < hostile_n_good_entries; i++)
    {
      const HostileGood *good = &hostile_good_entries[i];
      g_autofree char *script = g_strdup_printf ("String(document.body.textContent.includes('%s'))",
                                                 good->word);
      g_autofree char *shown = NULL;

      g_clear_object (&entry);
      entry = find_in_list (&fixture, good->slug);
      if (entry == NULL)
        g_error ("The list does not show %s", good->slug);
      show_entry (&fixture, entry);
      g_assert_false (fixture.load_failed);
      g_assert_null (_sanasto_article_view_get_error (view_of (&fixture)));
      shown = sanasto_test_run_script (web_view_of (&fixture), script);
      if (g_strcmp0 (shown, "true") != 0)
        g_error ("The page of %s does not show its text", good->slug);
      g_assert_false (fixture.web_process_died);
    }

  /* Bad files are not in the list. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SanastoEntry) bad = find_in_list (&fixture, (const char *[]) { "empty", "nul",
                                                                                "outside-link" }[i]);

      g_assert_null (bad);
    }

  /* A file removed after loading: the window may reload the folder (then the article is
   * gone from the list) or still list it (then it shows a status page); either way it goes
   * on working. */
  removed = g_build_filename (hostile.root, "removed.md", NULL);
  g_assert_cmpint (g_unlink (removed), ==, 0);
  sanasto_test_settle (300);
  sanasto_test_wait_until ((SanastoTestCondition) folder_loaded, &fixture, "the folder to reload");
  g_clear_object (&entry);
  entry = find_in_list (&fixture, "removed");
  if (entry != NULL)
    {
      sanasto_article_view_load_entry (view_of (&fixture), entry);
      sanasto_test_wait_until ((SanastoTestCondition) removed_handled, &fixture,
                               "a status page or a reload");
    }
  plain = find_in_list (&fixture, "plain");
  g_assert_nonnull (plain);
  show_entry (&fixture, plain);
  g_assert_null (_sanasto_article_view_get_error (view_of (&fixture)));
  g_assert_false (fixture.web_process_died);

  g_signal_handlers_disconnect_by_data (web_view, &fixture);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  sanasto_test_settle (300);
  g_free (fixture.wanted_uri_end);
  hostile_free (&hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sanasto_test_set_wait_seconds (WAIT_SECONDS);
  adw_init ();

  g_test_add_func ("/window-hostile/open", test_window_hostile);

  return g_test_run ();
}
