/* test-window-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search and the link graph in the real window: the index is built when a folder
 * opens, a word found only in an article's text lists that article with its snippet, opening
 * it highlights the word, pages list the articles that link to them and the same term in the
 * other languages, and pointing at a link previews its target.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sanasto-article-view-private.h"
#include "sanasto-search-row.h"
#include "sanasto-window-private.h"
#include "sanasto-window-search-private.h"
#include "window-test-support.h"

typedef struct
{
  SanastoWindow *window;
  int            find_matches;  /* -1: no answer yet */
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
index_ready (Fixture *fixture)
{
  SanastoIndex *index = _sanasto_window_get_index (fixture->window);

  return index != NULL && !_sanasto_window_is_indexing (fixture->window) &&
         sanasto_index_is_ready (index);
}

static gboolean
page_settled (Fixture *fixture)
{
  SanastoArticleView *view = view_of (fixture);

  return sanasto_article_view_get_entry (view) != NULL && !_sanasto_article_view_is_loading (view);
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
  g_autofree char *file_name = g_strdup_printf ("window-search-%s.png", name);
  const char *dir = g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".";
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
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

static void
find_result_cb (SanastoArticleView *view,
                guint               n_matches,
                Fixture            *fixture)
{
  fixture->find_matches = (int) n_matches;
}

static int window_width = 1000;
static int window_height = 700;

static void
fixture_open_folder (Fixture    *fixture,
                     const char *folder)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");

  fixture->find_matches = -1;
  fixture->window = sanasto_window_new (NULL);
  g_signal_connect (view_of (fixture), "find-result", G_CALLBACK (find_result_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), window_width, window_height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, fixture, "the window to show");
  sanasto_window_open_folder (fixture->window, folder, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, fixture, "the folder to load");
  sanasto_test_wait_until ((SanastoTestCondition) page_settled, fixture, "the first article");
  sanasto_test_wait_until ((SanastoTestCondition) index_ready, fixture, "the index");
}

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "search-ui", NULL);

  fixture_open_folder (fixture, folder);
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sanasto_test_settle (400);
}

static char *
page_text (Fixture *fixture)
{
  return sanasto_test_run_script (web_view_of (fixture), "document.body.innerText");
}

static const char *wanted_slug;
static const char *wanted_language;

static gboolean
wanted_page_settled (Fixture *fixture)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (view_of (fixture));

  return page_settled (fixture) && g_strcmp0 (sanasto_entry_get_slug (entry), wanted_slug) == 0 &&
         g_strcmp0 (sanasto_entry_get_language (entry), wanted_language) == 0;
}

static void
wait_for_page (Fixture    *fixture,
               const char *language,
               const char *slug)
{
  wanted_language = language;
  wanted_slug = slug;
  sanasto_test_wait_until ((SanastoTestCondition) wanted_page_settled, fixture, slug);
}

static gboolean
has_full_text_hits (Fixture *fixture)
{
  return g_list_model_get_n_items (_sanasto_window_get_full_text_hits (fixture->window)) > 0;
}

static gboolean
search_finished (Fixture *fixture)
{
  return !_sanasto_window_is_searching (fixture->window);
}

static gboolean
found_in_page (Fixture *fixture)
{
  return fixture->find_matches >= 0;
}

/* The text of every full-text row the list shows. */
static void
collect_search_rows (GtkWidget *widget,
                     GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SANASTO_IS_SEARCH_ROW (child) && gtk_widget_get_mapped (child))
        {
          g_autofree char *text = sanasto_search_row_get_text (SANASTO_SEARCH_ROW (child));

          g_string_append (out, text);
          g_string_append_c (out, '\n');
        }
      collect_search_rows (child, out);
    }
}

static void
test_indexing (void)
{
  Fixture fixture;
  SanastoIndex *index;

  fixture_open (&fixture);
  index = _sanasto_window_get_index (fixture.window);
  g_assert_nonnull (index);
  g_assert_true (sanasto_index_is_ready (index));
  /* The progress row is only there while indexing. */
  g_assert_false (gtk_widget_get_visible (_sanasto_window_get_index_progress (fixture.window)));

  fixture_close (&fixture);
}

static void
progress_label_cb (GtkLabel   *label,
                   GParamSpec *pspec,
                   GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (gtk_label_get_label (label)));
}

/* A folder large enough for the index to report progress on the way. */
static void
test_indexing_progress (void)
{
  Fixture fixture = { 0 };
  g_autofree char *folder = g_dir_make_tmp ("sanasto-progress-XXXXXX", NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *label;
  gboolean counted = FALSE;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("term-%03u.md", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text =
        g_strdup_printf ("---\ntitle: Term %u\n---\nThe text of term number %u.\n", i, i);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");
  fixture.window = sanasto_window_new (NULL);
  label = gtk_widget_get_first_child (_sanasto_window_get_index_progress (fixture.window));
  g_assert_true (GTK_IS_LABEL (label));
  g_signal_connect (label, "notify::label", G_CALLBACK (progress_label_cb), seen);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, &fixture, "the window to show");
  sanasto_window_open_folder (fixture.window, folder, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) loaded, &fixture, "the folder to load");
  sanasto_test_wait_until ((SanastoTestCondition) index_ready, &fixture, "the index");

  for (guint i = 0; i < seen->len; i++)
    {
      g_test_message ("Progress: %s", (char *) seen->pdata[i]);
      if (g_str_has_prefix (seen->pdata[i], "Indexing 64 of 200 articles"))
        counted = TRUE;
    }
  g_assert_true (counted);
  g_assert_false (gtk_widget_get_visible (_sanasto_window_get_index_progress (fixture.window)));

  fixture_close (&fixture);
  sanasto_test_remove_tree (folder);
}

static void
test_full_text_hit (void)
{
  Fixture fixture;
  GtkEditable *search;
  g_autoptr(SanastoSearchHit) hit = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);

  fixture_open (&fixture);
  search = _sanasto_window_get_search_entry (fixture.window);

  /* "perigean" is in the text of Tide only, in no title. */
  gtk_editable_set_text (search, "perigean");
  sanasto_test_wait_until ((SanastoTestCondition) has_full_text_hits, &fixture, "full-text hits");
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_matches (fixture.window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_full_text_hits (fixture.window)),
                    ==, 1);
  hit = g_list_model_get_item (_sanasto_window_get_full_text_hits (fixture.window), 0);
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_search_hit_get_entry (hit)), ==, "tide");
  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "list");

  sanasto_test_settle (300);
  collect_search_rows (GTK_WIDGET (_sanasto_window_get_list_view (fixture.window)), rows);
  g_test_message ("Rows: %s", rows->str);
  g_assert_nonnull (strstr (rows->str, "Tide"));
  g_assert_nonnull (strstr (rows->str, "perigean"));
  save_screenshot (&fixture, "full-text");

  /* Enter opens the best (here the only) hit, with the word found in the page. */
  fixture.find_matches = -1;
  g_signal_emit_by_name (search, "activate");
  wait_for_page (&fixture, "en", "tide");
  sanasto_test_wait_until ((SanastoTestCondition) found_in_page, &fixture, "the word highlighted");
  g_assert_cmpint (fixture.find_matches, >=, 1);
  save_screenshot (&fixture, "full-text-opened");

  /* A new word drops the old hits at once; a title match is not repeated as a hit. */
  gtk_editable_set_text (search, "harbour");
  g_signal_emit_by_name (search, "search-changed");
  sanasto_test_settle (600);
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_matches (fixture.window)), >=,
                    1);
  for (guint i = 0; i < g_list_model_get_n_items (_sanasto_window_get_full_text_hits (fixture.window)); i++)
    {
      g_autoptr(SanastoSearchHit) other =
        g_list_model_get_item (_sanasto_window_get_full_text_hits (fixture.window), i);

      g_assert_cmpstr (sanasto_entry_get_slug (sanasto_search_hit_get_entry (other)), !=,
                       "harbour");
    }

  /* A word in no title and no article: the list says so once the search is done. */
  gtk_editable_set_text (search, "zyzzyva");
  g_signal_emit_by_name (search, "search-changed");
  sanasto_test_wait_until ((SanastoTestCondition) search_finished, &fixture, "the search");
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_full_text_hits (fixture.window)),
                    ==, 0);
  g_assert_cmpstr (_sanasto_window_get_sidebar_state (fixture.window), ==, "status");

  fixture_close (&fixture);
}

static void
test_referenced_by (void)
{
  Fixture fixture;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  fixture_open (&fixture);
  g_assert_true (sanasto_window_open_term (fixture.window, "lighthouse"));
  wait_for_page (&fixture, "en", "lighthouse");

  text = page_text (&fixture);
  g_test_message ("Page: %s", text);
  g_assert_nonnull (strstr (text, "Referenced by"));
  g_assert_nonnull (strstr (strstr (text, "Referenced by"), "Harbour"));
  g_assert_nonnull (strstr (strstr (text, "Referenced by"), "Lighthouse keeper"));
  /* The sentence around each link comes along. */
  g_assert_nonnull (strstr (strstr (text, "Referenced by"), "trim the wick"));
  /* Article text in the section is escaped: shown as written, never markup. */
  g_assert_nonnull (strstr (strstr (text, "Referenced by"), "boats & <yachts> that"));
  g_assert_nonnull (strstr (text, "Also in: Suomi"));

  /* A page nothing links to has no such section. */
  g_assert_true (sanasto_window_open_term (fixture.window, "keeper"));
  wait_for_page (&fixture, "en", "keeper");
  html = page_text (&fixture);
  g_assert_null (strstr (html, "Referenced by"));

  g_assert_true (sanasto_window_open_term (fixture.window, "lighthouse"));
  wait_for_page (&fixture, "en", "lighthouse");
  save_screenshot (&fixture, "referenced-by");

  fixture_close (&fixture);
}

static gboolean
backlinks_shown (Fixture *fixture)
{
  g_autofree char *count = sanasto_test_run_script (
    web_view_of (fixture), "String (document.querySelectorAll ('section.backlinks').length)");

  return g_strcmp0 (count, "1") == 0;
}

/* A page shown before the index was ready gets the section once the index is there, in
 * place: no reload, only one section. */
static void
test_late_backlinks (void)
{
  Fixture fixture;
  SanastoIndex *index;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *count = NULL;

  fixture_open (&fixture);
  index = g_object_ref (_sanasto_window_get_index (fixture.window));

  /* As if the index were not ready yet when the page was served. */
  _sanasto_article_view_set_index (view_of (&fixture), NULL);
  g_assert_true (sanasto_window_open_term (fixture.window, "lighthouse"));
  wait_for_page (&fixture, "en", "lighthouse");
  before = page_text (&fixture);
  g_assert_null (strstr (before, "Referenced by"));

  _sanasto_article_view_set_index (view_of (&fixture), index);
  _sanasto_window_search_add_late_backlinks (fixture.window);
  sanasto_test_wait_until ((SanastoTestCondition) backlinks_shown, &fixture, "the late backlinks");
  after = page_text (&fixture);
  g_assert_nonnull (strstr (strstr (after, "Referenced by"), "Lighthouse keeper"));
  g_assert_cmpstr (sanasto_entry_get_slug (sanasto_article_view_get_entry (view_of (&fixture))),
                   ==, "lighthouse");

  /* Asking again adds nothing. */
  _sanasto_window_search_add_late_backlinks (fixture.window);
  sanasto_test_settle (500);
  count = sanasto_test_run_script (web_view_of (&fixture),
                                   "String (document.querySelectorAll ('section.backlinks').length)");
  g_assert_cmpstr (count, ==, "1");

  g_object_unref (index);
  fixture_close (&fixture);
}

static void
test_also_in (void)
{
  Fixture fixture;
  g_autofree char *clicked = NULL;
  g_autofree char *text = NULL;

  fixture_open (&fixture);
  g_assert_true (sanasto_window_open_term (fixture.window, "lighthouse"));
  wait_for_page (&fixture, "en", "lighthouse");

  clicked = sanasto_test_run_script (web_view_of (&fixture),
                        "document.querySelector('nav.also-in a[hreflang=\"fi\"]').click(); 'ok'");
  g_assert_cmpstr (clicked, ==, "ok");
  wait_for_page (&fixture, "fi", "lighthouse");
  text = page_text (&fixture);
  g_assert_nonnull (strstr (text, "Majakka"));
  g_assert_nonnull (strstr (text, "English"));
  /* Satama links to Majakka: backlinks stay within the language. */
  g_assert_nonnull (strstr (text, "Satama"));

  fixture_close (&fixture);
}

static void
hover (Fixture    *fixture,
       const char *uri)
{
  WebKitWebView *web_view = _sanasto_article_view_get_web_view (view_of (fixture));
  g_autoptr(WebKitHitTestResult) result = NULL;

  if (uri != NULL)
    result = g_object_new (WEBKIT_TYPE_HIT_TEST_RESULT,
                           "context", WEBKIT_HIT_TEST_RESULT_CONTEXT_DOCUMENT |
                                      WEBKIT_HIT_TEST_RESULT_CONTEXT_LINK,
                           "link-uri", uri,
                           NULL);
  else
    result = g_object_new (WEBKIT_TYPE_HIT_TEST_RESULT,
                           "context", WEBKIT_HIT_TEST_RESULT_CONTEXT_DOCUMENT,
                           NULL);
  g_signal_emit_by_name (web_view, "mouse-target-changed", result, 0);
}

static void
test_link_preview (void)
{
  Fixture fixture;
  GtkWidget *preview;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;

  fixture_open (&fixture);
  preview = _sanasto_window_get_link_preview (fixture.window);
  g_assert_false (gtk_widget_get_visible (preview));

  /* Driven through the web view's own signal, with the result WebKit would give. */
  hover (&fixture, "sanasto://entry/en/harbour");
  sanasto_test_settle (200);
  g_assert_true (gtk_widget_get_visible (preview));
  text = _sanasto_window_get_link_preview_text (fixture.window);
  g_assert_nonnull (strstr (text, "Harbour"));
  g_assert_nonnull (strstr (text, "Sheltered water"));

  hover (&fixture, "sanasto://missing/fog-signal?text=fog%20signal");
  sanasto_test_settle (200);
  g_assert_true (gtk_widget_get_visible (preview));
  missing = _sanasto_window_get_link_preview_text (fixture.window);
  g_assert_nonnull (strstr (missing, "fog signal"));
  g_assert_nonnull (strstr (missing, "Not in this glossary"));

  hover (&fixture, NULL);
  sanasto_test_settle (200);
  g_assert_false (gtk_widget_get_visible (preview));

  fixture_close (&fixture);
}

/* The bundled sample as the app shows it (its stylesheet too): the screenshots for the docs. */
static void
test_sample (void)
{
  Fixture fixture;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);
  g_autofree char *text = NULL;
  g_autofree char *scrolled = NULL;

  gtk_css_provider_load_from_resource (css, "/io/github/sanasto/Sanasto/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* The size of the screenshots in docs/screenshots/. */
  window_width = 1280;
  window_height = 800;
  fixture_open_folder (&fixture, folder);

  /* "revenue" is in several articles and in no title. */
  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "revenue");
  sanasto_test_wait_until ((SanastoTestCondition) has_full_text_hits, &fixture, "full-text hits");
  g_assert_cmpuint (g_list_model_get_n_items (_sanasto_window_get_full_text_hits (fixture.window)),
                    >=, 3);
  /* Enter opens the best hit with the word highlighted, the list stays. */
  fixture.find_matches = -1;
  g_signal_emit_by_name (_sanasto_window_get_search_entry (fixture.window), "activate");
  sanasto_test_wait_until ((SanastoTestCondition) page_settled, &fixture, "the best hit");
  sanasto_test_wait_until ((SanastoTestCondition) found_in_page, &fixture, "the word highlighted");
  g_assert_cmpint (fixture.find_matches, >=, 1);
  sanasto_test_settle (600);
  save_screenshot (&fixture, "sample-full-text");

  gtk_editable_set_text (_sanasto_window_get_search_entry (fixture.window), "");
  g_assert_true (sanasto_window_open_term (fixture.window, "target-audience"));
  wait_for_page (&fixture, "en", "target-audience");
  text = page_text (&fixture);
  g_assert_nonnull (strstr (text, "Referenced by"));
  scrolled = sanasto_test_run_script (web_view_of (&fixture),
                         "document.querySelector('section.backlinks').scrollIntoView(); 'ok'");
  g_assert_cmpstr (scrolled, ==, "ok");
  save_screenshot (&fixture, "sample-referenced-by");

  fixture_close (&fixture);
  window_width = 1000;
  window_height = 700;
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = sanasto_test_fresh_dir (argv[0], "xdg-cache-window-search");

  /* The index lives in $XDG_CACHE_HOME: an empty one of this test's own, set before GLib
   * reads it (not in /tmp: see sanasto_test_fresh_dir()). Not G_TEST_OPTION_ISOLATE_DIRS: it
   * empties XDG_DATA_DIRS, and GTK then cannot tell an SVG icon from any other file. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-search/indexing", test_indexing);
  g_test_add_func ("/window-search/indexing-progress", test_indexing_progress);
  g_test_add_func ("/window-search/full-text-hit", test_full_text_hit);
  g_test_add_func ("/window-search/referenced-by", test_referenced_by);
  g_test_add_func ("/window-search/late-backlinks", test_late_backlinks);
  g_test_add_func ("/window-search/also-in", test_also_in);
  g_test_add_func ("/window-search/link-preview", test_link_preview);
  g_test_add_func ("/window-search/sample", test_sample);

  return g_test_run ();
}
