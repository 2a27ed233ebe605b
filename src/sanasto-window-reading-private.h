/* sanasto-window-reading-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading aids of SanastoWindow (sanasto-window-reading.c): bookmarks, history, the
 * table of contents, a random entry, draft filtering, the preferences, and the session
 * (entry and scroll position) restored on the next start.
 */

#pragma once

#include "sanasto-bookmarks.h"
#include "sanasto-history.h"
#include "sanasto-window.h"

G_BEGIN_DECLS

typedef struct _SanastoWindowReading SanastoWindowReading;

/* Actions and key bindings: win.toggle-bookmark (Ctrl+D), win.show-bookmarks (Ctrl+B),
 * win.show-history (Ctrl+H), win.show-toc (Ctrl+T), win.random-entry (Ctrl+R),
 * win.preferences (Ctrl+comma). */
void        _sanasto_window_class_add_reading_actions (GtkWidgetClass  *widget_class);
/* After the template: adds the header bar buttons and follows the article view. */
void        _sanasto_window_reading_init              (SanastoWindow   *self);
void        _sanasto_window_reading_dispose           (SanastoWindow   *self);

/* Shows how many terms the list holds under the glossary's name ("47 terms"), while no
 * search narrows it. */
void        _sanasto_window_reading_update_count      (SanastoWindow   *self);

/* The entries the term list offers: all of them, or without drafts when the preferences
 * say so. Safe in a worker thread (the glossary is immutable). New reference. */
GListModel *_sanasto_window_reading_list_entries      (SanastoWindow   *self,
                                                       SanastoGlossary *glossary);

/* For the tests. */
SanastoBookmarks *_sanasto_window_get_bookmarks       (SanastoWindow   *self);
SanastoHistory   *_sanasto_window_get_history         (SanastoWindow   *self);
GtkWidget        *_sanasto_window_get_bookmark_button (SanastoWindow   *self);
GtkWidget        *_sanasto_window_get_toc_popover     (SanastoWindow   *self);
GtkWidget        *_sanasto_window_get_history_popover (SanastoWindow   *self);
GtkWidget        *_sanasto_window_get_bookmarks_popover (SanastoWindow *self);

G_END_DECLS
