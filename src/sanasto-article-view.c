/* sanasto-article-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sanasto-article-view-private.h"
#include "sanasto-renderer-private.h"

struct _SanastoArticleView
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  WebKitWebView      *web_view;
  AdwStatusPage      *error_page;

  WebKitWebContext   *context;
  WebKitNetworkSession *session;

  SanastoGlossary    *glossary;
  SanastoIndex       *index;
  char               *canonical_root;
  SanastoEntry       *entry;
  char               *failed_uri;
  char               *find_text;

  SanastoUriLauncher  launcher;
  gpointer            launcher_data;
};

G_DEFINE_FINAL_TYPE (SanastoArticleView, sanasto_article_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MISSING_LINK,
  FIND_RESULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const double zoom_steps[] = { 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

static const WebKitFindOptions find_options =
  WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND;

static void
launch_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open a link: %s", error->message);
}

static void
default_launcher (GtkWidget  *widget,
                  const char *uri,
                  gpointer    user_data)
{
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_done_cb, NULL);
}

static void
finish_with_error (WebKitURISchemeRequest *request,
                   GQuark                  domain,
                   int                     code,
                   const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (domain, code, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

static void
finish_page (WebKitURISchemeRequest *request,
             SanastoGlossary        *glossary,
             SanastoEntry           *entry,
             GPtrArray              *backlinks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  char *html = _sanasto_renderer_render_page_full (glossary, entry, backlinks, &error);
  gsize length;

  if (html == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  length = strlen (html);
  stream = g_memory_input_stream_new_from_data (html, length, g_free);
  webkit_uri_scheme_request_finish (request, stream, length, "text/html");
}

static void
backlinks_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SanastoIndex *index = g_object_get_data (G_OBJECT (task), "index");

  g_task_return_pointer (task, sanasto_index_get_backlinks (index, task_data),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
backlinks_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GPtrArray) backlinks = g_task_propagate_pointer (G_TASK (result), NULL);
  SanastoGlossary *glossary = g_object_get_data (G_OBJECT (result), "glossary");

  finish_page (request, glossary, g_task_get_task_data (G_TASK (result)), backlinks);
}

static void
serve_entry_with_backlinks (SanastoArticleView     *self,
                            WebKitURISchemeRequest *request,
                            SanastoEntry           *entry)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, backlinks_done_cb, g_object_ref (request));

  /* The task holds what the page needs, so a new glossary meanwhile changes nothing. */
  g_task_set_task_data (task, g_object_ref (entry), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "index", g_object_ref (self->index), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "glossary", g_object_ref (self->glossary),
                          g_object_unref);
  g_task_run_in_thread (task, backlinks_thread);
}

static void
serve_entry (SanastoArticleView     *self,
             WebKitURISchemeRequest *request,
             const char             *uri)
{
  g_autofree char *language = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  SanastoEntry *entry;
  gsize length;

  if (!sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment))
    {
      finish_with_error (request, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("This address does not name an article."));
      return;
    }
  if (g_strcmp0 (language, "_") == 0)
    g_clear_pointer (&language, g_free);

  entry = sanasto_glossary_lookup (self->glossary, language ? language : "", slug);
  if (entry == NULL)
    {
      finish_with_error (request, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("This glossary has no such article."));
      return;
    }

  /* With an index, the backlinks come from SQLite: asked for in a worker, not here. */
  if (self->index != NULL && sanasto_index_is_ready (self->index))
    {
      serve_entry_with_backlinks (self, request, entry);
      return;
    }

  html = _sanasto_renderer_render_page_full (self->glossary, entry, NULL, &error);
  if (html == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  length = strlen (html);
  stream = g_memory_input_stream_new_from_data (g_steal_pointer (&html), length, g_free);
  webkit_uri_scheme_request_finish (request, stream, length, "text/html");
}

/* The relative path of a sanasto://file/ URI resolved inside the glossary root, or NULL
 * when it escapes the root (.., symlinks), is not a regular file or is not an image. */
static char *
resolve_file (SanastoArticleView *self,
              const char         *uri)
{
  g_autofree char *encoded = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *real = NULL;
  const char *start = uri + strlen (SANASTO_SCHEME "://file/");
  size_t span = strcspn (start, "?#");

  encoded = g_strndup (start, span);
  relative = g_uri_unescape_string (encoded, NULL);
  if (relative == NULL || *relative == '\0' || self->canonical_root == NULL)
    return NULL;

  joined = g_build_filename (self->canonical_root, relative, NULL);
  real = realpath (joined, NULL);
  if (real == NULL || !g_str_has_prefix (real, self->canonical_root) ||
      real[strlen (self->canonical_root)] != G_DIR_SEPARATOR)
    return NULL;
  if (!g_file_test (real, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&real);
}

static void
serve_file (SanastoArticleView     *self,
            WebKitURISchemeRequest *request,
            const char             *uri)
{
  g_autofree char *path = resolve_file (self, uri);
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      finish_with_error (request, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                         _("Only files inside the glossary folder can be shown."));
      return;
    }

  /* Images only: anything else could be a document with scripts of its own. */
  content_type = g_content_type_guess (path, NULL, 0, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      finish_with_error (request, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only images can be shown from the glossary folder."));
      return;
    }

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  webkit_uri_scheme_request_finish (request, G_INPUT_STREAM (stream), -1, mime_type);
}

static void
handle_scheme_request_cb (WebKitURISchemeRequest *request,
                          gpointer                user_data)
{
  g_autoptr(SanastoArticleView) self = g_weak_ref_get (user_data);
  const char *uri = webkit_uri_scheme_request_get_uri (request);

  if (self == NULL || self->glossary == NULL)
    finish_with_error (request, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No glossary is open."));
  else if (g_str_has_prefix (uri, SANASTO_SCHEME "://entry/"))
    serve_entry (self, request, uri);
  else if (g_str_has_prefix (uri, SANASTO_SCHEME "://file/"))
    serve_file (self, request, uri);
  else
    finish_with_error (request, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("This address does not name an article."));
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
show_error (SanastoArticleView *self,
            const char         *title,
            const char         *description)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
handle_missing_link (SanastoArticleView *self,
                     const char         *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *target = NULL;
  const char *text = NULL;
  const char *query;

  if (parsed == NULL)
    return;

  query = g_uri_get_query (parsed);
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL)
    text = g_hash_table_lookup (params, "text");

  target = g_strdup (g_uri_get_path (parsed));
  if (target != NULL && target[0] == '/')
    memmove (target, target + 1, strlen (target));
  if (text == NULL || *text == '\0')
    text = target;

  g_signal_emit (self, signals[MISSING_LINK], 0, text ? text : "", target ? target : "");
}

static gboolean
decide_policy_cb (SanastoArticleView       *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  const char *uri;
  g_autofree char *scheme = NULL;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  scheme = g_uri_parse_scheme (uri);

  if (g_str_has_prefix (uri, SANASTO_SCHEME "://entry/"))
    {
      if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
        {
          webkit_policy_decision_ignore (decision);
          webkit_web_view_load_uri (self->web_view, uri);
          return TRUE;
        }
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (g_str_has_prefix (uri, SANASTO_SCHEME "://missing/"))
    handle_missing_link (self, uri);
  else if (scheme != NULL &&
           (g_ascii_strcasecmp (scheme, "http") == 0 ||
            g_ascii_strcasecmp (scheme, "https") == 0 ||
            g_ascii_strcasecmp (scheme, "mailto") == 0))
    self->launcher (GTK_WIDGET (self), uri, self->launcher_data);

  return TRUE;
}

static void
update_entry (SanastoArticleView *self)
{
  const char *uri = webkit_web_view_get_uri (self->web_view);
  g_autofree char *language = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *fragment = NULL;
  SanastoEntry *entry = NULL;

  if (self->glossary != NULL && uri != NULL &&
      g_str_has_prefix (uri, SANASTO_SCHEME "://entry/") &&
      sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment))
    {
      if (g_strcmp0 (language, "_") == 0)
        g_clear_pointer (&language, g_free);
      entry = sanasto_glossary_lookup (self->glossary, language ? language : "", slug);
    }

  if (g_set_object (&self->entry, entry))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

static void
back_forward_changed_cb (SanastoArticleView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

static void
load_changed_cb (SanastoArticleView *self,
                 WebKitLoadEvent     event,
                 WebKitWebView      *web_view)
{
  if (event == WEBKIT_LOAD_FINISHED)
    g_debug ("Article shown: %s", webkit_web_view_get_uri (web_view));
  if (event == WEBKIT_LOAD_COMMITTED)
    {
      g_clear_pointer (&self->failed_uri, g_free);
      gtk_stack_set_visible_child_name (self->stack, "web");
    }
}

static gboolean
load_failed_cb (SanastoArticleView *self,
                WebKitLoadEvent     event,
                const char         *failing_uri,
                GError             *error,
                WebKitWebView      *web_view)
{
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;

  g_free (self->failed_uri);
  self->failed_uri = g_strdup (failing_uri);
  show_error (self, _("This Article Cannot Be Shown"), error->message);
  /* Nothing is shown now: no title, no selection in the list. */
  if (g_set_object (&self->entry, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
  return TRUE;
}

static void
web_process_terminated_cb (SanastoArticleView                  *self,
                           WebKitWebProcessTerminationReason  reason,
                           WebKitWebView                       *web_view)
{
  g_free (self->failed_uri);
  self->failed_uri = g_strdup (webkit_web_view_get_uri (web_view));
  show_error (self, _("The Article View Stopped"),
              reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
              ? _("It used too much memory. Reload to try again.")
              : _("Reload to show the article again."));
}

static void
counted_matches_cb (SanastoArticleView *self,
                    guint               n_matches)
{
  g_signal_emit (self, signals[FIND_RESULT], 0, n_matches);
}

static void
failed_to_find_cb (SanastoArticleView *self)
{
  g_signal_emit (self, signals[FIND_RESULT], 0, 0);
}

static gboolean
context_menu_cb (SanastoArticleView  *self,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView       *web_view)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* No new windows, downloads or inspector: the reader has one view. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      switch (webkit_context_menu_item_get_stock_action (l->data))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK_IN_NEW_WINDOW:
        case WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_LINK_TO_DISK:
        case WEBKIT_CONTEXT_MENU_ACTION_OPEN_IMAGE_IN_NEW_WINDOW:
        case WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_IMAGE_TO_DISK:
        case WEBKIT_CONTEXT_MENU_ACTION_OPEN_FRAME_IN_NEW_WINDOW:
        case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
          webkit_context_menu_remove (menu, l->data);
          break;
        default:
          break;
        }
    }
  g_list_free (items);
  return FALSE;
}

static void
reload_clicked_cb (SanastoArticleView *self)
{
  sanasto_article_view_reload (self);
}

static void
sanasto_article_view_dispose (GObject *object)
{
  SanastoArticleView *self = SANASTO_ARTICLE_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->web_view = NULL;
  self->stack = NULL;
  self->error_page = NULL;
  g_clear_object (&self->context);
  g_clear_object (&self->session);
  g_clear_object (&self->glossary);
  g_clear_object (&self->index);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (sanasto_article_view_parent_class)->dispose (object);
}

static void
sanasto_article_view_finalize (GObject *object)
{
  SanastoArticleView *self = SANASTO_ARTICLE_VIEW (object);

  g_free (self->canonical_root);
  g_free (self->failed_uri);
  g_free (self->find_text);

  G_OBJECT_CLASS (sanasto_article_view_parent_class)->finalize (object);
}

static void
sanasto_article_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SanastoArticleView *self = SANASTO_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, sanasto_article_view_can_go_back (self));
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, sanasto_article_view_can_go_forward (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, sanasto_article_view_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sanasto_article_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SanastoArticleView *self = SANASTO_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      sanasto_article_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sanasto_article_view_class_init (SanastoArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sanasto_article_view_dispose;
  object_class->finalize = sanasto_article_view_finalize;
  object_class->get_property = sanasto_article_view_get_property;
  object_class->set_property = sanasto_article_view_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, SANASTO_TYPE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A link to a term this glossary does not have: its anchor text and raw target. */
  signals[MISSING_LINK] =
    g_signal_new ("missing-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* The number of matches of the find text (0: none). */
  signals[FIND_RESULT] =
    g_signal_new ("find-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "articleview");
}

static void
sanasto_article_view_init (SanastoArticleView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;
  WebKitFindController *find_controller;
  GWeakRef *weak_self = g_new0 (GWeakRef, 1);
  GtkWidget *reload;

  self->launcher = default_launcher;

  self->session = webkit_network_session_new_ephemeral ();
  self->context = webkit_web_context_new ();
  webkit_web_context_set_cache_model (self->context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  g_weak_ref_init (weak_self, self);
  webkit_web_context_register_uri_scheme (self->context, SANASTO_SCHEME,
                                          handle_scheme_request_cb, weak_self, weak_ref_free);

  /* Page scripts stay off; evaluate_javascript still works for find and the tests. */
  settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                "enable-javascript-markup", FALSE,
                                                "enable-html5-local-storage", FALSE,
                                                "enable-html5-database", FALSE,
                                                "enable-developer-extras", FALSE,
                                                "enable-page-cache", TRUE,
                                                "enable-webgl", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-media", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                NULL);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", self->context,
                                 "network-session", self->session,
                                 "settings", settings,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);

  /* Screen readers announce the pane by name before the page's own text. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Article"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Article"), -1);

  /* Transparent until the page paints: no white flash in the dark style. */
  webkit_web_view_set_background_color (self->web_view, &(GdkRGBA) { 0, 0, 0, 0 });

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  reload = gtk_button_new_with_mnemonic (_("_Reload"));
  gtk_widget_set_halign (reload, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reload, "pill");
  gtk_widget_add_css_class (reload, "suggested-action");
  g_signal_connect_object (reload, "clicked", G_CALLBACK (reload_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_child (self->error_page, reload);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->web_view), "web");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::uri", G_CALLBACK (update_entry), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (self->web_view), "changed",
                           G_CALLBACK (back_forward_changed_cb), self, G_CONNECT_SWAPPED);

  find_controller = webkit_web_view_get_find_controller (self->web_view);
  g_signal_connect_object (find_controller, "counted-matches", G_CALLBACK (counted_matches_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (find_controller, "failed-to-find-text", G_CALLBACK (failed_to_find_cb),
                           self, G_CONNECT_SWAPPED);

  /* Starts the web process now, while the glossary loads, not after: it is most of the
   * time to the first article. */
  webkit_web_view_load_uri (self->web_view, "about:blank");
}

GtkWidget *
sanasto_article_view_new (void)
{
  return g_object_new (SANASTO_TYPE_ARTICLE_VIEW, NULL);
}

void
sanasto_article_view_set_glossary (SanastoArticleView *self,
                                   SanastoGlossary    *glossary)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));
  g_return_if_fail (!glossary || SANASTO_IS_GLOSSARY (glossary));

  if (!g_set_object (&self->glossary, glossary))
    return;

  g_clear_pointer (&self->canonical_root, g_free);
  if (glossary != NULL)
    {
      self->canonical_root = realpath (sanasto_glossary_get_root (glossary), NULL);
      if (self->canonical_root == NULL)
        self->canonical_root = g_strdup (sanasto_glossary_get_root (glossary));
    }

  /* The history belongs to the previous glossary; a blank page resets it as far as WebKit
   * lets us, and the entry goes. */
  webkit_web_view_load_uri (self->web_view, "about:blank");
  if (g_set_object (&self->entry, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

/* A reload of the same folder (sanasto-window-reload.c): the page stays, with its scroll
 * position and history; the entry shown is looked up again in the new glossary. */
void
_sanasto_article_view_replace_glossary (SanastoArticleView *self,
                                        SanastoGlossary    *glossary)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));
  g_return_if_fail (SANASTO_IS_GLOSSARY (glossary));

  if (!g_set_object (&self->glossary, glossary))
    return;
  g_free (self->canonical_root);
  self->canonical_root = realpath (sanasto_glossary_get_root (glossary), NULL);
  if (self->canonical_root == NULL)
    self->canonical_root = g_strdup (sanasto_glossary_get_root (glossary));
  update_entry (self);
}

SanastoGlossary *
sanasto_article_view_get_glossary (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), NULL);
  return self->glossary;
}

void
sanasto_article_view_load_entry (SanastoArticleView *self,
                                 SanastoEntry       *entry)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));
  g_return_if_fail (SANASTO_IS_ENTRY (entry));

  uri = sanasto_renderer_entry_uri (entry, NULL);
  /* Only the page shown, loaded and not failed is skipped. While a load is under way the
   * address may still be the previous page's (a link being followed), and skipping would
   * leave the reader on the page that link leads to instead of this one. */
  if (g_strcmp0 (uri, webkit_web_view_get_uri (self->web_view)) == 0 && self->failed_uri == NULL &&
      !webkit_web_view_is_loading (self->web_view))
    return;
  webkit_web_view_load_uri (self->web_view, uri);
}

SanastoEntry *
sanasto_article_view_get_entry (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), NULL);
  return self->entry;
}

const char *
sanasto_article_view_get_uri (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), NULL);
  return webkit_web_view_get_uri (self->web_view);
}

gboolean
sanasto_article_view_can_go_back (SanastoArticleView *self)
{
  WebKitBackForwardListItem *item;

  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), FALSE);

  /* The blank page a glossary starts with is not somewhere to go back to. */
  item = webkit_back_forward_list_get_back_item (
    webkit_web_view_get_back_forward_list (self->web_view));
  return item != NULL &&
         g_str_has_prefix (webkit_back_forward_list_item_get_uri (item), SANASTO_SCHEME ":");
}

gboolean
sanasto_article_view_can_go_forward (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), FALSE);
  return webkit_web_view_can_go_forward (self->web_view);
}

void
sanasto_article_view_go_back (SanastoArticleView *self)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  if (sanasto_article_view_can_go_back (self))
    webkit_web_view_go_back (self->web_view);
}

void
sanasto_article_view_go_forward (SanastoArticleView *self)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  if (sanasto_article_view_can_go_forward (self))
    webkit_web_view_go_forward (self->web_view);
}

void
sanasto_article_view_reload (SanastoArticleView *self)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  uri = g_strdup (self->failed_uri ? self->failed_uri : webkit_web_view_get_uri (self->web_view));
  if (uri != NULL)
    webkit_web_view_load_uri (self->web_view, uri);
}

double
sanasto_article_view_get_zoom (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), 1.0);
  return webkit_web_view_get_zoom_level (self->web_view);
}

static guint
nearest_zoom_step (double level)
{
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (zoom_steps); i++)
    if (ABS (zoom_steps[i] - level) < ABS (zoom_steps[best] - level))
      best = i;
  return best;
}

void
sanasto_article_view_set_zoom (SanastoArticleView *self,
                               double              level)
{
  double step;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  step = zoom_steps[nearest_zoom_step (level)];
  if (step == webkit_web_view_get_zoom_level (self->web_view))
    return;
  webkit_web_view_set_zoom_level (self->web_view, step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* direction: +1, -1, or 0 for the default size. Returns whether the level changed. */
gboolean
sanasto_article_view_zoom_step (SanastoArticleView *self,
                                int                 direction)
{
  double before;
  int index;

  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), FALSE);

  before = sanasto_article_view_get_zoom (self);
  if (direction == 0)
    {
      sanasto_article_view_set_zoom (self, 1.0);
    }
  else
    {
      index = (int) nearest_zoom_step (before) + (direction > 0 ? 1 : -1);
      index = CLAMP (index, 0, (int) G_N_ELEMENTS (zoom_steps) - 1);
      sanasto_article_view_set_zoom (self, zoom_steps[index]);
    }
  return sanasto_article_view_get_zoom (self) != before;
}

void
sanasto_article_view_find (SanastoArticleView *self,
                           const char         *text)
{
  WebKitFindController *controller;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  controller = webkit_web_view_get_find_controller (self->web_view);
  if (g_strcmp0 (text, self->find_text) == 0)
    return;
  g_free (self->find_text);
  self->find_text = g_strdup (text);

  if (text == NULL || *text == '\0')
    {
      webkit_find_controller_search_finish (controller);
      return;
    }
  webkit_find_controller_count_matches (controller, text, find_options, G_MAXUINT);
  webkit_find_controller_search (controller, text, find_options, G_MAXUINT);
}

void
sanasto_article_view_find_next (SanastoArticleView *self,
                                gboolean            backwards)
{
  WebKitFindController *controller;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  if (self->find_text == NULL || *self->find_text == '\0')
    return;
  controller = webkit_web_view_get_find_controller (self->web_view);
  if (backwards)
    webkit_find_controller_search_previous (controller);
  else
    webkit_find_controller_search_next (controller);
}

void
sanasto_article_view_print (SanastoArticleView *self)
{
  g_autoptr(WebKitPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  operation = webkit_print_operation_new (self->web_view);
  webkit_print_operation_run_dialog (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

void
_sanasto_article_view_set_launcher (SanastoArticleView *self,
                                    SanastoUriLauncher  launcher,
                                    gpointer            user_data)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));

  self->launcher = launcher ? launcher : default_launcher;
  self->launcher_data = user_data;
}

void
_sanasto_article_view_set_index (SanastoArticleView *self,
                                 SanastoIndex       *index)
{
  g_return_if_fail (SANASTO_IS_ARTICLE_VIEW (self));
  g_return_if_fail (!index || SANASTO_IS_INDEX (index));

  g_set_object (&self->index, index);
}

WebKitWebView *
_sanasto_article_view_get_web_view (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), NULL);
  return self->web_view;
}

gboolean
_sanasto_article_view_is_loading (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), FALSE);
  return webkit_web_view_is_loading (self->web_view);
}

const char *
_sanasto_article_view_get_error (SanastoArticleView *self)
{
  g_return_val_if_fail (SANASTO_IS_ARTICLE_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0)
    return NULL;
  return adw_status_page_get_title (self->error_page);
}
