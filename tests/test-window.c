/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real reader window on the test display: open a folder, search, open terms,
 * follow links, go back, and check what a reader would see.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sanasto-article-view-private.h"
#include "sanasto-term-matcher.h"
#include "sanasto-window-private.h"
#include "window-test-support.h"

/* Generous: a slow machine must not fail the tests, a hang must. As long as the give-up
 * time of window-test-support.c: 60 s was reached by load alone. */
#define WAIT_SECONDS 240

typedef struct
{
  SanastoWindow *window;
  char          *launched_uri;
  int            find_matches;  /* -1: no answer yet */
} Fixture;

static void
capture_launch (GtkWidget  *widget,
                const char *uri,
                gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->launched_uri);
  fixture->launched_uri = g_strdup (uri);
}

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

/* What the article view showed when a wait gave up: the failure says more than its name. */
static char *
describe_view (Fixture *fixture)
{
  SanastoArticleView *view = view_of (fixture);
  SanastoEntry *entry = sanasto_article_view_get_entry (view);
  const char *uri = sanasto_article_view_get_uri (view);
  const char *error = _sanasto_article_view_get_error (view);

  return g_strdup_printf ("the view is at %s, entry %s, %s; error page: %s; folder %s",
                          uri ? uri : "no address", entry ? sanasto_entry_get_slug (entry) : "none",
                          _sanasto_article_view_is_loading (view) ? "loading" : "not loading",
                          error ? error : "none",
                          _sanasto_window_is_loading (fixture->window) ? "loading" : "loaded");
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("window-%s.png", name);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            file_name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  sanasto_test_settle (400);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static gboolean
window_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0;
}

static void
fixture_open (Fixture    *fixture,
              const char *folder)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Each test starts as a first run: no last glossary or entry to go back to. */
  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");
  g_settings_reset (settings, "zoom-level");

  fixture->window = sanasto_window_new (NULL);
  _sanasto_article_view_set_launcher (view_of (fixture), capture_launch, fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, fixture, "the window to show");
  sanasto_window_open_folder (fixture->window, folder, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, fixture, "the folder to load");
}

static void
fixture_open_fruit (Fixture *fixture)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "window", "fruit",
                                                   NULL);

  fixture_open (fixture, folder);
  sanasto_test_wait_until_described ((SanastoTestCondition) page_settled,
                                     (SanastoTestDescribe) describe_view, fixture,
                                     "the first article");
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sanasto_test_settle (400);
  g_clear_pointer (&fixture->launched_uri, g_free);
}

static char *
slug_shown (Fixture *fixture)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (view_of (fixture));

  return g_strdup (entry ? sanasto_entry_get_slug (entry) : NULL);
}

static void
click_link (Fixture    *fixture,
            const char *selector)
{
  g_autofree char *script =
    g_strdup_printf ("document.querySelector('%s').click(); 'clicked'", selector);
  g_autofree char *result = sanasto_test_run_script (web_view_of (fixture), script);

  g_assert_cmpstr (result, ==, "clicked");
}

static const char *wanted_heading;

static gboolean
heading_is_wanted (Fixture *fixture)
{
  g_autofree char *heading =
    sanasto_test_run_script (web_view_of (fixture),
                             "(document.querySelector('h1') || {}).textContent || ''");

  return g_strcmp0 (heading, wanted_heading) == 0;
}

static void
assert_shows (Fixture    *fixture,
              const char *slug,
              const char *title)
{
  g_autofree char *shown = slug_shown (fixture);
  g_autofree char *uri_end = g_strdup_printf ("/%s", slug);
  g_autofree char *what = g_strdup_printf ("the heading “%s”", title);
  const char *uri = sanasto_article_view_get_uri (view_of (fixture));

  g_assert_cmpstr (shown, ==, slug);
  g_assert_true (g_str_has_prefix (uri, "sanasto://entry/"));
  g_assert_true (g_str_has_suffix (uri, uri_end));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, title);
  /* What the page itself shows. */
  wanted_heading = title;
  sanasto_test_wait_until ((SanastoTestCondition) heading_is_wanted, fixture, what);
}

static const char *wanted_slug;

static gboolean
shows_wanted (Fixture *fixture)
{
  g_autofree char *shown = slug_shown (fixture);

  return g_strcmp0 (shown, wanted_slug) == 0 && page_settled (fixture);
}

static void
wait_for_slug (Fixture    *fixture,
               const char *slug)
{
  g_autofree char *what = g_strdup_printf ("the article “%s”", slug);

  wanted_slug = slug;
  sanasto_test_wait_until_described ((SanastoTestCondition) shows_wanted,
                                     (SanastoTestDescribe) describe_view, fixture, what);
}

static GListModel *
list_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (_sanasto_window_get_list_view (fixture->window)));
}

static char *
list_titles (Fixture *fixture)
{
  GListModel *model = list_model (fixture);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (titles, ", ");
      g_string_append (titles, sanasto_entry_get_title (entry));
    }
  return g_string_free (titles, FALSE);
}

static const char *wanted_query;

static gboolean
list_follows_query (Fixture *fixture)
{
  GListModel *matches = _sanasto_window_get_matches (fixture->window);

  return matches != NULL &&
         g_strcmp0 (wanted_query, gtk_editable_get_text (
                      _sanasto_window_get_search_entry (fixture->window))) == 0 &&
         g_strcmp0 (wanted_query, sanasto_term_matcher_get_query (
                      SANASTO_TERM_MATCHER (matches))) == 0;
}

static void
type_query (Fixture    *fixture,
            const char *query)
{
  GtkEditable *entry = _sanasto_window_get_search_entry (fixture->window);

  gtk_editable_set_text (entry, "");
  /* Type it the way a person does: one character at a time. */
  for (const char *p = query; *p; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_insert_text (entry, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (entry, -1);
      sanasto_test_settle (30);
    }
  wanted_query = query;
  sanasto_test_wait_until ((SanastoTestCondition) list_follows_query, fixture,
                           "the list to follow the search");
}

static void
test_open_folder (void)
{
  Fixture fixture = { 0 };
  g_autofree char *titles = NULL;

  fixture_open_fruit (&fixture);

  g_assert_cmpuint (g_list_model_get_n_items (list_model (&fixture)), ==, 7);
  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "list");
  titles = list_titles (&fixture);
  g_assert_cmpstr (titles, ==,
                   "Apple, Apricot, Banana, Crab apple, Éclair, Grape, Pineapple");
  /* The first term opens by itself. */
  assert_shows (&fixture, "apple", "Apple");
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 0);
  save_screenshot (&fixture, "opened");

  /* Remembered for the next start and the Recent menu. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-glossaries");
    g_autofree char *last = g_settings_get_string (settings, "last-glossary");
    g_autofree char *last_entry = g_settings_get_string (settings, "last-entry");
    const char *root = sanasto_glossary_get_root (sanasto_window_get_glossary (fixture.window));

    g_assert_cmpstr (last, ==, root);
    g_assert_nonnull (recent[0]);
    g_assert_cmpstr (recent[0], ==, root);
    g_assert_cmpstr (last_entry, ==, "/apple");
  }

  fixture_close (&fixture);
}

/* What pressing Down in the search entry does: the entry's own key handler runs. */
static void
press_down_in_search (Fixture *fixture)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (_sanasto_window_get_search_entry (fixture->window)));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    }
  g_assert_true (handled);
  sanasto_test_settle (400);
}

static void
test_search (void)
{
  Fixture fixture = { 0 };
  g_autofree char *apple = NULL;
  g_autofree char *eclair = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *fuzzy = NULL;

  fixture_open_fruit (&fixture);

  type_query (&fixture, "apple");
  apple = list_titles (&fixture);
  /* Exact, then a later word, then inside a word. */
  g_assert_cmpstr (apple, ==, "Apple, Crab apple, Pineapple");
  save_screenshot (&fixture, "search");

  type_query (&fixture, "ECL");
  eclair = list_titles (&fixture);
  g_assert_cmpstr (eclair, ==, "Éclair");

  type_query (&fixture, "malus");
  alias = list_titles (&fixture);
  g_assert_cmpstr (alias, ==, "Apple");

  type_query (&fixture, "apl");
  fuzzy = list_titles (&fixture);
  g_assert_cmpstr (fuzzy, ==, "Apple, Crab apple, Pineapple");

  type_query (&fixture, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (&fixture)), ==, 0);
  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "status");
  save_screenshot (&fixture, "no-match");

  /* Enter opens the best match. */
  type_query (&fixture, "grap");
  g_signal_emit_by_name (_sanasto_window_get_search_entry (fixture.window), "activate");
  wait_for_slug (&fixture, "grape");
  assert_shows (&fixture, "grape", "Grape");

  /* Down moves from the search into the list, on the best match. */
  type_query (&fixture, "apple");
  press_down_in_search (&fixture);
  wait_for_slug (&fixture, "apple");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                         GTK_WIDGET (_sanasto_window_get_list_view (fixture.window))));
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 0);

  /* Escape clears the search: the whole list again, the article read still selected. */
  g_signal_emit_by_name (_sanasto_window_get_search_entry (fixture.window), "stop-search");
  wanted_query = "";
  sanasto_test_wait_until ((SanastoTestCondition) list_follows_query, &fixture,
                           "the list to show every term");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (&fixture)), ==, 7);
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 0);

  fixture_close (&fixture);
}

static void
test_activate_row (void)
{
  Fixture fixture = { 0 };
  GtkListView *list_view;

  fixture_open_fruit (&fixture);
  list_view = _sanasto_window_get_list_view (fixture.window);

  /* Row 2 of the alphabetical list is Banana. */
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 2);
  wait_for_slug (&fixture, "banana");
  assert_shows (&fixture, "banana", "Banana");
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 2);
  save_screenshot (&fixture, "banana");

  fixture_close (&fixture);
}

static void
test_links_and_history (void)
{
  Fixture fixture = { 0 };

  fixture_open_fruit (&fixture);
  assert_shows (&fixture, "apple", "Apple");
  g_assert_false (sanasto_article_view_can_go_back (view_of (&fixture)));

  click_link (&fixture, "a[href*=\"entry\"][href*=\"banana\"]");
  wait_for_slug (&fixture, "banana");
  assert_shows (&fixture, "banana", "Banana");
  /* The list selection follows the article. */
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 2);
  g_assert_true (sanasto_article_view_can_go_back (view_of (&fixture)));

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.go-back", NULL);
  wait_for_slug (&fixture, "apple");
  assert_shows (&fixture, "apple", "Apple");
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.go-forward", NULL);
  wait_for_slug (&fixture, "banana");
  assert_shows (&fixture, "banana", "Banana");

  fixture_close (&fixture);
}

static gboolean
something_launched (Fixture *fixture)
{
  return fixture->launched_uri != NULL;
}

static void
test_external_link (void)
{
  Fixture fixture = { 0 };
  const char *uri_before;

  fixture_open_fruit (&fixture);
  uri_before = sanasto_article_view_get_uri (view_of (&fixture));

  click_link (&fixture, "a[href^=\"https:\"]");
  sanasto_test_wait_until ((SanastoTestCondition) something_launched, &fixture,
                           "the browser to be asked");
  sanasto_test_settle (400);

  g_assert_cmpstr (fixture.launched_uri, ==, "https://example.org/orchards");
  /* Never loaded in the view itself. */
  g_assert_cmpstr (sanasto_article_view_get_uri (view_of (&fixture)), ==, uri_before);
  assert_shows (&fixture, "apple", "Apple");

  fixture_close (&fixture);
}

static gboolean
search_has_anchor_text (Fixture *fixture)
{
  return g_strcmp0 (gtk_editable_get_text (_sanasto_window_get_search_entry (fixture->window)),
                    "the durian") == 0;
}

static void
test_missing_link (void)
{
  Fixture fixture = { 0 };

  fixture_open_fruit (&fixture);

  click_link (&fixture, "a[href*=\"missing\"]");
  sanasto_test_wait_until ((SanastoTestCondition) search_has_anchor_text, &fixture,
                           "the anchor text in the search");
  sanasto_test_settle (400);

  g_assert_cmpstr (_sanasto_window_get_last_toast (fixture.window), ==,
                   "“the durian” is not in this glossary");
  g_assert_null (fixture.launched_uri);
  assert_shows (&fixture, "apple", "Apple");
  save_screenshot (&fixture, "missing-link");

  fixture_close (&fixture);
}

static void
test_empty_folder (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("sanasto-empty-XXXXXX", &error);

  g_assert_no_error (error);
  fixture_open (&fixture, folder);

  g_assert_cmpstr (_sanasto_window_get_content_state (fixture.window), ==, "status");
  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "status");
  g_assert_null (sanasto_article_view_get_entry (view_of (&fixture)));
  save_screenshot (&fixture, "empty");

  fixture_close (&fixture);
  g_rmdir (folder);
}

static void
test_unreadable_folder (void)
{
  Fixture fixture = { 0 };
  g_autofree char *folder = g_build_filename (g_get_tmp_dir (), "sanasto-no-such-folder", NULL);

  fixture_open (&fixture, folder);

  g_assert_cmpstr (_sanasto_window_get_content_state (fixture.window), ==, "status");
  g_assert_null (sanasto_window_get_glossary (fixture.window));
  save_screenshot (&fixture, "unreadable");

  fixture_close (&fixture);
}

static void
test_languages (void)
{
  Fixture fixture = { 0 };
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "window",
                                                   "two-languages", NULL);
  g_autofree char *english = NULL;
  g_autofree char *finnish = NULL;
  GtkDropDown *languages;

  fixture_open (&fixture, folder);
  sanasto_test_wait_until_described ((SanastoTestCondition) page_settled,
                                     (SanastoTestDescribe) describe_view, &fixture,
                                     "the first article");
  languages = _sanasto_window_get_language_switcher (fixture.window);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (languages)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (languages)), ==, 2);
  english = list_titles (&fixture);
  g_assert_cmpstr (english, ==, "Cat, Dog");
  assert_shows (&fixture, "cat", "Cat");

  /* The list follows the language, and the article becomes its translation. */
  gtk_drop_down_set_selected (languages, 1);
  finnish = list_titles (&fixture);
  g_assert_cmpstr (finnish, ==, "Kissa, Koira");
  wait_for_slug (&fixture, "cat");
  assert_shows (&fixture, "cat", "Kissa");
  g_assert_cmpstr (sanasto_entry_get_language (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "fi");
  save_screenshot (&fixture, "finnish");

  fixture_close (&fixture);
}

static void
find_result_cb (SanastoArticleView *view,
                guint               n_matches,
                Fixture            *fixture)
{
  fixture->find_matches = n_matches;
}

static gboolean
find_answered (Fixture *fixture)
{
  return fixture->find_matches >= 0;
}

static void
test_find_in_page (void)
{
  Fixture fixture = { 0 };
  GtkWidget *focus;

  fixture_open_fruit (&fixture);
  g_signal_connect (view_of (&fixture), "find-result", G_CALLBACK (find_result_cb), &fixture);

  /* Ctrl+F puts the focus in the find entry; type there. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find", NULL);
  sanasto_test_settle (400);
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_true (focus != GTK_WIDGET (_sanasto_window_get_search_entry (fixture.window)) &&
                 !gtk_widget_is_ancestor (focus, GTK_WIDGET (
                   _sanasto_window_get_search_entry (fixture.window))));

  fixture.find_matches = -1;
  gtk_editable_set_text (GTK_EDITABLE (focus), "apple");
  sanasto_test_wait_until ((SanastoTestCondition) find_answered, &fixture, "the find result");
  /* The heading, "An apple" and "apples", and as many again as the "Referenced by" section
   * shows once the index is ready: every one the reader sees. */
  {
    g_autofree char *seen =
      sanasto_test_run_script (web_view_of (&fixture),
                               "String ((document.body.innerText.match (/apple/gi) || []).length)");

    g_assert_cmpint (fixture.find_matches, >=, 3);
    g_assert_cmpint (fixture.find_matches, ==, atoi (seen));
  }
  save_screenshot (&fixture, "find");

  fixture.find_matches = -1;
  gtk_editable_set_text (GTK_EDITABLE (focus), "durianfruit");
  sanasto_test_wait_until ((SanastoTestCondition) find_answered, &fixture, "the find result");
  g_assert_cmpint (fixture.find_matches, ==, 0);

  /* Typing went to the find entry, not to the term search. */
  g_assert_cmpstr (gtk_editable_get_text (_sanasto_window_get_search_entry (fixture.window)), ==,
                   "");

  fixture_close (&fixture);
}

static gboolean
error_shown (Fixture *fixture)
{
  return _sanasto_article_view_get_error (view_of (fixture)) != NULL;
}

static gboolean
error_gone (Fixture *fixture)
{
  return !error_shown (fixture) && page_settled (fixture);
}

static void
test_entry_not_found (void)
{
  Fixture fixture = { 0 };

  fixture_open_fruit (&fixture);

  /* A stale address, as an old bookmark or a renamed file would give. */
  webkit_web_view_load_uri (_sanasto_article_view_get_web_view (view_of (&fixture)),
                            "sanasto://entry/_/no-such-fruit");
  sanasto_test_wait_until ((SanastoTestCondition) error_shown, &fixture, "the not-found page");
  g_assert_cmpstr (_sanasto_article_view_get_error (view_of (&fixture)), ==,
                   "This Article Cannot Be Shown");
  g_assert_null (sanasto_article_view_get_entry (view_of (&fixture)));
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (list_model (&fixture))), ==,
                    GTK_INVALID_LIST_POSITION);
  save_screenshot (&fixture, "not-found");

  /* The list still works. */
  gtk_widget_activate_action (GTK_WIDGET (_sanasto_window_get_list_view (fixture.window)),
                              "list.activate-item", "u", 1);
  wait_for_slug (&fixture, "apricot");
  sanasto_test_wait_until ((SanastoTestCondition) error_gone, &fixture, "the article to come back");
  assert_shows (&fixture, "apricot", "Apricot");

  fixture_close (&fixture);
}

static void
test_web_process_crash (void)
{
  Fixture fixture = { 0 };

  fixture_open_fruit (&fixture);

  webkit_web_view_terminate_web_process (_sanasto_article_view_get_web_view (view_of (&fixture)));
  sanasto_test_wait_until ((SanastoTestCondition) error_shown, &fixture, "the crash page");
  g_assert_cmpstr (_sanasto_article_view_get_error (view_of (&fixture)), ==,
                   "The Article View Stopped");
  save_screenshot (&fixture, "crashed");

  /* What the Reload button does. */
  sanasto_article_view_reload (view_of (&fixture));
  sanasto_test_wait_until ((SanastoTestCondition) error_gone, &fixture, "the article to come back");
  assert_shows (&fixture, "apple", "Apple");

  fixture_close (&fixture);
}

static void
test_remembers_last_entry (void)
{
  Fixture fixture = { 0 };
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "window", "fruit",
                                                   NULL);

  fixture_open_fruit (&fixture);
  gtk_widget_activate_action (GTK_WIDGET (_sanasto_window_get_list_view (fixture.window)),
                              "list.activate-item", "u", 5);
  wait_for_slug (&fixture, "grape");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-in", NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 900, 640);
  sanasto_test_settle (400);
  /* Closing, as the reader does, saves the window's size. */
  gtk_window_close (GTK_WINDOW (fixture.window));
  sanasto_test_settle (400);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  }
  g_clear_pointer (&fixture.launched_uri, g_free);

  /* A new window on the same folder, settings kept: where the reader left off. */
  fixture.window = sanasto_window_new (NULL);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, &fixture, "the window to show");
  sanasto_window_open_folder (fixture.window, folder, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, &fixture, "the folder to load");
  wait_for_slug (&fixture, "grape");
  assert_shows (&fixture, "grape", "Grape");
  g_assert_cmpfloat (sanasto_article_view_get_zoom (view_of (&fixture)), ==, 1.1);

  fixture_close (&fixture);
}

static void
test_open_term (void)
{
  Fixture fixture = { 0 };

  fixture_open_fruit (&fixture);

  /* As `sanasto DIR --term TERM` does in the running instance: by alias, any case. */
  g_assert_true (sanasto_window_open_term (fixture.window, "MALUS"));
  wait_for_slug (&fixture, "apple");
  g_assert_true (sanasto_window_open_term (fixture.window, "eclair"));
  wait_for_slug (&fixture, "eclair");
  assert_shows (&fixture, "eclair", "Éclair");

  g_assert_false (sanasto_window_open_term (fixture.window, "kumquat"));
  g_assert_cmpstr (_sanasto_window_get_last_toast (fixture.window), ==,
                   "“kumquat” is not in this glossary");
  g_assert_cmpstr (gtk_editable_get_text (_sanasto_window_get_search_entry (fixture.window)), ==,
                   "kumquat");

  fixture_close (&fixture);
}

/* A 1x1 PNG. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
  0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

typedef struct
{
  gboolean  done;
  char     *result;
} ImageResult;

static void
image_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImageResult *image = user_data;
  g_autoptr(JSCValue) value =
    webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                           NULL);

  if (value != NULL && jsc_value_is_string (value))
    image->result = jsc_value_to_string (value);
  image->done = TRUE;
}

/* Asks the page to load src as an image: "loaded" or "refused". */
static char *
load_image (Fixture    *fixture,
            const char *src)
{
  ImageResult result = { FALSE, NULL };
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  g_autoptr(GVariantDict) arguments = g_variant_dict_new (NULL);

  g_variant_dict_insert (arguments, "src", "s", src);
  webkit_web_view_call_async_javascript_function (
    _sanasto_article_view_get_web_view (view_of (fixture)),
    "return await new Promise (done => {"
    "  const image = new Image ();"
    "  image.onload = () => done (image.naturalWidth == 1 ? 'loaded' : 'odd');"
    "  image.onerror = () => done ('refused');"
    "  image.src = src;"
    "});",
    -1, g_variant_dict_end (arguments), NULL, NULL, NULL, image_done_cb, &result);
  while (!result.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for the image %s", src);
      g_main_context_iteration (NULL, TRUE);
    }
  return result.result;
}

static void
write_file (const char   *path,
            const void   *data,
            gssize        length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
test_files_stay_inside_root (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("sanasto-files-XXXXXX", &error);
  g_autofree char *root = g_build_filename (base, "glossary", NULL);
  g_autofree char *images = g_build_filename (root, "images", NULL);
  g_autofree char *inside = g_build_filename (images, "dot.png", NULL);
  g_autofree char *outside = g_build_filename (base, "outside.png", NULL);
  g_autofree char *link = g_build_filename (images, "link.png", NULL);
  g_autofree char *article = g_build_filename (root, "dot.md", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *linked_out = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *absolute_uri = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (images, 0755), ==, 0);
  write_file (inside, tiny_png, sizeof tiny_png);
  write_file (outside, tiny_png, sizeof tiny_png);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  write_file (article, "---\ntitle: Dot\n---\nA dot: ![dot](images/dot.png)\n", -1);

  fixture_open (&fixture, root);
  sanasto_test_wait_until_described ((SanastoTestCondition) page_settled,
                                     (SanastoTestDescribe) describe_view, &fixture,
                                     "the first article");

  shown = load_image (&fixture, "sanasto://file/images/dot.png");
  g_assert_cmpstr (shown, ==, "loaded");
  /* Out of the root: by "..", by a symbolic link, by an absolute path. */
  escaped = load_image (&fixture, "sanasto://file/%2E%2E/outside.png");
  g_assert_cmpstr (escaped, ==, "refused");
  linked_out = load_image (&fixture, "sanasto://file/images/link.png");
  g_assert_cmpstr (linked_out, ==, "refused");
  absolute = g_uri_escape_string (outside, NULL, FALSE);
  absolute_uri = g_strconcat ("sanasto://file/", absolute, NULL);
  g_clear_pointer (&absolute, g_free);
  absolute = load_image (&fixture, absolute_uri);
  g_assert_cmpstr (absolute, ==, "refused");
  missing = load_image (&fixture, "sanasto://file/images/none.png");
  g_assert_cmpstr (missing, ==, "refused");

  fixture_close (&fixture);
  g_unlink (link);
  g_unlink (inside);
  g_unlink (outside);
  g_unlink (article);
  g_rmdir (images);
  g_rmdir (root);
  g_rmdir (base);
}

static void
test_zoom (void)
{
  Fixture fixture = { 0 };
  SanastoArticleView *view;

  fixture_open_fruit (&fixture);
  view = view_of (&fixture);

  g_assert_cmpfloat (sanasto_article_view_get_zoom (view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-in", NULL);
  g_assert_cmpfloat (sanasto_article_view_get_zoom (view), ==, 1.1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-in", NULL);
  g_assert_cmpfloat (sanasto_article_view_get_zoom (view), ==, 1.25);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-out", NULL);
  g_assert_cmpfloat (sanasto_article_view_get_zoom (view), ==, 0.9);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.zoom-reset", NULL);
  g_assert_cmpfloat (sanasto_article_view_get_zoom (view), ==, 1.0);

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/open-folder", test_open_folder);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/activate-row", test_activate_row);
  g_test_add_func ("/window/links-and-history", test_links_and_history);
  g_test_add_func ("/window/external-link", test_external_link);
  g_test_add_func ("/window/missing-link", test_missing_link);
  g_test_add_func ("/window/empty-folder", test_empty_folder);
  g_test_add_func ("/window/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/window/languages", test_languages);
  g_test_add_func ("/window/find-in-page", test_find_in_page);
  g_test_add_func ("/window/entry-not-found", test_entry_not_found);
  g_test_add_func ("/window/web-process-crash", test_web_process_crash);
  g_test_add_func ("/window/files-stay-inside-root", test_files_stay_inside_root);
  g_test_add_func ("/window/zoom", test_zoom);
  g_test_add_func ("/window/remembers-last-entry", test_remembers_last_entry);
  g_test_add_func ("/window/open-term", test_open_term);

  return g_test_run ();
}
