/* sanasto-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sanasto-article-view.h"
#include "sanasto-article-view-private.h"
#include "sanasto-language.h"
#include "sanasto-renderer.h"
#include "sanasto-resources.h"
#include "sanasto-term-matcher.h"
#include "sanasto-term-row.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"
#include "sanasto-window-reload-private.h"
#include "sanasto-window-search-private.h"

#define MAX_RECENT 8

G_DEFINE_FINAL_TYPE (SanastoWindow, sanasto_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (SanastoWindow *self,
            const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_content_status (SanastoWindow *self,
                     const char    *icon_name,
                     const char    *title,
                     const char    *description,
                     gboolean       offer_open)
{
  adw_status_page_set_icon_name (self->content_status, icon_name);
  adw_status_page_set_title (self->content_status, title);
  adw_status_page_set_description (self->content_status, description);
  gtk_widget_set_visible (self->content_status_button, offer_open);
  gtk_stack_set_visible_child_name (self->content_stack, "status");
}

static void
show_sidebar_status (SanastoWindow *self,
                     const char    *icon_name,
                     const char    *title,
                     const char    *description)
{
  adw_status_page_set_icon_name (self->sidebar_status, icon_name);
  adw_status_page_set_title (self->sidebar_status, title);
  adw_status_page_set_description (self->sidebar_status, description);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "status");
}

static void
update_actions (SanastoWindow *self)
{
  gboolean has_article = sanasto_article_view_get_entry (self->article_view) != NULL;
  double zoom = sanasto_article_view_get_zoom (self->article_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 sanasto_article_view_can_go_back (self->article_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 sanasto_article_view_can_go_forward (self->article_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", zoom < 3.0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > 0.5);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", zoom != 1.0);
}

/* Selects the entry shown in the list, if the list holds it, without opening it again. */
static void
sync_selection (SanastoWindow *self,
                gboolean       scroll)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (self->article_view);
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->matcher == NULL)
    return;
  if (entry != NULL)
    position = sanasto_term_matcher_find (self->matcher, entry);
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    position = _sanasto_window_search_find_hit (self, entry);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;

  if (scroll && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

static void
update_search_state (SanastoWindow *self)
{
  if (self->matcher == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
    }
  else
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      g_autofree char *description = NULL;

      if (*query != '\0')
        description = g_strdup_printf (_("No term matches “%s”."), query);
      show_sidebar_status (self, "edit-find-symbolic", _("No Results"), description);
    }
}

static void
refilter (SanastoWindow *self)
{
  if (self->matcher == NULL)
    return;

  self->syncing_selection = TRUE;
  sanasto_term_matcher_set_query (self->matcher, self->language,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* Full-text hits follow the title matches, a moment later (sanasto-window-search.c). */
  _sanasto_window_search_query_changed (self);
  self->syncing_selection = FALSE;

  update_search_state (self);
  _sanasto_window_reading_update_count (self);

  /* While searching, the best matches are what matters; otherwise the article read. */
  if (*sanasto_term_matcher_get_query (self->matcher) != '\0')
    {
      sync_selection (self, FALSE);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->matcher)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  else
    {
      sync_selection (self, TRUE);
    }
}

static void
open_entry (SanastoWindow *self,
            SanastoEntry  *entry)
{
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  sanasto_article_view_load_entry (self->article_view, entry);
  /* Also when not folded (yet): the leaflet shows this side once it folds. */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
search_changed_cb (SanastoWindow *self)
{
  refilter (self);
}

/* Enter in the search entry opens the best match. */
static void
search_activate_cb (SanastoWindow *self)
{
  g_autoptr(SanastoEntry) entry = NULL;

  if (self->matcher == NULL)
    return;

  /* The debounced search may not have run yet. */
  refilter (self);
  entry = g_list_model_get_item (G_LIST_MODEL (self->matcher), 0);
  if (entry != NULL)
    {
      open_entry (self, entry);
    }
  else
    {
      g_autoptr(GObject) hit = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);

      _sanasto_window_search_open_item (self, hit);
    }
}

static void
search_stop_cb (SanastoWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static gboolean
search_key_pressed_cb (SanastoWindow         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  guint position;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  if (self->matcher == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return GDK_EVENT_PROPAGATE;

  refilter (self);
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  /* Selecting opens the term, as arrowing through the list does. */
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

static void
selection_changed_cb (SanastoWindow *self)
{
  SanastoEntry *entry;
  gpointer item;

  if (self->syncing_selection)
    return;
  item = gtk_single_selection_get_selected_item (self->selection);
  if (_sanasto_window_search_open_item (self, item))
    return;
  entry = item;
  if (entry != NULL && entry != sanasto_article_view_get_entry (self->article_view))
    open_entry (self, entry);
}

static void
list_activate_cb (SanastoWindow *self,
                  guint          position)
{
  g_autoptr(GObject) item = NULL;

  if (self->matcher == NULL)
    return;
  /* The list holds the title matches, then the full-text hits. */
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item != NULL && !_sanasto_window_search_open_item (self, item))
    open_entry (self, SANASTO_ENTRY (item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, sanasto_term_row_new ());
}

static void
bind_row_cb (SanastoWindow            *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  SanastoEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autofree char *heading = NULL;

  if (_sanasto_window_search_bind_row (self, item))
    return;

  /* Letter headings only make sense while the list is alphabetical, not ranked. */
  if (self->matcher != NULL && *sanasto_term_matcher_get_query (self->matcher) == '\0')
    {
      const char *language = sanasto_entry_get_language (entry);

      heading = sanasto_term_matcher_initial (sanasto_entry_get_title (entry), language);
      if (position > 0)
        {
          g_autoptr(SanastoEntry) previous =
            g_list_model_get_item (G_LIST_MODEL (self->matcher), position - 1);
          g_autofree char *previous_heading =
            sanasto_term_matcher_initial (sanasto_entry_get_title (previous), language);

          if (g_strcmp0 (heading, previous_heading) == 0)
            g_clear_pointer (&heading, g_free);
        }
    }

  sanasto_term_row_set_entry (SANASTO_TERM_ROW (gtk_list_item_get_child (item)), entry, heading);
}

static void
update_title (SanastoWindow *self)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (self->article_view);

  if (entry != NULL)
    {
      adw_window_title_set_title (self->article_title, sanasto_entry_get_title (entry));
      gtk_window_set_title (GTK_WINDOW (self), sanasto_entry_get_title (entry));
    }
  else
    {
      adw_window_title_set_title (self->article_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Sanasto"));
    }
}

static void
article_entry_changed_cb (SanastoWindow *self)
{
  SanastoEntry *entry = sanasto_article_view_get_entry (self->article_view);

  update_title (self);
  update_actions (self);

  if (entry != NULL)
    {
      g_autofree char *last = g_strdup_printf ("%s/%s", sanasto_entry_get_language (entry),
                                               sanasto_entry_get_slug (entry));

      /* The list stays in the reader's language even when a link falls back to another:
       * the reader chose it. */
      gtk_stack_set_visible_child_name (self->content_stack, "article");
      g_settings_set_string (self->settings, "last-entry", last);
    }

  sync_selection (self, TRUE);
}

static void
missing_link_cb (SanastoWindow      *self,
                 const char         *text,
                 const char         *target,
                 SanastoArticleView *view)
{
  g_autofree char *title = g_strdup_printf (_("“%s” is not in this glossary"), text);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  refilter (self);
  show_toast (self, title);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
find_result_cb (SanastoWindow      *self,
                guint               n_matches,
                SanastoArticleView *view)
{
  g_autofree char *label = NULL;

  if (n_matches == 0)
    label = g_strdup (_("No matches"));
  else
    label = g_strdup_printf (ngettext ("%u match", "%u matches", n_matches), n_matches);
  gtk_label_set_label (self->find_label, label);
}

static void
find_changed_cb (SanastoWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));

  if (*text == '\0')
    gtk_label_set_label (self->find_label, "");
  sanasto_article_view_find (self->article_view, text);
}

static void
find_activate_cb (SanastoWindow *self)
{
  sanasto_article_view_find_next (self->article_view, FALSE);
}

static gboolean
find_key_pressed_cb (SanastoWindow         *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      sanasto_article_view_find_next (self->article_view, TRUE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
find_mode_changed_cb (SanastoWindow *self)
{
  /* While the find bar is open, typing belongs to it, not to the term search. */
  if (gtk_search_bar_get_search_mode (self->find_bar))
    {
      gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
    }
  else
    {
      gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
      gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");
      sanasto_article_view_find (self->article_view, NULL);
    }
}

static void
mouse_pressed_cb (SanastoWindow   *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    sanasto_article_view_go_back (self->article_view);
  else if (button == 9)
    sanasto_article_view_go_forward (self->article_view);

  /* Other buttons belong to the widgets under the pointer. */
  gtk_gesture_set_state (GTK_GESTURE (gesture),
                         button == 8 || button == 9 ? GTK_EVENT_SEQUENCE_CLAIMED
                                                    : GTK_EVENT_SEQUENCE_DENIED);
}

static void
rebuild_recent_menu (SanastoWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-glossaries");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
  /* Without an action the item shows greyed out: better than an empty submenu. */
  if (recent[0] == NULL)
    g_menu_append (self->recent_menu, _("No Recent Glossaries"), "win.no-recent");
}

static void
remember_folder (SanastoWindow *self,
                 const char    *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-glossaries");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-glossaries", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-glossary", path);
}

static void
update_languages (SanastoWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->languages, g_strfreev);
  self->languages = g_strdupv ((char **) sanasto_glossary_get_languages (self->glossary));

  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      gtk_string_list_append (names, sanasto_language_get_display_name (self->languages[i]));
      if (g_strcmp0 (self->languages[i], self->language) == 0)
        selected = i;
    }

  self->syncing_selection = TRUE;
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  self->syncing_selection = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown),
                          g_strv_length (self->languages) > 1);
}

static void
language_selected_cb (SanastoWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->language_dropdown);
  SanastoEntry *current;

  if (self->syncing_selection || self->languages == NULL ||
      selected >= g_strv_length (self->languages) ||
      g_strcmp0 (self->languages[selected], self->language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (self->languages[selected]);
  refilter (self);

  /* Translations share slugs: show the same term in the new language when it has one. */
  current = sanasto_article_view_get_entry (self->article_view);
  if (current != NULL && g_strcmp0 (sanasto_entry_get_language (current), self->language) != 0)
    {
      SanastoEntry *translation = sanasto_glossary_lookup (self->glossary, self->language,
                                                           sanasto_entry_get_slug (current));

      if (translation != NULL)
        sanasto_article_view_load_entry (self->article_view, translation);
    }
}

void
_sanasto_window_check_done (SanastoWindow *self)
{
  g_autofree char *term = g_steal_pointer (&self->term_after_check);

  if (term != NULL)
    sanasto_window_open_term (self, term);
}

void
_sanasto_window_report_problems (SanastoWindow   *self,
                                 SanastoGlossary *glossary)
{
  GPtrArray *problems = sanasto_glossary_get_problems (glossary);
  guint n_skipped = 0;

  /* Files kept despite an oddity are the reader's business only in `sanasto --check`. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (((SanastoLoadProblem *) g_ptr_array_index (problems, i))->skipped)
      n_skipped++;
  if (n_skipped > 0)
    {
      g_autofree char *notice =
        g_strdup_printf (ngettext ("%u file could not be read", "%u files could not be read",
                                   n_skipped), n_skipped);

      show_toast (self, notice);
    }
}

/* The entry to show first: the one read last in this glossary, else the first term. */
static SanastoEntry *
initial_entry (SanastoWindow *self,
               gboolean       same_glossary)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-entry");
  const char *slash = strchr (last, '/');
  g_autoptr(SanastoEntry) first = NULL;

  if (same_glossary && slash != NULL)
    {
      g_autofree char *language = g_strndup (last, slash - last);
      SanastoEntry *entry = sanasto_glossary_lookup (self->glossary, language, slash + 1);

      if (entry != NULL)
        return entry;
    }

  first = g_list_model_get_item (G_LIST_MODEL (self->matcher), 0);
  return first;  /* owned by the glossary, which outlives this call */
}

static void
set_glossary (SanastoWindow      *self,
              SanastoGlossary    *glossary,
              SanastoTermMatcher *matcher)
{
  g_autofree char *last_glossary = g_settings_get_string (self->settings, "last-glossary");
  g_autofree char *title = NULL;
  const char *root = sanasto_glossary_get_root (glossary);
  gboolean same_glossary = g_strcmp0 (last_glossary, root) == 0 ||
                           g_strcmp0 (last_glossary, self->folder) == 0;
  SanastoEntry *target = NULL;
  g_autofree char *term = g_steal_pointer (&self->pending_term);

  g_debug ("Glossary ready: %u entries", g_list_model_get_n_items (G_LIST_MODEL (glossary)));
  g_set_object (&self->glossary, glossary);
  sanasto_article_view_set_glossary (self->article_view, glossary);
  _sanasto_window_reload_watch (self, glossary);

  g_set_object (&self->matcher, matcher);
  self->syncing_selection = TRUE;
  gtk_single_selection_set_model (self->selection,
                                  _sanasto_window_search_set_glossary (self, glossary,
                                                                       self->matcher));
  self->syncing_selection = FALSE;

  if (term != NULL)
    target = sanasto_glossary_find_term (glossary, term, NULL);

  g_free (self->language);
  if (target != NULL)
    self->language = g_strdup (sanasto_entry_get_language (target));
  else
    self->language = g_strdup (sanasto_glossary_get_fallback_language (glossary));
  if (target == NULL && term == NULL && same_glossary)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-entry");
      const char *slash = strchr (last, '/');

      if (slash != NULL)
        {
          g_autofree char *language = g_strndup (last, slash - last);

          if (sanasto_glossary_count_in_language (glossary, language) > 0)
            {
              g_free (self->language);
              self->language = g_steal_pointer (&language);
            }
        }
    }

  update_languages (self);
  title = g_filename_display_basename (root);
  adw_window_title_set_title (self->sidebar_title, title);
  adw_window_title_set_subtitle (self->sidebar_title, NULL);
  refilter (self);
  remember_folder (self, root);

  if (g_list_model_get_n_items (G_LIST_MODEL (glossary)) == 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("“%s” holds no Markdown articles. Choose a glossary folder."), title);

      show_sidebar_status (self, "folder-symbolic", _("No Terms"), NULL);
      show_content_status (self, "folder-symbolic", _("This Folder Is Empty"), description, TRUE);
      return;
    }

  _sanasto_window_report_problems (self, glossary);

  /* The term may have been added while the glossary was closed: the check tells. */
  if (target == NULL && term != NULL && sanasto_glossary_is_from_index (glossary))
    {
      g_free (self->term_after_check);
      self->term_after_check = g_steal_pointer (&term);
    }
  if (target == NULL && term != NULL)
    {
      g_autofree char *notice = g_strdup_printf (_("“%s” is not in this glossary"), term);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), term);
      refilter (self);
      show_toast (self, notice);
    }
  /* A term asked for by name is shown at once, even on a folded (narrow) window. */
  if (target != NULL)
    {
      open_entry (self, target);
      return;
    }
  target = initial_entry (self, same_glossary);
  if (target != NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "article");
      sanasto_article_view_load_entry (self->article_view, target);
    }
}

void
_sanasto_window_replace_glossary (SanastoWindow      *self,
                                  SanastoGlossary    *glossary,
                                  SanastoTermMatcher *matcher,
                                  gboolean            page_changed)
{
  SanastoEntry *shown = sanasto_article_view_get_entry (self->article_view);
  const char *uri = sanasto_article_view_get_uri (self->article_view);
  g_autofree char *language = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *title = shown ? g_strdup (sanasto_entry_get_title (shown)) : NULL;
  SanastoEntry *entry = NULL;
  gboolean keep_page;

  /* The page's address names the entry also while it is still loading. */
  if (uri != NULL && g_str_has_prefix (uri, SANASTO_SCHEME "://entry/") &&
      sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment))
    {
      if (g_strcmp0 (language, "_") == 0)
        g_clear_pointer (&language, g_free);
    }
  else if (shown != NULL)
    {
      language = g_strdup (sanasto_entry_get_language (shown));
      slug = g_strdup (sanasto_entry_get_slug (shown));
    }

  /* The old glossary's indexer stops; the new one starts from what it wrote. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (slug != NULL)
    entry = sanasto_glossary_lookup (glossary, language ? language : "", slug);
  /* An unchanged page stays where the reader is, scroll position and history included. */
  keep_page = entry != NULL && shown != NULL && !page_changed &&
              !_sanasto_article_view_is_loading (self->article_view);

  g_set_object (&self->glossary, glossary);
  if (keep_page)
    _sanasto_article_view_replace_glossary (self->article_view, glossary);
  else
    sanasto_article_view_set_glossary (self->article_view, glossary);
  g_set_object (&self->matcher, matcher);
  self->syncing_selection = TRUE;
  gtk_single_selection_set_model (self->selection,
                                  _sanasto_window_search_set_glossary (self, glossary,
                                                                       self->matcher));
  self->syncing_selection = FALSE;

  if (sanasto_glossary_count_in_language (glossary, self->language) == 0)
    {
      g_free (self->language);
      self->language = g_strdup (sanasto_glossary_get_fallback_language (glossary));
    }
  update_languages (self);
  refilter (self);

  /* The kept page's "Referenced by" may be out of date: it comes back from the new index
   * once that is ready (sanasto-window-search.c adds it to a page without one). */
  if (keep_page)
    webkit_web_view_evaluate_javascript (_sanasto_article_view_get_web_view (self->article_view),
                                         "document.querySelectorAll ('section.backlinks')"
                                         ".forEach (s => s.remove ()); true",
                                         -1, NULL, NULL, NULL, NULL, NULL);
  if (slug == NULL || keep_page)
    return;
  if (entry != NULL)
    {
      g_autofree char *page = sanasto_renderer_entry_uri (entry, fragment);

      /* Not load_entry(): the view may still report the old address and skip it. */
      webkit_web_view_load_uri (_sanasto_article_view_get_web_view (self->article_view), page);
    }
  else
    {
      g_autofree char *notice = g_strdup_printf (_("“%s” is no longer in this glossary"),
                                                 title ? title : slug);

      show_content_status (self, "dialog-warning-symbolic", notice, NULL, FALSE);
    }
}

GWeakRef *
_sanasto_window_weak_ref_new (SanastoWindow *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

SanastoWindow *
_sanasto_window_weak_ref_steal (GWeakRef *ref)
{
  SanastoWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

SanastoTermMatcher *
_sanasto_window_build_matcher (SanastoWindow   *self,
                               SanastoGlossary *glossary)
{
  /* The entries the list offers: drafts may be left out (sanasto-window-reading.c). */
  g_autoptr(GListModel) entries = _sanasto_window_reading_list_entries (self, glossary);

  return sanasto_term_matcher_new (entries);
}

/* Folding every title takes a moment on a large glossary (about 0.2 s for 100,000): off the
 * main thread, so typing and the spinner never stall. */
static void
build_matcher_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_pointer (task, _sanasto_window_build_matcher (source_object, task_data),
                         g_object_unref);
}

static void
matcher_built_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SanastoWindow *self = SANASTO_WINDOW (object);
  g_autoptr(SanastoTermMatcher) matcher = g_task_propagate_pointer (G_TASK (result), NULL);

  if (matcher == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  set_glossary (self, g_task_get_task_data (G_TASK (result)), matcher);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = _sanasto_window_weak_ref_steal (user_data);
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  glossary = sanasto_index_load_glossary_finish (result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (glossary == NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->folder);
      g_autofree char *title = g_strdup_printf (_("Cannot Open “%s”"), name);

      self->loading = FALSE;
      gtk_spinner_stop (self->spinner);
      adw_window_title_set_subtitle (self->sidebar_title, NULL);
      show_sidebar_status (self, "folder-symbolic", _("No Terms"), NULL);
      show_content_status (self, "dialog-error-symbolic", title, error->message, TRUE);
      return;
    }

  task = g_task_new (self, self->cancellable, matcher_built_cb, NULL);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, g_object_ref (glossary), g_object_unref);
  g_task_run_in_thread (task, build_matcher_thread);
}

static gboolean
close_request_cb (SanastoWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_int (self->settings, "sidebar-width", gtk_widget_get_width (self->sidebar));
  return FALSE;
}

static void
sanasto_window_dispose (GObject *object)
{
  SanastoWindow *self = SANASTO_WINDOW (object);

  if (self->reading != NULL)
    _sanasto_window_reading_dispose (self);
  _sanasto_window_search_dispose (self);
  _sanasto_window_reload_dispose (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SANASTO_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->matcher);
  g_clear_object (&self->glossary);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sanasto_window_parent_class)->dispose (object);
}

static void
sanasto_window_finalize (GObject *object)
{
  SanastoWindow *self = SANASTO_WINDOW (object);

  g_free (self->folder);
  g_free (self->pending_term);
  g_free (self->term_after_check);
  g_strfreev (self->languages);
  g_free (self->language);
  g_free (self->last_toast);

  G_OBJECT_CLASS (sanasto_window_parent_class)->finalize (object);
}

static void
sanasto_window_class_init (SanastoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sanasto_window_dispose;
  object_class->finalize = sanasto_window_finalize;

  /* Referencing the resource keeps its object file, and so its registration, in the link:
   * the UI is a static library. */
  g_assert (sanasto_get_resource () != NULL);
  g_type_ensure (SANASTO_TYPE_ARTICLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sanasto/Sanasto/sanasto-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, content);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, sidebar_status);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, article_title);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, find_entry);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, find_label);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, content_status);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, content_status_button);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, SanastoWindow, recent_menu);

  _sanasto_window_class_add_actions (widget_class);
  _sanasto_window_class_add_reading_actions (widget_class);
}

static void
sanasto_window_init (SanastoWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_widget_set_size_request (self->sidebar,
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      200, 600), -1);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_activate_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb),
                           self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  g_signal_connect_object (self->language_dropdown, "notify::selected",
                           G_CALLBACK (language_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_object (self->find_entry, "search-changed", G_CALLBACK (find_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_entry, "activate", G_CALLBACK (find_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_bar, "notify::search-mode-enabled",
                           G_CALLBACK (find_mode_changed_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (find_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->find_entry), controller);

  g_signal_connect_object (self->article_view, "notify::entry",
                           G_CALLBACK (article_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::can-go-back",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::can-go-forward",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::zoom",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "missing-link", G_CALLBACK (missing_link_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "find-result", G_CALLBACK (find_result_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "zoom-level", self->article_view, "zoom",
                   G_SETTINGS_BIND_DEFAULT);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (mouse_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  g_signal_connect_object (self->settings, "changed::recent-glossaries",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);

  show_content_status (self, "accessories-dictionary-symbolic", _("No Glossary Open"),
                       _("Open a folder of Markdown articles to read it."), TRUE);
  show_sidebar_status (self, "folder-symbolic", _("No Terms"), NULL);
  update_actions (self);

  _sanasto_window_reading_init (self);
  _sanasto_window_search_init (self);
  _sanasto_window_reload_init (self);
}

SanastoWindow *
sanasto_window_new (GtkApplication *application)
{
  return g_object_new (SANASTO_TYPE_WINDOW, "application", application, NULL);
}

void
sanasto_window_open_folder (SanastoWindow *self,
                            const char    *path,
                            const char    *term)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SANASTO_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->folder);
  self->folder = g_strdup (path);
  g_free (self->pending_term);
  self->pending_term = g_strdup (term);
  g_clear_pointer (&self->term_after_check, g_free);
  self->loading = TRUE;

  name = g_filename_display_basename (path);
  adw_window_title_set_title (self->sidebar_title, name);
  adw_window_title_set_subtitle (self->sidebar_title, _("Loading…"));
  gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  gtk_spinner_start (self->spinner);
  show_content_status (self, "folder-open-symbolic", _("Loading…"), name, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  /* A folder opened before lists its terms from the index at once; it is checked against the
   * folder once shown (sanasto-window-reload.c). */
  sanasto_index_load_glossary_async (path, SANASTO_INDEX_LOAD_FROM_INDEX, self->cancellable,
                                     load_done_cb, _sanasto_window_weak_ref_new (self));
}

gboolean
sanasto_window_open_term (SanastoWindow *self,
                          const char    *term)
{
  SanastoEntry *entry;
  g_autofree char *notice = NULL;

  g_return_val_if_fail (SANASTO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  if (self->loading || self->glossary == NULL)
    {
      g_free (self->pending_term);
      self->pending_term = g_strdup (term);
      return TRUE;
    }

  entry = sanasto_glossary_find_term (self->glossary, term, self->language);
  if (entry != NULL)
    {
      open_entry (self, entry);
      return TRUE;
    }

  notice = g_strdup_printf (_("“%s” is not in this glossary"), term);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), term);
  refilter (self);
  show_toast (self, notice);
  return FALSE;
}

SanastoGlossary *
sanasto_window_get_glossary (SanastoWindow *self)
{
  g_return_val_if_fail (SANASTO_IS_WINDOW (self), NULL);
  return self->glossary;
}

const char *
sanasto_window_get_folder (SanastoWindow *self)
{
  g_return_val_if_fail (SANASTO_IS_WINDOW (self), NULL);
  return self->folder;
}

SanastoArticleView *
sanasto_window_get_article_view (SanastoWindow *self)
{
  g_return_val_if_fail (SANASTO_IS_WINDOW (self), NULL);
  return self->article_view;
}

GtkEditable *
_sanasto_window_get_search_entry (SanastoWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
_sanasto_window_get_list_view (SanastoWindow *self)
{
  return self->list_view;
}

GtkDropDown *
_sanasto_window_get_language_switcher (SanastoWindow *self)
{
  return self->language_dropdown;
}

GListModel *
_sanasto_window_get_matches (SanastoWindow *self)
{
  return self->matcher ? G_LIST_MODEL (self->matcher) : NULL;
}

gboolean
_sanasto_window_is_loading (SanastoWindow *self)
{
  return self->loading;
}

const char *
_sanasto_window_get_last_toast (SanastoWindow *self)
{
  return self->last_toast;
}

const char *
_sanasto_window_get_content_state (SanastoWindow *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

const char *
_sanasto_window_get_sidebar_state (SanastoWindow *self)
{
  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}
