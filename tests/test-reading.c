/* test-reading.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading aids in the real window: starring an entry, the bookmarks, history and
 * contents popovers, a random entry, hiding drafts, and coming back where reading stopped.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sanasto-article-view-private.h"
#include "sanasto-list-popover.h"
#include "sanasto-preferences-window.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"
#include "window-test-support.h"

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
page_settled (gpointer data)
{
  SanastoWindow *window = data;
  SanastoArticleView *view = sanasto_window_get_article_view (window);

  return !_sanasto_window_is_loading (window) &&
         sanasto_article_view_get_entry (view) != NULL && !_sanasto_article_view_is_loading (view);
}

static char *
fixture_folder (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "citizen", "reader", NULL);
}

static SanastoWindow *
open_window (const char *term)
{
  g_autofree char *folder = fixture_folder ();
  SanastoWindow *window = sanasto_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gtk_window_present (GTK_WINDOW (window));
  sanasto_test_wait_until (mapped, window, "the window to show");
  sanasto_window_open_folder (window, folder, term);
  sanasto_test_wait_until (page_settled, window, "the first article");
  return window;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");
  g_settings_reset (settings, "show-drafts");
}

static const char *
slug_shown (SanastoWindow *window)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (sanasto_window_get_article_view (window));

  return entry != NULL ? sanasto_entry_get_slug (entry) : NULL;
}

typedef struct
{
  SanastoWindow *window;
  const char    *slug;
} WantSlug;

static gboolean
shows_slug (gpointer data)
{
  WantSlug *want = data;

  return page_settled (want->window) && g_strcmp0 (slug_shown (want->window), want->slug) == 0;
}

static void
wait_for_slug (SanastoWindow *window,
               const char    *slug)
{
  WantSlug want = { window, slug };
  g_autofree char *what = g_strdup_printf ("“%s” to show", slug);

  sanasto_test_wait_until (shows_slug, &want, what);
}

static void
open_slug (SanastoWindow *window,
           const char    *language,
           const char    *slug)
{
  SanastoEntry *entry = sanasto_glossary_lookup (sanasto_window_get_glossary (window), language,
                                                 slug);

  g_assert_nonnull (entry);
  sanasto_article_view_load_entry (sanasto_window_get_article_view (window), entry);
  wait_for_slug (window, slug);
}

typedef struct
{
  gboolean done;
  double   number;
} Script;

static void
script_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Script *script = user_data;
  g_autoptr(JSCValue) value =
    webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);

  script->number = value != NULL && jsc_value_is_number (value) ? jsc_value_to_double (value)
                                                                : NAN;
  script->done = TRUE;
}

static gboolean
script_done (gpointer data)
{
  return ((Script *) data)->done;
}

static double
run_script (SanastoWindow *window,
            const char    *script_text)
{
  WebKitWebView *web_view =
    _sanasto_article_view_get_web_view (sanasto_window_get_article_view (window));
  Script script = { FALSE, NAN };

  webkit_web_view_evaluate_javascript (web_view, script_text, -1, NULL, NULL, NULL,
                                       script_done_cb, &script);
  sanasto_test_wait_until (script_done, &script, "a script's answer");
  return script.number;
}

typedef struct
{
  SanastoWindow *window;
  double         at_least;
} WantScroll;

static gboolean
scrolled_to (gpointer data)
{
  WantScroll *want = data;

  return run_script (want->window, "window.scrollY") >= want->at_least;
}

static SanastoListPopover *
popover (SanastoWindow *window,
         const char    *action)
{
  GtkWidget *widget;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  sanasto_test_settle (300);
  if (g_str_equal (action, "win.show-bookmarks"))
    widget = _sanasto_window_get_bookmarks_popover (window);
  else if (g_str_equal (action, "win.show-history"))
    widget = _sanasto_window_get_history_popover (window);
  else
    widget = _sanasto_window_get_toc_popover (window);
  g_assert_true (gtk_widget_get_visible (widget));
  return SANASTO_LIST_POPOVER (widget);
}

static const char *
row_text (SanastoListPopover *list,
          guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sanasto_list_popover_get_list (list),
                                                      (int) index);
  GtkWidget *box;
  GtkWidget *labels;

  g_assert_nonnull (row);
  box = gtk_list_box_row_get_child (row);
  labels = gtk_widget_get_first_child (box);
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (labels)));
}

/* As a click on the row does. */
static void
activate_row (SanastoListPopover *list,
              guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sanasto_list_popover_get_list (list),
                                                      (int) index);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  sanasto_test_settle (300);
}

/* As a click on the row's remove button does. */
static void
click_remove (SanastoListPopover *list,
              guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sanasto_list_popover_get_list (list),
                                                      (int) index);
  GtkWidget *button = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  sanasto_test_settle (300);
}

/* SANASTO_TEST_SCREENSHOTS=1: a picture of the window for people to look at. */
static void
maybe_screenshot (SanastoWindow *window,
                  const char    *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("SANASTO_TEST_SCREENSHOTS") == NULL)
    return;

  sanasto_test_settle (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  file_name = g_strdup_printf ("reading-%s.png", name);
  path = g_build_filename (g_get_tmp_dir (), file_name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("Screenshot: %s", path);
}

static void
close_window (SanastoWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sanasto_test_settle (300);
}

/* Ctrl+D stars the entry; the bookmarks popover lists it; its button removes it. */
static void
test_bookmarks (void)
{
  SanastoWindow *window;
  GtkWidget *star;
  SanastoListPopover *list;
  const char *root;

  reset_settings ();
  window = open_window ("pear");
  star = _sanasto_window_get_bookmark_button (window);
  root = sanasto_glossary_get_root (sanasto_window_get_glossary (window));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-bookmark", NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  g_assert_true (sanasto_bookmarks_contains (_sanasto_window_get_bookmarks (window), root, "en",
                                             "pear"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (star), ==, "Remove Bookmark");

  /* Clicking the star on another entry stars that one. */
  open_slug (window, "en", "plum");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  gtk_button_set_label (GTK_BUTTON (star), NULL);
  g_signal_emit_by_name (star, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));

  list = popover (window, "win.show-bookmarks");
  maybe_screenshot (window, "bookmarks");
  g_assert_cmpuint (sanasto_list_popover_get_n_items (list), ==, 2);
  g_assert_cmpstr (row_text (list, 0), ==, "Plum");
  g_assert_cmpstr (row_text (list, 1), ==, "Pear");

  /* Activating a bookmark opens it and closes the popover. */
  activate_row (list, 1);
  wait_for_slug (window, "pear");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* Removing one: gone from the list, the star and the file. */
  list = popover (window, "win.show-bookmarks");
  click_remove (list, 1);
  g_assert_cmpuint (sanasto_list_popover_get_n_items (list), ==, 1);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  {
    g_autoptr(SanastoBookmarks) from_disk =
      sanasto_bookmarks_new (sanasto_bookmarks_get_path (_sanasto_window_get_bookmarks (window)));

    g_assert_false (sanasto_bookmarks_contains (from_disk, root, "en", "pear"));
    g_assert_true (sanasto_bookmarks_contains (from_disk, root, "en", "plum"));
    sanasto_bookmarks_remove (_sanasto_window_get_bookmarks (window), root, "en", "plum");
  }

  close_window (window);
}

static void
test_history (void)
{
  SanastoWindow *window;
  SanastoListPopover *list;

  reset_settings ();
  window = open_window ("apple");
  sanasto_history_clear (_sanasto_window_get_history (window), NULL);
  open_slug (window, "en", "pear");
  open_slug (window, "en", "plum");
  open_slug (window, "fi", "apple");

  list = popover (window, "win.show-history");
  g_assert_cmpuint (sanasto_list_popover_get_n_items (list), ==, 3);
  g_assert_cmpstr (row_text (list, 0), ==, "Omena");
  g_assert_cmpstr (row_text (list, 1), ==, "Plum");
  g_assert_cmpstr (row_text (list, 2), ==, "Pear");

  activate_row (list, 2);
  wait_for_slug (window, "pear");

  close_window (window);
}

/* The contents popover lists the article's sections; a click scrolls to one. */
static void
test_contents (void)
{
  SanastoWindow *window;
  SanastoListPopover *list;
  WantScroll want;

  reset_settings ();
  window = open_window ("apple");
  list = popover (window, "win.show-toc");
  maybe_screenshot (window, "contents");
  g_assert_cmpuint (sanasto_list_popover_get_n_items (list), ==, 8);
  g_assert_cmpstr (row_text (list, 0), ==, "Origins");
  g_assert_cmpstr (row_text (list, 7), ==, "Markets");
  g_assert_cmpfloat (run_script (window, "window.scrollY"), ==, 0);

  activate_row (list, 7);
  want.window = window;
  want.at_least = 500;
  sanasto_test_wait_until (scrolled_to, &want, "the page to scroll to Markets");
  g_assert_true (g_str_has_suffix (sanasto_article_view_get_uri (sanasto_window_get_article_view (window)),
                                   "#markets"));
  g_assert_cmpstr (slug_shown (window), ==, "apple");

  close_window (window);
}

/* Ctrl+R: another entry of the same language, never a hidden draft. */
static void
test_random_and_drafts (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SanastoWindow *window;
  GListModel *matches;

  reset_settings ();
  window = open_window ("apple");
  matches = _sanasto_window_get_matches (window);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 4);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->sidebar_title), ==, "4 terms");

  g_settings_set_boolean (settings, "show-drafts", FALSE);
  sanasto_test_wait_until (page_settled, window, "the list without drafts");
  matches = _sanasto_window_get_matches (window);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 3);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->sidebar_title), ==, "3 terms");

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *before = g_strdup (slug_shown (window));
      SanastoEntry *entry;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.random-entry", NULL);
      sanasto_test_settle (300);
      sanasto_test_wait_until (page_settled, window, "a random entry");
      entry = sanasto_article_view_get_entry (sanasto_window_get_article_view (window));
      g_assert_cmpstr (sanasto_entry_get_language (entry), ==, "en");
      g_assert_cmpstr (sanasto_entry_get_slug (entry), !=, before);
      g_assert_false (sanasto_entry_get_draft (entry));
    }

  g_settings_set_boolean (settings, "show-drafts", TRUE);
  sanasto_test_wait_until (page_settled, window, "the list with drafts");
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_matches (window)), ==, 4);

  close_window (window);
}

typedef struct
{
  SanastoWindow *window;
  const char    *script;
  double         value;
} WantValue;

static gboolean
script_gives (gpointer data)
{
  WantValue *want = data;

  return run_script (want->window, want->script) == want->value;
}

/* The preferences' text size and font reach the article, at once and on the next page. */
static void
test_article_font (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SanastoWindow *window;
  WantValue want = { NULL, "parseFloat(getComputedStyle(document.body).fontSize)", 0 };
  double own_size;

  reset_settings ();
  g_settings_reset (settings, "article-font-size");
  g_settings_reset (settings, "article-font-family");
  window = open_window ("pear");
  want.window = window;
  own_size = run_script (window, want.script);
  g_assert_cmpfloat (own_size, >, 10);

  g_settings_set_int (settings, "article-font-size", 31);
  want.value = 31;
  sanasto_test_wait_until (script_gives, &want, "the text size to apply");
  open_slug (window, "en", "plum");
  g_assert_cmpfloat (run_script (window, want.script), ==, 31);

  g_settings_set_string (settings, "article-font-family", "Nonexistent \"Font\" </style>");
  want.script = "getComputedStyle(document.body).fontFamily.indexOf('Nonexistent') >= 0 ? 1 : 0";
  want.value = 1;
  sanasto_test_wait_until (script_gives, &want, "the font to apply");

  g_settings_reset (settings, "article-font-size");
  g_settings_reset (settings, "article-font-family");
  want.script = "parseFloat(getComputedStyle(document.body).fontSize)";
  want.value = own_size;
  sanasto_test_wait_until (script_gives, &want, "the article's own size to come back");

  close_window (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (SANASTO_IS_PREFERENCES_WINDOW (toplevel) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

/* Ctrl+comma opens the preferences; each row is the setting, both ways. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SanastoWindow *window;
  GtkWidget *preferences;
  GtkWidget *style_row;
  GtkWidget *drafts;
  GtkWidget *size;

  reset_settings ();
  g_settings_reset (settings, "color-scheme");
  window = open_window ("pear");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  sanasto_test_settle (300);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));

  style_row = find_descendant (preferences, ADW_TYPE_COMBO_ROW);
  drafts = find_descendant (preferences, GTK_TYPE_SWITCH);
  size = find_descendant (preferences, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (style_row);
  g_assert_nonnull (drafts);
  g_assert_nonnull (size);

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 0);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 1);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

    g_assert_cmpstr (scheme, ==, "light");
  }

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (drafts)));
  gtk_switch_set_active (GTK_SWITCH (drafts), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-drafts"));
  sanasto_test_wait_until (page_settled, window, "the list without drafts");
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_matches (window)), ==, 3);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size), 22);
  g_assert_cmpint (g_settings_get_int (settings, "article-font-size"), ==, 22);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "article-font-size");
  reset_settings ();
  close_window (window);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing while reading far down an article, then starting again: same article, same place. */
static void
test_session_restored (void)
{
  SanastoWindow *window;
  SanastoHistory *history;
  g_autofree char *slug = NULL;
  double scroll_y = 0;
  double restored;
  WantScroll want;

  reset_settings ();
  window = open_window ("apple");
  run_script (window, "window.scrollTo(0, 1200); window.scrollY");
  want.window = window;
  want.at_least = 1200;
  sanasto_test_wait_until (scrolled_to, &want, "the page to scroll");

  history = g_object_ref (_sanasto_window_get_history (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  sanasto_test_wait_until (is_null, &window, "the window to close");

  g_assert_true (sanasto_history_get_session (history, NULL, NULL, &slug, &scroll_y));
  g_assert_cmpstr (slug, ==, "apple");
  g_assert_cmpfloat (fabs (scroll_y - 1200), <, 1);
  g_object_unref (history);

  /* The app opens the last glossary without a term: the window restores the rest. */
  window = open_window (NULL);
  g_assert_cmpstr (slug_shown (window), ==, "apple");
  want.window = window;
  want.at_least = 1199;
  sanasto_test_wait_until (scrolled_to, &want, "the old position");
  restored = run_script (window, "window.scrollY");
  g_assert_cmpfloat (fabs (restored - 1200), <, 1);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = sanasto_test_fresh_dir (argv[0], "xdg-data-reading");

  /* Bookmarks and history in a folder of their own (not G_TEST_OPTION_ISOLATE_DIRS: it
   * hides the MIME database that icons need). */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* GTK's test accessibility backend: the same accessible properties, no AT-SPI bus. The
   * bus address lives in ~/.cache/at-spi, shared by every D-Bus session on the machine, so
   * tests running side by side break each other's bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/reading/bookmarks", test_bookmarks);
  g_test_add_func ("/reading/history", test_history);
  g_test_add_func ("/reading/contents", test_contents);
  g_test_add_func ("/reading/random-and-drafts", test_random_and_drafts);
  g_test_add_func ("/reading/session-restored", test_session_restored);
  g_test_add_func ("/reading/article-font", test_article_font);
  g_test_add_func ("/reading/preferences", test_preferences);

  return g_test_run ();
}
