/* test-no-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Content cannot reach out: articles generated here carry every trick that would load
 * something from http://127.0.0.1:PORT/, where a listener counts connections, or run a page
 * script; the real window shows each of them and nothing may connect or run. Addresses that
 * try to leave the glossary folder through the app's own scheme must fail too.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sanasto-article-view-private.h"
#include "sanasto-window-private.h"
#include "window-test-support.h"

/* As long as the give-up time of window-test-support.c: 60 s was reached by load alone. */
#define WAIT_SECONDS 240
#define SECRET "SANASTOSECRETWORD"

typedef struct
{
  SanastoWindow    *window;
  GSocketService   *service;
  guint16           port;
  guint             connections;
  char             *tmp;
  char             *root;
  char             *launched_uri;
  gboolean          load_finished;
} Fixture;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Gives late subresource loads, redirects and timers time to fire. */
static void
settle (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->connections++;
  g_test_message ("Connection to the listener (%u so far)", fixture->connections);
  return FALSE;
}

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
folder_loaded (Fixture *fixture)
{
  return !_sanasto_window_is_loading (fixture->window) &&
         sanasto_window_get_glossary (fixture->window) != NULL;
}

static gboolean
window_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0;
}

static gboolean
load_done (Fixture *fixture)
{
  return fixture->load_finished && !webkit_web_view_is_loading (web_view_of (fixture));
}

typedef struct
{
  gboolean  done;
  char     *result;
} ScriptResult;

static void
script_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScriptResult *script = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  if (value != NULL && !jsc_value_is_undefined (value) && !jsc_value_is_null (value))
    script->result = jsc_value_to_string (value);
  script->done = TRUE;
}

/* Runs a script of the test's own in the page (page scripts are off; this still works). */
static char *
run_script (Fixture    *fixture,
            const char *script)
{
  ScriptResult result = { FALSE, NULL };
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  webkit_web_view_evaluate_javascript (web_view_of (fixture), script, -1, NULL, NULL, NULL,
                                       script_done_cb, &result);
  while (!result.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for the script %s", script);
      g_main_context_iteration (NULL, TRUE);
    }
  return result.result;
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Articles of tricks, "@" standing for http://127.0.0.1:PORT. */
static const struct
{
  const char *name;
  const char *text;
} articles[] = {
  { "markdown-images.md",
    "---\ntitle: Markdown images\n---\n"
    "![a](@/md-image.png) ![b](//127.0.0.1:PORT/protocol-relative.png)\n\n"
    "![c][ref] <@/autolink>\n\n[ref]: @/reference.png\n\n"
    "[![d](@/linked-image.png)](@/linked)\n" },
  { "raw-html.md",
    "---\ntitle: Raw HTML\n---\n"
    "<img src=\"@/raw-img.png\">\n\n"
    "<iframe src=\"@/iframe\"></iframe>\n\n"
    "<link rel=\"stylesheet\" href=\"@/style.css\">\n\n"
    "<link rel=\"prefetch\" href=\"@/prefetch\"><link rel=\"preconnect\" href=\"@/\">\n"
    "<link rel=\"dns-prefetch\" href=\"@/\"><link rel=\"preload\" as=\"image\" href=\"@/preload\">\n\n"
    "<video src=\"@/video.webm\" poster=\"@/poster.png\" autoplay></video>\n\n"
    "<audio src=\"@/audio.ogg\" autoplay></audio>\n\n"
    "<div style=\"background: url(@/style-attr.png)\">styled</div>\n\n"
    "<img srcset=\"@/srcset-1.png 1x, @/srcset-2.png 2x\">\n\n"
    "<picture><source srcset=\"@/source.png\"><img src=\"@/picture.png\"></picture>\n\n"
    "<meta http-equiv=\"refresh\" content=\"0; url=@/refresh\">\n\n"
    "<form action=\"@/form\" method=\"post\"><input type=\"image\" src=\"@/input.png\"></form>\n\n"
    "<object data=\"@/object\"></object><embed src=\"@/embed\">\n\n"
    "<base href=\"@/\"><img src=\"relative-to-base.png\">\n\n"
    "<style>@import url(@/import.css); body { background: url(@/body.png) }</style>\n\n"
    "<svg><image href=\"@/inline-svg.png\"/></svg>\n\n"
    "<table background=\"@/table.png\"><tr><td>x</td></tr></table>\n" },
  { "svg-image.md",
    "---\ntitle: SVG image\n---\n![svg](evil.svg) ![svg2](sub/evil.svg)\n\n[open](evil.svg)\n" },
  { "front-matter.md",
    "---\ntitle: \"Front <img src='@/title.png'> matter\"\n"
    "description: \"<script>document.title='PWNED'</script><img src=@/description.png>\"\n"
    "keywords: \"<link rel=stylesheet href=@/keyword.css>, <iframe src=@/kw>\"\n"
    "aliases: [\"<img src=@/alias.png>\"]\n---\nBody.\n" },
  { "scripts.md",
    "---\ntitle: Scripts\n---\n"
    "<script>document.title = 'PWNED'; window.pwned = 1; fetch('@/script');</script>\n\n"
    "<img src=\"x\" onerror=\"document.title='PWNED'; window.pwned = 2; new Image().src='@/onerror'\">\n\n"
    "<body onload=\"window.pwned = 3\">\n\n"
    "<svg><script>window.pwned = 4; document.title = 'PWNED'</script></svg>\n\n"
    "<svg onload=\"window.pwned = 5\"></svg>\n\n"
    "[js](javascript:window.pwned=6) <a href=\"javascript:window.pwned=7\">a</a>\n\n"
    "<iframe srcdoc=\"<script>parent.pwned=8</script>\"></iframe>\n\n"
    "[title](@/t \"x\\\" onmouseover=\\\"window.pwned=9\")\n\n"
    "<details open ontoggle=\"window.pwned=10\"><summary>s</summary></details>\n" },
};

static const char evil_svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
  "width=\"20\" height=\"20\">"
  "<style>@import url(@/svg-import.css);</style>"
  "<image href=\"@/svg-image.png\" width=\"10\" height=\"10\"/>"
  "<image xlink:href=\"@/svg-xlink.png\" width=\"10\" height=\"10\"/>"
  "<use href=\"@/svg-use.svg#x\"/>"
  "<script>document.title = 'PWNED'; fetch('@/svg-script');</script>"
  "<rect width=\"20\" height=\"20\" fill=\"url(@/svg-fill.svg#p)\"/>"
  "</svg>";

static char *
with_port (Fixture    *fixture,
           const char *text)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);
  g_autofree char *port = g_strdup_printf ("%u", fixture->port);
  g_auto(GStrv) pieces = g_strsplit (text, "@", -1);
  g_autofree char *joined = g_strjoinv (base, pieces);
  g_auto(GStrv) parts = g_strsplit (joined, "PORT", -1);

  return g_strjoinv (port, parts);
}

static void
make_glossary (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = with_port (fixture, evil_svg);
  g_autofree char *outside = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *link = NULL;
  g_autofree char *sub = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar pixels[4 * 4 * 4];

  fixture->tmp = g_dir_make_tmp ("sanasto-no-remote-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->root = g_build_filename (fixture->tmp, "root", NULL);
  outside = g_build_filename (fixture->tmp, "outside", NULL);
  sub = g_build_filename (fixture->root, "sub", NULL);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *text = with_port (fixture, articles[i].text);

      write_file (fixture, articles[i].name, text);
    }
  write_file (fixture, "evil.svg", svg);
  write_file (fixture, "sub/evil.svg", svg);

  /* A real image inside the root (it must load) and a secret one outside (it must not). */
  memset (pixels, 0x80, sizeof pixels);
  png = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, png, 16);
  {
    g_autofree char *inside = g_build_filename (fixture->root, "inside.png", NULL);

    g_assert_true (gdk_texture_save_to_png (texture, inside));
  }
  secret = g_build_filename (outside, "secret.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, secret));
  {
    g_autofree char *secret_md = g_build_filename (outside, "secret.md", NULL);

    g_file_set_contents (secret_md, SECRET "\n", -1, &error);
    g_assert_no_error (error);
  }
  link = g_build_filename (fixture->root, "link-out.png", NULL);
  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_free (link);
  link = g_build_filename (fixture->root, "dir-out", NULL);
  g_assert_cmpint (symlink (outside, link), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  fixture->service = g_socket_service_new ();
  fixture->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fixture->service),
                                                       NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->service, "incoming", G_CALLBACK (incoming_cb), fixture);
  g_socket_service_start (fixture->service);

  make_glossary (fixture);

  g_settings_reset (settings, "last-glossary");
  g_settings_reset (settings, "last-entry");

  fixture->window = sanasto_window_new (NULL);
  _sanasto_article_view_set_launcher (view_of (fixture), capture_launch, fixture);
  g_signal_connect (web_view_of (fixture), "load-changed", G_CALLBACK (load_changed_cb), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sanasto_test_wait_until ((SanastoTestCondition) window_mapped, fixture, "the window to show");
  sanasto_window_open_folder (fixture->window, fixture->root, NULL);
  sanasto_test_wait_until ((SanastoTestCondition) folder_loaded, fixture, "the folder to load");
  settle (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (web_view_of (fixture), fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle (200);
  g_socket_service_stop (fixture->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fixture->service));
  g_clear_object (&fixture->service);
  sanasto_test_remove_tree (fixture->tmp);
  g_clear_pointer (&fixture->tmp, g_free);
  g_clear_pointer (&fixture->root, g_free);
  g_clear_pointer (&fixture->launched_uri, g_free);
}

/* The listener counts: one connection of the test's own reaches it. */
static void
assert_listener_counts (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", fixture->port, NULL,
                                                &error);
  g_assert_no_error (error);
  while (fixture->connections == 0)
    g_main_context_iteration (NULL, TRUE);
  fixture->connections = 0;
}

static void
show_entry (Fixture      *fixture,
            SanastoEntry *entry)
{
  fixture->load_finished = FALSE;
  sanasto_article_view_load_entry (view_of (fixture), entry);
  sanasto_test_wait_until ((SanastoTestCondition) load_done, fixture, "the page to load");
  settle (700);
}

static void
test_no_remote_loads (Fixture       *fixture,
                      gconstpointer  data)
{
  SanastoGlossary *glossary = sanasto_window_get_glossary (fixture->window);
  guint pages = 0;

  assert_listener_counts (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *slug = g_strndup (articles[i].name, strlen (articles[i].name) - 3);
      SanastoEntry *entry = sanasto_glossary_lookup (glossary, "", slug);
      g_autofree char *title = NULL;
      g_autofree char *pwned = NULL;
      g_autofree char *html = NULL;

      g_assert_nonnull (entry);
      show_entry (fixture, entry);
      pages++;

      g_assert_null (_sanasto_article_view_get_error (view_of (fixture)));
      title = run_script (fixture, "document.title");
      g_assert_cmpstr (title, ==, sanasto_entry_get_title (entry));
      pwned = run_script (fixture, "String(window.pwned)");
      g_assert_cmpstr (pwned, ==, "undefined");
      html = run_script (fixture, "document.documentElement.outerHTML");
      g_assert_nonnull (html);
      if (fixture->connections != 0)
        g_error ("The page %s made %u connections", slug, fixture->connections);
      /* Nothing was opened in a browser without a click. */
      g_assert_null (fixture->launched_uri);
    }

  /* The SVG shown as an image: it renders, but none of its own loads or scripts run. */
  {
    SanastoEntry *entry = sanasto_glossary_lookup (glossary, "", "svg-image");
    g_autofree char *width = NULL;

    show_entry (fixture, entry);
    width = run_script (fixture, "String(document.images.length) + ':' + "
                                 "String(document.images[0] && document.images[0].naturalWidth)");
    g_test_message ("SVG images in the page: %s", width);
  }

  /* Clicking every link a page kept must not connect either (http ones go to the launcher). */
  {
    g_autofree char *clicked = NULL;

    clicked = run_script (fixture, "var n = 0; for (const a of document.querySelectorAll('a')) "
                                   "{ a.click (); n++; } String(n)");
    g_test_message ("%s links on the last page", clicked);
  }

  settle (1000);
  g_test_message ("%u pages shown, %u connections to the listener", pages, fixture->connections);
  g_assert_cmpuint (fixture->connections, ==, 0);
}

static char *probe_id;

static gboolean
probe_done (Fixture *fixture)
{
  g_autofree char *script = g_strdup_printf ("(function () { var i = document.getElementById "
                                             "('%s'); return i && i.dataset.done ? "
                                             "i.dataset.done : null; })()", probe_id);
  g_autofree char *result = run_script (fixture, script);

  return result != NULL;
}

/* Loads src as an image from the page of the test; its width, 0 when it did not load. */
static int
probe_image (Fixture    *fixture,
             const char *src)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("probe%u", counter++);
  g_autofree char *script = NULL;
  g_autofree char *width = NULL;

  script = g_strdup_printf ("(function () { var i = new Image (); i.id = '%s'; "
                            "i.onload = function () { i.dataset.done = 'load'; }; "
                            "i.onerror = function () { i.dataset.done = 'error'; }; "
                            "document.body.appendChild (i); i.src = '%s'; return 'ok'; })()",
                            id, src);
  g_free (run_script (fixture, script));
  probe_id = id;
  sanasto_test_wait_until ((SanastoTestCondition) probe_done, fixture, src);
  g_free (script);
  script = g_strdup_printf ("String(document.getElementById ('%s').naturalWidth)", id);
  width = run_script (fixture, script);
  return atoi (width);
}

static gboolean
page_has_secret (Fixture *fixture)
{
  g_autofree char *html = run_script (fixture, "document.documentElement ? "
                                               "document.documentElement.outerHTML : ''");

  return html != NULL && (strstr (html, SECRET) != NULL || strstr (html, "root:x:0") != NULL);
}

static void
test_no_escapes (Fixture       *fixture,
                 gconstpointer  data)
{
  SanastoGlossary *glossary = sanasto_window_get_glossary (fixture->window);
  static const char * const images[] = {
    "sanasto://file/../outside/secret.png",
    "sanasto://file/%2e%2e/outside/secret.png",
    "sanasto://file/%2E%2E%2Foutside%2Fsecret.png",
    "sanasto://file/..%2f..%2f..%2fetc%2fpasswd",
    "sanasto://file//etc/passwd",
    "sanasto://file/%2Fetc%2Fpasswd",
    "sanasto://file/link-out.png",
    "sanasto://file/dir-out/secret.png",
    "sanasto://file/sub/../../outside/secret.png",
    "sanasto://entry/../file/../outside/secret.png",
  };
  static const char * const navigations[] = {
    "sanasto://file/../../etc/passwd",
    "sanasto://file/%2e%2e/%2e%2e/etc/passwd",
    "sanasto://file//etc/passwd",
    "sanasto://file/dir-out/secret.md",
    "sanasto://file/inside.png",
    "sanasto://entry/_/..%2f..%2fetc%2fpasswd",
    "sanasto://entry/_/%2e%2e/%2e%2e/outside/secret",
    "sanasto://entry/../../outside/secret",
    "sanasto://entry/_//etc/passwd",
    "file:///etc/passwd",
    "sanasto://missing/..%2f..%2fetc%2fpasswd",
  };
  guint refused = 0;

  show_entry (fixture, sanasto_glossary_lookup (glossary, "", "markdown-images"));

  /* A control: an image inside the folder loads through the same path. */
  g_assert_cmpint (probe_image (fixture, "sanasto://file/inside.png"), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      if (probe_image (fixture, images[i]) != 0)
        g_error ("%s was served", images[i]);
      refused++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (navigations); i++)
    {
      webkit_web_view_load_uri (web_view_of (fixture), navigations[i]);
      settle (800);
      sanasto_test_wait_until ((SanastoTestCondition) load_done, fixture, "the view to settle");
      if (page_has_secret (fixture))
        g_error ("%s was served", navigations[i]);
      g_assert_false (g_str_has_prefix (webkit_web_view_get_uri (web_view_of (fixture)),
                                        "file:"));
      refused++;
    }

  g_test_message ("%u escapes refused, %u connections", refused, fixture->connections);
  g_assert_cmpuint (fixture->connections, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/no-remote/loads", Fixture, NULL, fixture_set_up, test_no_remote_loads,
              fixture_tear_down);
  g_test_add ("/no-remote/escapes", Fixture, NULL, fixture_set_up, test_no_escapes,
              fixture_tear_down);

  return g_test_run ();
}
