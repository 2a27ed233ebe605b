/* sanasto-window-reading.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sanasto-article-style.h"
#include "sanasto-article-view-private.h"
#include "sanasto-language.h"
#include "sanasto-list-popover.h"
#include "sanasto-preferences-window.h"
#include "sanasto-renderer.h"
#include "sanasto-toc.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"

#define READING_KEY "sanasto-window-reading"

struct _SanastoWindowReading
{
  SanastoBookmarks   *bookmarks;
  SanastoHistory     *history;
  GCancellable       *cancellable;

  GtkWidget          *star_button;
  GtkWidget          *bookmarks_button;
  GtkWidget          *history_button;
  GtkWidget          *toc_button;
  SanastoListPopover *bookmarks_popover;
  SanastoListPopover *history_popover;
  SanastoListPopover *toc_popover;
  GPtrArray          *bookmarks_shown;  /* SanastoEntryRef */
  GPtrArray          *history_shown;    /* SanastoEntryRef */
  GPtrArray          *toc_shown;        /* SanastoTocItem */

  /* Where the last session stopped, until that page has loaded and been scrolled. */
  char               *restore_root;
  char               *restore_language;
  char               *restore_slug;
  double              restore_scroll_y;

  gboolean            hide_drafts;
  gboolean            syncing_star;
  gboolean            session_saved;
};

/* Every window shares one store of each, so that two windows never overwrite each
 * other's changes. */
static SanastoBookmarks *shared_bookmarks;
static SanastoHistory *shared_history;

static SanastoBookmarks *
get_shared_bookmarks (void)
{
  if (shared_bookmarks != NULL)
    return g_object_ref (shared_bookmarks);

  shared_bookmarks = sanasto_bookmarks_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (shared_bookmarks), (gpointer *) &shared_bookmarks);
  return shared_bookmarks;
}

static SanastoHistory *
get_shared_history (void)
{
  if (shared_history != NULL)
    return g_object_ref (shared_history);

  shared_history = sanasto_history_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (shared_history), (gpointer *) &shared_history);
  return shared_history;
}

static const char *
current_root (SanastoWindow *self)
{
  return self->glossary != NULL ? sanasto_glossary_get_root (self->glossary) : NULL;
}

static SanastoEntry *
current_entry (SanastoWindow *self)
{
  /* NULL once the template is disposed: late signals find no entry. */
  return self->article_view != NULL ? sanasto_article_view_get_entry (self->article_view) : NULL;
}

static void
toast (SanastoWindow *self,
       const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Opens a remembered entry if the glossary still has it. */
static void
open_ref (SanastoWindow         *self,
          const SanastoEntryRef *ref)
{
  SanastoEntry *entry = NULL;

  if (self->glossary != NULL)
    entry = sanasto_glossary_lookup (self->glossary, ref->language, ref->slug);

  if (entry == NULL)
    {
      g_autofree char *notice = g_strdup_printf (_("“%s” is no longer in this glossary"),
                                                 ref->title);

      toast (self, notice);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, "article");
  sanasto_article_view_load_entry (self->article_view, entry);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
update_star (SanastoWindow *self)
{
  SanastoWindowReading *reading = self->reading;
  SanastoEntry *entry = current_entry (self);
  gboolean starred = FALSE;
  const char *label;

  if (entry != NULL && self->glossary != NULL)
    starred = sanasto_bookmarks_contains (reading->bookmarks, current_root (self),
                                          sanasto_entry_get_language (entry),
                                          sanasto_entry_get_slug (entry));

  reading->syncing_star = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reading->star_button), starred);
  reading->syncing_star = FALSE;

  gtk_button_set_icon_name (GTK_BUTTON (reading->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  label = starred ? _("Remove Bookmark") : _("Bookmark This Entry");
  gtk_widget_set_tooltip_text (reading->star_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reading->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_reading_actions (SanastoWindow *self)
{
  gboolean has_entry = current_entry (self) != NULL && self->glossary != NULL;
  gboolean has_glossary = self->glossary != NULL &&
                          g_list_model_get_n_items (G_LIST_MODEL (self->glossary)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-bookmark", has_entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-toc", has_entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.random-entry", has_glossary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-bookmarks", self->glossary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", self->glossary != NULL);
  gtk_widget_set_sensitive (self->reading->star_button, has_entry);
}

static void
save_session (SanastoWindow *self,
              double         scroll_y)
{
  SanastoEntry *entry = current_entry (self);

  if (self->glossary == NULL)
    return;

  sanasto_history_set_session (self->reading->history, current_root (self),
                               entry != NULL ? sanasto_entry_get_language (entry) : NULL,
                               entry != NULL ? sanasto_entry_get_slug (entry) : NULL,
                               scroll_y);
}

static gboolean
is_restore_target (SanastoWindow *self,
                   SanastoEntry  *entry)
{
  SanastoWindowReading *reading = self->reading;

  return reading->restore_slug != NULL && entry != NULL && self->glossary != NULL &&
         g_strcmp0 (reading->restore_root, current_root (self)) == 0 &&
         g_strcmp0 (reading->restore_language, sanasto_entry_get_language (entry)) == 0 &&
         g_strcmp0 (reading->restore_slug, sanasto_entry_get_slug (entry)) == 0;
}

static void
forget_restore (SanastoWindowReading *reading)
{
  g_clear_pointer (&reading->restore_root, g_free);
  g_clear_pointer (&reading->restore_language, g_free);
  g_clear_pointer (&reading->restore_slug, g_free);
  reading->restore_scroll_y = 0;
}

static void
entry_changed_cb (SanastoWindow *self)
{
  SanastoWindowReading *reading = self->reading;
  SanastoEntry *entry = current_entry (self);
  if (self->reading == NULL)  /* disposed: signals may still arrive */
    return;

  update_star (self);
  update_reading_actions (self);

  if (entry == NULL || self->glossary == NULL)
    return;

  /* Another entry than the one to restore: the old position no longer applies. */
  if (reading->restore_slug != NULL && !is_restore_target (self, entry))
    forget_restore (reading);

  /* The session itself is saved on closing, with the scroll position: one write per page
   * is enough, and the window restores the entry read last on its own after a crash. */
  sanasto_history_add (reading->history, current_root (self), sanasto_entry_get_language (entry),
                       sanasto_entry_get_slug (entry), sanasto_entry_get_title (entry));
}

/* Scrolls the restored page to where reading stopped, once it has loaded. */
static void
load_changed_cb (SanastoWindow   *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  SanastoWindowReading *reading = self->reading;
  g_autofree char *script = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  if (self->reading == NULL)  /* disposed: signals may still arrive */
    return;

  if (event != WEBKIT_LOAD_FINISHED || reading->restore_slug == NULL)
    return;
  if (!is_restore_target (self, current_entry (self)))
    return;

  if (reading->restore_scroll_y > 0)
    {
      g_ascii_dtostr (number, sizeof number, reading->restore_scroll_y);
      script = g_strdup_printf ("window.scrollTo(0, %s);", number);
      webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, NULL, NULL);
    }
  forget_restore (reading);
}

static void
scroll_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  double scroll_y = 0;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  if (value != NULL && jsc_value_is_number (value))
    scroll_y = jsc_value_to_double (value);

  if (self->reading == NULL || self->reading->session_saved)
    return;

  save_session (self, isfinite (scroll_y) ? scroll_y : 0);
  self->reading->session_saved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
session_timeout_cb (gpointer user_data)
{
  g_autoptr(SanastoWindow) self = g_weak_ref_get (user_data);

  /* The web process did not answer: close without the position rather than not at all. */
  if (self != NULL && self->reading != NULL && !self->reading->session_saved)
    {
      self->reading->session_saved = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Closing asks the page where it is scrolled to, then closes once it has the answer. */
static gboolean
close_request_cb (SanastoWindow *self)
{
  SanastoWindowReading *reading = self->reading;
  WebKitWebView *web_view;
  GWeakRef *weak_self;

  if (reading == NULL || reading->session_saved)
    return FALSE;

  if (current_entry (self) == NULL || _sanasto_article_view_get_error (self->article_view) != NULL)
    {
      save_session (self, 0);
      reading->session_saved = TRUE;
      return FALSE;
    }

  web_view = _sanasto_article_view_get_web_view (self->article_view);
  webkit_web_view_evaluate_javascript (web_view, "window.scrollY", -1, NULL, NULL,
                                       reading->cancellable, scroll_read_cb,
                                       g_object_ref (self));
  weak_self = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak_self, self);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1000, session_timeout_cb, weak_self, free_weak_ref);

  return TRUE;
}

static void
star_toggled_cb (SanastoWindow *self)
{
  if (self->reading == NULL || self->reading->syncing_star)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-bookmark", NULL);
  /* The action may have done nothing (no entry): the button shows the truth. */
  update_star (self);
}

static void
toggle_bookmark_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SanastoWindow *self = SANASTO_WINDOW (widget);
  SanastoWindowReading *reading = self->reading;
  SanastoEntry *entry = current_entry (self);
  const char *root = current_root (self);

  if (entry == NULL || root == NULL)
    return;

  if (!sanasto_bookmarks_remove (reading->bookmarks, root, sanasto_entry_get_language (entry),
                                 sanasto_entry_get_slug (entry)))
    sanasto_bookmarks_add (reading->bookmarks, root, sanasto_entry_get_language (entry),
                           sanasto_entry_get_slug (entry), sanasto_entry_get_title (entry));
  /* The store's "changed" signal updates the star. */
}

static gboolean
is_multilingual (SanastoWindow *self)
{
  const char * const *languages;

  if (self->glossary == NULL)
    return FALSE;
  languages = sanasto_glossary_get_languages (self->glossary);
  return languages[0] != NULL && languages[1] != NULL;
}

/* Bookmarks and history list remembered entries alike: each popover's rows index the array
 * it last showed. */
static GPtrArray **
shown_refs (SanastoWindowReading *reading,
            SanastoListPopover   *popover)
{
  g_assert (popover == reading->bookmarks_popover || popover == reading->history_popover);

  return popover == reading->bookmarks_popover ? &reading->bookmarks_shown
                                               : &reading->history_shown;
}

static void
fill_refs (SanastoWindow      *self,
           SanastoListPopover *popover)
{
  SanastoWindowReading *reading = self->reading;
  gboolean bookmarks;
  gboolean multilingual;
  GPtrArray **shown;
  g_autofree char *count = NULL;
  guint n;

  if (reading == NULL)  /* disposed: signals may still arrive */
    return;

  bookmarks = popover == reading->bookmarks_popover;
  shown = shown_refs (reading, popover);
  sanasto_list_popover_clear (popover);
  g_clear_pointer (shown, g_ptr_array_unref);
  if (self->glossary == NULL)
    return;

  if (bookmarks)
    *shown = sanasto_bookmarks_list (reading->bookmarks, current_root (self));
  else
    *shown = sanasto_history_list (reading->history, current_root (self));

  multilingual = is_multilingual (self);
  n = (*shown)->len;
  for (guint i = 0; i < n; i++)
    {
      SanastoEntryRef *ref = g_ptr_array_index (*shown, i);
      /* Only bookmarks are removed one by one; the history is cleared as a whole. */
      g_autofree char *remove_label =
        bookmarks ? g_strdup_printf (_("Remove Bookmark “%s”"), ref->title) : NULL;

      sanasto_list_popover_append (popover, ref->title,
                                   multilingual ? sanasto_language_get_display_name (ref->language)
                                                : NULL,
                                   0, remove_label);
    }

  if (bookmarks)
    count = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks", n), n);
  else
    count = g_strdup_printf (ngettext ("%u entry read", "%u entries read", n), n);
  sanasto_list_popover_set_subtitle (popover, n > 0 ? count : NULL);
}

static void
ref_activated_cb (SanastoWindow      *self,
                  guint               index,
                  SanastoListPopover *popover)
{
  GPtrArray *shown = self->reading != NULL ? *shown_refs (self->reading, popover) : NULL;

  if (shown != NULL && index < shown->len)
    open_ref (self, g_ptr_array_index (shown, index));
}

static void
bookmark_removed_cb (SanastoWindow *self,
                     guint          index)
{
  GPtrArray *shown = self->reading != NULL ? self->reading->bookmarks_shown : NULL;
  g_autoptr(SanastoEntryRef) ref = NULL;

  if (shown == NULL || index >= shown->len)
    return;

  ref = sanasto_entry_ref_copy (g_ptr_array_index (shown, index));
  sanasto_bookmarks_remove (self->reading->bookmarks, ref->root, ref->language, ref->slug);
}

static void
bookmarks_changed_cb (SanastoWindow *self)
{
  if (self->reading == NULL)  /* disposed: signals may still arrive */
    return;

  update_star (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->reading->bookmarks_popover)))
    fill_refs (self, self->reading->bookmarks_popover);
}

/* Each returns the toast to show, or NULL with error set when it fails. */
static char *
export_bookmarks (SanastoWindow  *self,
                  const char     *path,
                  GError        **error)
{
  g_autoptr(GPtrArray) all = NULL;

  if (!sanasto_bookmarks_export (self->reading->bookmarks, path, error))
    return NULL;

  all = sanasto_bookmarks_list (self->reading->bookmarks, NULL);
  return g_strdup_printf (ngettext ("Exported %u bookmark", "Exported %u bookmarks", all->len),
                          all->len);
}

static char *
import_bookmarks (SanastoWindow  *self,
                  const char     *path,
                  GError        **error)
{
  int added = sanasto_bookmarks_import (self->reading->bookmarks, path, error);

  if (added < 0)
    return NULL;

  return g_strdup_printf (ngettext ("Added %d bookmark", "Added %d bookmarks", added), added);
}

/* Serves both directions: the dialog's action tells export (save) from import (open). */
static void
bookmarks_file_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(SanastoWindow) self = user_data;
  gboolean exporting =
    gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && self->reading != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *notice = NULL;

      if (path != NULL)
        notice = exporting ? export_bookmarks (self, path, &error)
                           : import_bookmarks (self, path, &error);
      if (notice == NULL)
        notice = g_strdup_printf (exporting ? _("Could not export the bookmarks: %s")
                                            : _("Could not import the bookmarks: %s"),
                                  error != NULL ? error->message : _("not a local file"));
      toast (self, notice);
    }
  g_object_unref (dialog);
}

static void
choose_bookmarks_file (SanastoWindow        *self,
                       const char           *title,
                       GtkFileChooserAction  action,
                       const char           *accept_label)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, NULL);

  gtk_popover_popdown (GTK_POPOVER (self->reading->bookmarks_popover));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "sanasto-bookmarks.ini");
  g_signal_connect (dialog, "response", G_CALLBACK (bookmarks_file_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_clicked_cb (SanastoWindow *self)
{
  choose_bookmarks_file (self, _("Export Bookmarks"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _("_Export"));
}

static void
import_clicked_cb (SanastoWindow *self)
{
  choose_bookmarks_file (self, _("Import Bookmarks"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Import"));
}

static void
clear_history_cb (SanastoWindow *self)
{
  if (self->reading == NULL || self->glossary == NULL)
    return;

  sanasto_history_clear (self->reading->history, current_root (self));
  fill_refs (self, self->reading->history_popover);
  /* Reading goes on: the page shown is still where this session is. */
  save_session (self, 0);
}

static void
fill_toc (SanastoWindow *self)
{
  SanastoWindowReading *reading = self->reading;
  SanastoEntry *entry = current_entry (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  int top_level = 6;
  if (self->reading == NULL)  /* disposed: signals may still arrive */
    return;

  sanasto_list_popover_clear (reading->toc_popover);
  g_clear_pointer (&reading->toc_shown, g_ptr_array_unref);
  if (entry == NULL || self->glossary == NULL)
    return;

  reading->toc_shown = sanasto_toc_collect (self->glossary, entry, &error);
  if (reading->toc_shown == NULL)
    {
      g_debug ("No table of contents: %s", error->message);
      return;
    }

  for (guint i = 0; i < reading->toc_shown->len; i++)
    top_level = MIN (top_level, ((SanastoTocItem *) g_ptr_array_index (reading->toc_shown, i))->level);
  for (guint i = 0; i < reading->toc_shown->len; i++)
    {
      SanastoTocItem *item = g_ptr_array_index (reading->toc_shown, i);

      sanasto_list_popover_append (reading->toc_popover, item->text, NULL,
                                   (guint) (item->level - top_level), NULL);
    }

  count = g_strdup_printf (ngettext ("%u section", "%u sections", reading->toc_shown->len),
                           reading->toc_shown->len);
  sanasto_list_popover_set_subtitle (reading->toc_popover,
                                     reading->toc_shown->len > 0 ? count : NULL);
}

static void
toc_activated_cb (SanastoWindow *self,
                  guint          index)
{
  GPtrArray *shown = self->reading != NULL ? self->reading->toc_shown : NULL;
  SanastoEntry *entry = current_entry (self);
  g_autofree char *uri = NULL;

  if (shown == NULL || index >= shown->len || entry == NULL)
    return;

  /* Navigating to entry#id scrolls there the way a link inside the page does. */
  uri = sanasto_renderer_entry_uri (entry, ((SanastoTocItem *) g_ptr_array_index (shown, index))->id);
  webkit_web_view_load_uri (_sanasto_article_view_get_web_view (self->article_view), uri);
}

static void
popup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SanastoWindow *self = SANASTO_WINDOW (widget);
  SanastoWindowReading *reading = self->reading;
  GtkWidget *button;

  if (g_str_equal (action_name, "win.show-bookmarks"))
    button = reading->bookmarks_button;
  else if (g_str_equal (action_name, "win.show-history"))
    button = reading->history_button;
  else
    button = reading->toc_button;

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
}

static void
random_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SanastoWindow *self = SANASTO_WINDOW (widget);
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  SanastoEntry *current = current_entry (self);
  SanastoEntry *chosen;

  if (self->glossary == NULL)
    return;

  entries = _sanasto_window_reading_list_entries (self, self->glossary);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (sanasto_entry_get_language (entry), self->language) == 0 && entry != current)
        g_ptr_array_add (candidates, g_steal_pointer (&entry));
    }
  if (candidates->len == 0)
    return;

  chosen = g_ptr_array_index (candidates, g_random_int_range (0, (int) candidates->len));
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  sanasto_article_view_load_entry (self->article_view, chosen);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (sanasto_preferences_window_new (GTK_WINDOW (widget))));
}

static void
show_drafts_changed_cb (SanastoWindow *self)
{
  gboolean hide;

  if (self->reading == NULL)  /* disposed: signals may still arrive */
    return;

  hide = !g_settings_get_boolean (self->settings, "show-drafts");
  if (hide == self->reading->hide_drafts)
    return;

  self->reading->hide_drafts = hide;
  /* Reloading rebuilds the list and comes back to the entry read last. */
  if (self->folder != NULL && !self->loading)
    {
      g_autofree char *folder = g_strdup (self->folder);

      sanasto_window_open_folder (self, folder, NULL);
    }
}

static GtkWidget *
make_menu_button (const char         *icon_name,
                  const char         *label,
                  SanastoListPopover *popover)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (popover));
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

/* GtkListView (GTK 4.8) stops Tab at every row: with thousands of terms the article could
 * never be reached. Tab leaves the list for the article's side, Shift+Tab for the search. */
static gboolean
list_key_pressed_cb (SanastoWindow         *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
                                         (state & GDK_SHIFT_MASK)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return GDK_EVENT_STOP;
    }
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
      gtk_widget_get_mapped (self->content) &&
      gtk_widget_child_focus (self->content, GTK_DIR_TAB_FORWARD))
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
}

/* GtkSearchBar's own close button has an icon and nothing to say what it does. */
static void
name_close_buttons (GtkWidget  *widget,
                    const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        {
          gtk_widget_set_tooltip_text (child, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
        }
      else
        {
          name_close_buttons (child, label);
        }
    }
}

void
_sanasto_window_class_add_reading_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-bookmark", NULL,
                                   toggle_bookmark_action);
  gtk_widget_class_install_action (widget_class, "win.show-bookmarks", NULL, popup_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, popup_action);
  gtk_widget_class_install_action (widget_class, "win.show-toc", NULL, popup_action);
  gtk_widget_class_install_action (widget_class, "win.random-entry", NULL, random_entry_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.toggle-bookmark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.show-bookmarks", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.show-toc", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.random-entry", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}

void
_sanasto_window_reading_init (SanastoWindow *self)
{
  SanastoWindowReading *reading = g_new0 (SanastoWindowReading, 1);
  GtkWidget *header_bar;
  GtkWidget *clear_button;
  GtkEventController *controller;
  WebKitWebView *web_view = _sanasto_article_view_get_web_view (self->article_view);

  self->reading = reading;
  /* Freed with the window's last reference, not at dispose: the list's worker thread may
   * still read hide_drafts while a closing window is disposed. */
  g_object_set_data_full (G_OBJECT (self), READING_KEY, reading, g_free);
  reading->bookmarks = get_shared_bookmarks ();
  reading->history = get_shared_history ();
  reading->cancellable = g_cancellable_new ();
  reading->hide_drafts = !g_settings_get_boolean (self->settings, "show-drafts");

  sanasto_history_get_session (reading->history, &reading->restore_root,
                               &reading->restore_language, &reading->restore_slug,
                               &reading->restore_scroll_y);

  reading->bookmarks_popover =
    SANASTO_LIST_POPOVER (sanasto_list_popover_new (_("Bookmarks"),
                                                    _("No bookmarks in this glossary yet. "
                                                      "Press Ctrl+D to bookmark the entry you "
                                                      "read.")));
  reading->history_popover =
    SANASTO_LIST_POPOVER (sanasto_list_popover_new (_("History"),
                                                    _("Nothing read in this glossary yet.")));
  reading->toc_popover =
    SANASTO_LIST_POPOVER (sanasto_list_popover_new (_("Contents"),
                                                    _("This article has no sections.")));

  clear_button = gtk_button_new_with_mnemonic (_("_Clear History"));
  gtk_widget_add_css_class (clear_button, "flat");
  g_signal_connect_object (clear_button, "clicked", G_CALLBACK (clear_history_cb), self,
                           G_CONNECT_SWAPPED);
  sanasto_list_popover_set_footer (reading->history_popover, clear_button);

  /* Bookmarks travel as a plain file: export here, import on another computer. */
  {
    GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *export_button = gtk_button_new_with_mnemonic (_("_Export…"));
    GtkWidget *import_button = gtk_button_new_with_mnemonic (_("_Import…"));

    gtk_box_set_homogeneous (GTK_BOX (footer), TRUE);
    gtk_widget_add_css_class (export_button, "flat");
    gtk_widget_add_css_class (import_button, "flat");
    g_signal_connect_object (export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (import_button, "clicked", G_CALLBACK (import_clicked_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_box_append (GTK_BOX (footer), export_button);
    gtk_box_append (GTK_BOX (footer), import_button);
    sanasto_list_popover_set_footer (reading->bookmarks_popover, footer);
  }

  reading->star_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (reading->star_button), "non-starred-symbolic");
  g_signal_connect_object (reading->star_button, "toggled", G_CALLBACK (star_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  reading->toc_button = make_menu_button ("view-list-bullet-symbolic", _("Table of Contents"),
                                          reading->toc_popover);
  reading->history_button = make_menu_button ("document-open-recent-symbolic", _("History"),
                                              reading->history_popover);
  reading->bookmarks_button = make_menu_button ("user-bookmarks-symbolic", _("Bookmarks"),
                                                reading->bookmarks_popover);

  /* The article's header bar, the one whose title is the article's. */
  header_bar = gtk_widget_get_ancestor (GTK_WIDGET (self->article_title), ADW_TYPE_HEADER_BAR);
  g_assert (header_bar != NULL);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), reading->star_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), reading->toc_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), reading->history_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), reading->bookmarks_button);

  g_signal_connect_object (reading->bookmarks_popover, "show", G_CALLBACK (fill_refs), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->bookmarks_popover, "item-activated",
                           G_CALLBACK (ref_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->bookmarks_popover, "item-removed",
                           G_CALLBACK (bookmark_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->history_popover, "show", G_CALLBACK (fill_refs), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->history_popover, "item-activated",
                           G_CALLBACK (ref_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->toc_popover, "show", G_CALLBACK (fill_toc), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (reading->toc_popover, "item-activated",
                           G_CALLBACK (toc_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (reading->bookmarks, "changed", G_CALLBACK (bookmarks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::entry", G_CALLBACK (entry_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (load_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-drafts",
                           G_CALLBACK (show_drafts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
  name_close_buttons (GTK_WIDGET (self->find_bar), _("Close Find Bar"));
  sanasto_article_style_attach (web_view, self->settings);

  update_star (self);
  update_reading_actions (self);
}

void
_sanasto_window_reading_dispose (SanastoWindow *self)
{
  SanastoWindowReading *reading = self->reading;

  if (reading == NULL)
    return;

  self->reading = NULL;
  /* The stores are shared with other windows and outlive this one. */
  g_signal_handlers_disconnect_by_data (reading->bookmarks, self);
  g_cancellable_cancel (reading->cancellable);
  g_clear_object (&reading->cancellable);
  g_clear_object (&reading->bookmarks);
  g_clear_object (&reading->history);
  g_clear_pointer (&reading->bookmarks_shown, g_ptr_array_unref);
  g_clear_pointer (&reading->history_shown, g_ptr_array_unref);
  g_clear_pointer (&reading->toc_shown, g_ptr_array_unref);
  forget_restore (reading);
}

void
_sanasto_window_reading_update_count (SanastoWindow *self)
{
  g_autofree char *count = NULL;
  guint n;

  if (self->matcher == NULL || self->loading)
    return;

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      adw_window_title_set_subtitle (self->sidebar_title, NULL);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->matcher));
  count = g_strdup_printf (ngettext ("%u term", "%u terms", n), n);
  adw_window_title_set_subtitle (self->sidebar_title, count);
}

GListModel *
_sanasto_window_reading_list_entries (SanastoWindow   *self,
                                      SanastoGlossary *glossary)
{
  SanastoWindowReading *reading = g_object_get_data (G_OBJECT (self), READING_KEY);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (glossary));
  GListStore *visible;

  if (reading == NULL || !reading->hide_drafts)
    return g_object_ref (G_LIST_MODEL (glossary));

  /* A subset in the glossary's order is still sorted as the matcher expects. */
  visible = g_list_store_new (SANASTO_TYPE_ENTRY);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (!sanasto_entry_get_draft (entry))
        g_list_store_append (visible, entry);
    }

  return G_LIST_MODEL (visible);
}

SanastoBookmarks *
_sanasto_window_get_bookmarks (SanastoWindow *self)
{
  return self->reading != NULL ? self->reading->bookmarks : NULL;
}

SanastoHistory *
_sanasto_window_get_history (SanastoWindow *self)
{
  return self->reading != NULL ? self->reading->history : NULL;
}

GtkWidget *
_sanasto_window_get_bookmark_button (SanastoWindow *self)
{
  return self->reading != NULL ? self->reading->star_button : NULL;
}

GtkWidget *
_sanasto_window_get_toc_popover (SanastoWindow *self)
{
  return self->reading != NULL ? GTK_WIDGET (self->reading->toc_popover) : NULL;
}

GtkWidget *
_sanasto_window_get_history_popover (SanastoWindow *self)
{
  return self->reading != NULL ? GTK_WIDGET (self->reading->history_popover) : NULL;
}

GtkWidget *
_sanasto_window_get_bookmarks_popover (SanastoWindow *self)
{
  return self->reading != NULL ? GTK_WIDGET (self->reading->bookmarks_popover) : NULL;
}
