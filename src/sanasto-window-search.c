/* sanasto-window-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search and the link graph in the window: see sanasto-window-search-private.h.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sanasto-article-view-private.h"
#include "sanasto-renderer-private.h"
#include "sanasto-search-row.h"
#include "sanasto-term-row.h"
#include "sanasto-window-private.h"
#include "sanasto-window-search-private.h"

/* Long enough to let a word be typed, short enough not to feel slow. */
#define SEARCH_DELAY_MS 150
#define SEARCH_LIMIT 50

struct _SanastoWindowSearch
{
  SanastoIndex        *index;
  GListStore          *parts;     /* [matcher, hits] */
  GListStore          *hits;      /* full-text hits not already among the title matches */
  GtkFlattenListModel *combined;

  GCancellable        *search_cancellable;
  guint                search_source;
  char                *query;     /* the query and language the hits are for */
  char                *language;
  gboolean             searching;
  gboolean             indexing;
  gboolean             backlinks_pending;  /* the page shown may lack its "Referenced by" */

  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;

  SanastoEntry        *highlight_entry;
  char                *highlight;

  GtkWidget           *preview;
  GtkLabel            *preview_title;
  GtkLabel            *preview_description;
  char                *preview_uri;
  double               pointer_x;
  double               pointer_y;
};

/* The page shown before the index was ready gets its "Referenced by" section now, added in
 * place rather than by a reload that would lose the reader's place. */

static void
backlinks_inserted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                 result, &error);
  if (value == NULL)
    g_debug ("Could not add the backlinks: %s", error->message);
}

static void
late_backlinks_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  SanastoIndex *index = g_object_get_data (G_OBJECT (task), "index");

  g_task_return_pointer (task, sanasto_index_get_backlinks (index, task_data),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
late_backlinks_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = _sanasto_window_weak_ref_steal (user_data);
  g_autoptr(GPtrArray) backlinks = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *html = NULL;
  GVariantDict arguments;

  if (self == NULL || self->search == NULL || backlinks == NULL || backlinks->len == 0)
    return;
  if (sanasto_article_view_get_entry (self->article_view) !=
      g_task_get_task_data (G_TASK (result)) ||
      _sanasto_article_view_is_loading (self->article_view))
    return;

  /* Our own escaped HTML, handed over as an argument, never pasted into the script. */
  html = _sanasto_renderer_render_backlinks (backlinks);
  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "html", "s", html);
  webkit_web_view_call_async_javascript_function (
    _sanasto_article_view_get_web_view (self->article_view),
    "const article = document.querySelector ('article');"
    "if (!article || document.querySelector ('section.backlinks')) return false;"
    "article.insertAdjacentHTML ('beforeend', html);"
    "return true;",
    -1, g_variant_dict_end (&arguments), NULL, NULL, NULL, backlinks_inserted_cb, NULL);
}

static void
add_late_backlinks (SanastoWindow *self)
{
  SanastoWindowSearch *s = self->search;
  SanastoEntry *entry = sanasto_article_view_get_entry (self->article_view);
  g_autoptr(GTask) task = NULL;

  if (!s->backlinks_pending || _sanasto_article_view_is_loading (self->article_view))
    return;
  s->backlinks_pending = FALSE;
  if (entry == NULL || s->index == NULL)
    return;

  task = g_task_new (NULL, NULL, late_backlinks_cb, _sanasto_window_weak_ref_new (self));
  g_task_set_task_data (task, g_object_ref (entry), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "index", g_object_ref (s->index), g_object_unref);
  g_task_run_in_thread (task, late_backlinks_thread);
}

/* Indexing */

static void
index_progress_cb (SanastoWindow *self,
                   guint          done,
                   guint          total,
                   SanastoIndex  *index)
{
  SanastoWindowSearch *s = self->search;
  g_autofree char *label = NULL;

  if (index != s->index || total == 0)
    return;

  /* TRANSLATORS: the sidebar while the search index is built, e.g. "Indexing 3,120 of
   * 14,338 articles". */
  label = g_strdup_printf (ngettext ("Indexing %'u of %'u article", "Indexing %'u of %'u articles",
                                     total),
                           done, total);
  gtk_label_set_label (s->progress_label, label);
  gtk_progress_bar_set_fraction (s->progress_bar, (double) MIN (done, total) / total);
  gtk_widget_set_visible (s->progress_box, done < total);
}

static void
search_again (SanastoWindow *self)
{
  g_clear_pointer (&self->search->query, g_free);
  _sanasto_window_search_query_changed (self);
}

static void
index_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = _sanasto_window_weak_ref_steal (user_data);
  SanastoIndex *index = SANASTO_INDEX (object);
  g_autoptr(GError) error = NULL;
  gboolean opened = sanasto_index_open_finish (index, result, &error);

  if (self == NULL || self->search == NULL || self->search->index != index)
    return;
  self->search->indexing = FALSE;
  gtk_widget_set_visible (self->search->progress_box, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (!opened)
    {
      /* Reading works without the index; only full-text search and backlinks are gone. */
      g_warning ("Could not index the glossary: %s", error->message);
      return;
    }

  g_debug ("Index ready: %u files read", sanasto_index_get_files_read (index));
  _sanasto_article_view_set_index (self->article_view, index);
  _sanasto_window_search_add_late_backlinks (self);
  search_again (self);
}

/* Searching */

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = _sanasto_window_weak_ref_steal (user_data);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  SanastoWindowSearch *s;

  results = sanasto_index_search_finish (SANASTO_INDEX (object), result, &error);
  if (self == NULL || self->search == NULL || results == NULL)
    return;
  s = self->search;
  if (SANASTO_INDEX (object) != s->index)
    return;

  s->searching = FALSE;
  g_clear_object (&s->search_cancellable);

  /* Title and alias matches are in the list already, from the matcher. */
  hits = g_ptr_array_new ();
  for (guint i = 0; i < results->len; i++)
    {
      SanastoSearchHit *hit = g_ptr_array_index (results, i);

      if (sanasto_search_hit_get_match (hit) != SANASTO_SEARCH_MATCH_FULL_TEXT)
        continue;
      if (self->matcher != NULL &&
          sanasto_term_matcher_find (self->matcher, sanasto_search_hit_get_entry (hit)) !=
          G_MAXUINT)
        continue;
      g_ptr_array_add (hits, hit);
    }

  g_debug ("Full-text search: %u hits", hits->len);
  g_list_store_splice (s->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (s->hits)),
                       hits->pdata, hits->len);
  if (g_list_model_get_n_items (G_LIST_MODEL (s->combined)) > 0)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
    }
  else
    {
      g_autofree char *description = g_strdup_printf (_("No term matches “%s”."), s->query);

      adw_status_page_set_icon_name (self->sidebar_status, "edit-find-symbolic");
      adw_status_page_set_title (self->sidebar_status, _("No Results"));
      adw_status_page_set_description (self->sidebar_status, description);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "status");
    }
}

static gboolean
run_search_cb (gpointer user_data)
{
  SanastoWindow *self = user_data;
  SanastoWindowSearch *s = self->search;

  s->search_source = 0;
  s->search_cancellable = g_cancellable_new ();
  sanasto_index_search_async (s->index, s->query, s->language, SEARCH_LIMIT,
                              s->search_cancellable, search_done_cb,
                              _sanasto_window_weak_ref_new (self));
  return G_SOURCE_REMOVE;
}

static void
cancel_search (SanastoWindowSearch *s)
{
  g_clear_handle_id (&s->search_source, g_source_remove);
  g_cancellable_cancel (s->search_cancellable);
  g_clear_object (&s->search_cancellable);
  s->searching = FALSE;
}

/* Highlighting the matched words */

/* The first marked words of the snippet: the form the article uses, which the find
 * controller finds even when the query was a prefix or a different case. */
static char *
first_marked_words (SanastoSearchHit *hit)
{
  const char *snippet = sanasto_search_hit_get_snippet (hit);
  const char *start = strstr (snippet, SANASTO_SEARCH_HIT_MARK_START);
  const char *end;

  if (start == NULL)
    return NULL;
  start++;
  end = strstr (start, SANASTO_SEARCH_HIT_MARK_END);
  if (end == NULL || end == start)
    return NULL;
  return g_strndup (start, end - start);
}

static void
apply_highlight (SanastoWindow *self)
{
  SanastoWindowSearch *s = self->search;
  SanastoEntry *shown = sanasto_article_view_get_entry (self->article_view);

  if (s->highlight == NULL || shown == NULL)
    return;
  if (shown == s->highlight_entry)
    {
      /* Again from the start, also when the same words were found on another page. */
      sanasto_article_view_find (self->article_view, NULL);
      sanasto_article_view_find (self->article_view, s->highlight);
    }
  g_clear_pointer (&s->highlight, g_free);
  g_clear_object (&s->highlight_entry);
}

static void
load_changed_cb (SanastoWindow   *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  if (event == WEBKIT_LOAD_STARTED)
    _sanasto_window_preview_link (self, NULL);
  /* A load finishing while another is queued (the blank page before an article) can report
   * the queued page's address: only a load with nothing after it is the page shown. */
  else if (event == WEBKIT_LOAD_FINISHED && !webkit_web_view_is_loading (web_view) &&
           g_str_has_prefix (webkit_web_view_get_uri (web_view), SANASTO_SCHEME ":"))
    {
      apply_highlight (self);
      add_late_backlinks (self);
    }
}

/* Link preview */

static void
pointer_motion_cb (SanastoWindow            *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *controller)
{
  self->search->pointer_x = x;
  self->search->pointer_y = y;
}

static void
pointer_leave_cb (SanastoWindow *self)
{
  _sanasto_window_preview_link (self, NULL);
}

static void
mouse_target_changed_cb (SanastoWindow       *self,
                         WebKitHitTestResult *result,
                         guint                modifiers,
                         WebKitWebView       *web_view)
{
  if (webkit_hit_test_result_context_is_link (result))
    _sanasto_window_preview_link (self, webkit_hit_test_result_get_link_uri (result));
  else
    _sanasto_window_preview_link (self, NULL);
}

static GtkLabel *
add_preview_label (GtkWidget  *box,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_lines (GTK_LABEL (label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

/* Hooks */

void
_sanasto_window_search_init (SanastoWindow *self)
{
  SanastoWindowSearch *s = g_new0 (SanastoWindowSearch, 1);
  WebKitWebView *web_view = _sanasto_article_view_get_web_view (self->article_view);
  GtkEventController *motion;
  GtkWidget *box;

  self->search = s;

  s->hits = g_list_store_new (SANASTO_TYPE_SEARCH_HIT);
  s->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (s->parts, s->hits);
  s->combined = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (s->parts)));

  /* Indexing progress, at the foot of the sidebar. */
  s->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (s->progress_box, "index-progress");
  gtk_widget_set_margin_start (s->progress_box, 12);
  gtk_widget_set_margin_end (s->progress_box, 12);
  gtk_widget_set_margin_top (s->progress_box, 6);
  gtk_widget_set_margin_bottom (s->progress_box, 10);
  s->progress_label = GTK_LABEL (gtk_label_new (_("Indexing…")));
  gtk_label_set_xalign (s->progress_label, 0);
  gtk_label_set_ellipsize (s->progress_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (s->progress_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (s->progress_label), "caption");
  s->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Indexing progress"), -1);
  gtk_box_append (GTK_BOX (s->progress_box), GTK_WIDGET (s->progress_label));
  gtk_box_append (GTK_BOX (s->progress_box), GTK_WIDGET (s->progress_bar));
  gtk_widget_set_visible (s->progress_box, FALSE);
  gtk_box_append (GTK_BOX (self->sidebar), s->progress_box);

  /* The link preview: a popover under the pointer that never takes the focus. */
  s->preview = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (s->preview), FALSE);
  gtk_popover_set_position (GTK_POPOVER (s->preview), GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (s->preview, FALSE);
  gtk_widget_set_can_target (s->preview, FALSE);
  gtk_widget_add_css_class (s->preview, "link-preview");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  s->preview_title = add_preview_label (box, "heading");
  s->preview_description = add_preview_label (box, "dim-label");
  gtk_popover_set_child (GTK_POPOVER (s->preview), box);
  gtk_widget_set_parent (s->preview, GTK_WIDGET (self->article_view));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (pointer_motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (pointer_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->article_view), motion);

  g_signal_connect_object (web_view, "mouse-target-changed",
                           G_CALLBACK (mouse_target_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (load_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_sanasto_window_search_dispose (SanastoWindow *self)
{
  SanastoWindowSearch *s = self->search;

  if (s == NULL)
    return;
  self->search = NULL;

  cancel_search (s);
  if (s->index != NULL)
    g_signal_handlers_disconnect_by_data (s->index, self);
  if (s->preview != NULL)
    gtk_widget_unparent (s->preview);
  g_clear_object (&s->index);
  g_clear_object (&s->combined);
  g_clear_object (&s->parts);
  g_clear_object (&s->hits);
  g_clear_object (&s->highlight_entry);
  g_free (s->highlight);
  g_free (s->query);
  g_free (s->language);
  g_free (s->preview_uri);
  g_free (s);
}

GListModel *
_sanasto_window_search_set_glossary (SanastoWindow      *self,
                                     SanastoGlossary    *glossary,
                                     SanastoTermMatcher *matcher)
{
  SanastoWindowSearch *s = self->search;
  gpointer models[2] = { matcher, s->hits };

  cancel_search (s);
  s->backlinks_pending = FALSE;
  g_clear_pointer (&s->query, g_free);
  g_list_store_remove_all (s->hits);
  g_list_store_splice (s->parts, 0, g_list_model_get_n_items (G_LIST_MODEL (s->parts)),
                       models, 2);

  /* The previous glossary's index was stopped with the window's cancellable. */
  _sanasto_article_view_set_index (self->article_view, NULL);
  if (s->index != NULL)
    g_signal_handlers_disconnect_by_data (s->index, self);
  g_clear_object (&s->index);

  s->index = sanasto_index_new (glossary);
  g_signal_connect_object (s->index, "progress", G_CALLBACK (index_progress_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_label (s->progress_label, _("Indexing…"));
  gtk_progress_bar_set_fraction (s->progress_bar, 0);
  s->indexing = TRUE;
  sanasto_index_open_async (s->index, self->cancellable, index_opened_cb,
                            _sanasto_window_weak_ref_new (self));

  return G_LIST_MODEL (s->combined);
}

void
_sanasto_window_search_query_changed (SanastoWindow *self)
{
  SanastoWindowSearch *s = self->search;
  g_autofree char *query = NULL;

  if (s == NULL)
    return;
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (s->query != NULL && g_strcmp0 (s->query, query) == 0 &&
      g_strcmp0 (s->language, self->language) == 0)
    return;

  cancel_search (s);
  g_free (s->query);
  s->query = g_steal_pointer (&query);
  g_free (s->language);
  s->language = g_strdup (self->language);

  /* Before the index is ready it has nothing to say; its opening searches again. */
  if (*s->query == '\0' || s->index == NULL || !sanasto_index_is_ready (s->index))
    {
      g_list_store_remove_all (s->hits);
      return;
    }

  /* The previous hits stay until the new ones replace them, so that the list does not
   * flicker with every key; only those now among the title matches go at once. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (s->hits)); i > 0; i--)
    {
      g_autoptr(SanastoSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (s->hits), i - 1);

      if (self->matcher == NULL ||
          sanasto_term_matcher_find (self->matcher, sanasto_search_hit_get_entry (hit)) !=
          G_MAXUINT)
        g_list_store_remove (s->hits, i - 1);
    }

  s->searching = TRUE;
  s->search_source = g_timeout_add (SEARCH_DELAY_MS, run_search_cb, self);
}

gboolean
_sanasto_window_search_bind_row (SanastoWindow *self,
                                 GtkListItem   *item)
{
  SanastoWindowSearch *s = self->search;
  gpointer object = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  guint first_hit = GTK_INVALID_LIST_POSITION;

  /* Rows are recycled between the two kinds of item. */
  if (!SANASTO_IS_SEARCH_HIT (object))
    {
      if (!SANASTO_IS_TERM_ROW (child))
        gtk_list_item_set_child (item, sanasto_term_row_new ());
      return FALSE;
    }

  if (!SANASTO_IS_SEARCH_ROW (child))
    {
      child = sanasto_search_row_new ();
      gtk_list_item_set_child (item, child);
    }
  if (s != NULL)
    first_hit = g_list_model_get_n_items (G_LIST_MODEL (s->combined)) -
                g_list_model_get_n_items (G_LIST_MODEL (s->hits));
  sanasto_search_row_set_hit (SANASTO_SEARCH_ROW (child), object,
                              gtk_list_item_get_position (item) == first_hit
                              ? _("Found in Articles") : NULL);
  return TRUE;
}

gboolean
_sanasto_window_search_open_item (SanastoWindow *self,
                                  gpointer       item)
{
  SanastoWindowSearch *s = self->search;
  SanastoEntry *entry;

  if (s == NULL || !SANASTO_IS_SEARCH_HIT (item))
    return FALSE;

  entry = sanasto_search_hit_get_entry (item);
  g_free (s->highlight);
  s->highlight = first_marked_words (item);
  if (s->highlight == NULL && s->query != NULL && *s->query != '\0')
    s->highlight = g_strdup (s->query);
  g_set_object (&s->highlight_entry, entry);

  gtk_stack_set_visible_child_name (self->content_stack, "article");
  if (sanasto_article_view_get_entry (self->article_view) == entry &&
      !_sanasto_article_view_is_loading (self->article_view))
    apply_highlight (self);
  else
    sanasto_article_view_load_entry (self->article_view, entry);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  return TRUE;
}

guint
_sanasto_window_search_find_hit (SanastoWindow *self,
                                 SanastoEntry  *entry)
{
  SanastoWindowSearch *s = self->search;
  guint n, offset;

  if (s == NULL || entry == NULL)
    return GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (G_LIST_MODEL (s->hits));
  offset = g_list_model_get_n_items (G_LIST_MODEL (s->combined)) - n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (s->hits), i);

      if (sanasto_search_hit_get_entry (hit) == entry)
        return offset + i;
    }
  return GTK_INVALID_LIST_POSITION;
}

SanastoIndex *
_sanasto_window_get_index (SanastoWindow *self)
{
  return self->search ? self->search->index : NULL;
}

GListModel *
_sanasto_window_get_full_text_hits (SanastoWindow *self)
{
  return G_LIST_MODEL (self->search->hits);
}

gboolean
_sanasto_window_is_indexing (SanastoWindow *self)
{
  return self->search->indexing;
}

gboolean
_sanasto_window_is_searching (SanastoWindow *self)
{
  return self->search->searching;
}

GtkWidget *
_sanasto_window_get_index_progress (SanastoWindow *self)
{
  return self->search->progress_box;
}

void
_sanasto_window_preview_link (SanastoWindow *self,
                              const char    *uri)
{
  SanastoWindowSearch *s = self->search;
  g_autofree char *title = NULL;
  const char *description = NULL;

  if (s == NULL)
    return;

  if (uri == NULL || self->glossary == NULL)
    {
      g_clear_pointer (&s->preview_uri, g_free);
      gtk_popover_popdown (GTK_POPOVER (s->preview));
      return;
    }
  if (g_strcmp0 (uri, s->preview_uri) == 0)
    return;

  if (g_str_has_prefix (uri, SANASTO_SCHEME "://entry/"))
    {
      g_autofree char *language = NULL;
      g_autofree char *slug = NULL;
      g_autofree char *fragment = NULL;
      SanastoEntry *entry = NULL;

      if (sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment))
        entry = sanasto_glossary_lookup (self->glossary,
                                         g_strcmp0 (language, "_") == 0 ? "" : language, slug);
      if (entry != NULL)
        {
          title = g_strdup (sanasto_entry_get_title (entry));
          description = sanasto_entry_get_description (entry);
        }
      else
        {
          title = g_strdup (slug ? slug : "");
          description = _("Not in this glossary");
        }
    }
  else if (g_str_has_prefix (uri, SANASTO_SCHEME "://missing/"))
    {
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
      g_autoptr(GHashTable) params = NULL;
      const char *text = NULL;

      if (parsed != NULL && g_uri_get_query (parsed) != NULL)
        params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE,
                                     NULL);
      if (params != NULL)
        text = g_hash_table_lookup (params, "text");
      if ((text == NULL || *text == '\0') && parsed != NULL)
        text = g_uri_get_path (parsed) + (g_uri_get_path (parsed)[0] == '/');
      title = g_strdup (text ? text : "");
      description = _("Not in this glossary");
    }
  else
    {
      /* Web links show their address in no preview: WebKit has no status bar here, and the
       * address is what matters, so the tooltip is left to the page. */
      _sanasto_window_preview_link (self, NULL);
      return;
    }

  g_free (s->preview_uri);
  s->preview_uri = g_strdup (uri);
  gtk_label_set_label (s->preview_title, title);
  gtk_label_set_label (s->preview_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (s->preview_description),
                          description != NULL && *description != '\0');
  /* Below the pointer, so that it never covers what the pointer is on. */
  gtk_popover_set_pointing_to (GTK_POPOVER (s->preview),
                               &(GdkRectangle) { (int) s->pointer_x, (int) s->pointer_y + 8,
                                                 1, 1 });
  gtk_popover_popup (GTK_POPOVER (s->preview));
}

GtkWidget *
_sanasto_window_get_link_preview (SanastoWindow *self)
{
  return self->search->preview;
}

char *
_sanasto_window_get_link_preview_text (SanastoWindow *self)
{
  SanastoWindowSearch *s = self->search;

  return g_strdup_printf ("%s\n%s", gtk_label_get_text (s->preview_title),
                          gtk_label_get_text (s->preview_description));
}

void
_sanasto_window_search_add_late_backlinks (SanastoWindow *self)
{
  self->search->backlinks_pending = TRUE;
  add_late_backlinks (self);
}
