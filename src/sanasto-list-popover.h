/* sanasto-list-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_LIST_POPOVER (sanasto_list_popover_get_type ())

/* A header bar popover listing things to go to: bookmarks, history, an article's headings.
 * Activating a row emits "item-activated" with its index and closes the popover; a row may
 * have a remove button, which emits "item-removed". The owner fills the list, typically in
 * a "show" handler. */
G_DECLARE_FINAL_TYPE (SanastoListPopover, sanasto_list_popover, SANASTO, LIST_POPOVER,
                      GtkPopover)

/* title: shown above the list and used as the list's accessible name; empty_text: shown
 * when there is nothing to list. */
GtkWidget  *sanasto_list_popover_new        (const char         *title,
                                             const char         *empty_text);
void        sanasto_list_popover_clear      (SanastoListPopover *self);
/* Appends a row; indent: levels of indentation (headings); remove_label: the accessible
 * label and tooltip of a remove button, NULL for none. Returns the index. */
guint       sanasto_list_popover_append     (SanastoListPopover *self,
                                             const char         *text,
                                             const char         *subtitle,
                                             guint               indent,
                                             const char         *remove_label);
guint       sanasto_list_popover_get_n_items (SanastoListPopover *self);
/* The line under the title, such as a count; NULL hides it. */
void        sanasto_list_popover_set_subtitle (SanastoListPopover *self,
                                               const char         *subtitle);
/* A widget below the list (such as a "Clear" button), or NULL. */
void        sanasto_list_popover_set_footer (SanastoListPopover *self,
                                             GtkWidget          *footer);
GtkListBox *sanasto_list_popover_get_list   (SanastoListPopover *self);

G_END_DECLS
