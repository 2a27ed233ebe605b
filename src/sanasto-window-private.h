/* sanasto-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests need to drive the window as a person would.
 */

#pragma once

#include "sanasto-article-view.h"
#include "sanasto-window.h"

G_BEGIN_DECLS

SanastoArticleView *sanasto_window_get_article_view (SanastoWindow *self);
GtkEditable        *_sanasto_window_get_search_entry (SanastoWindow *self);
GtkListView        *_sanasto_window_get_list_view    (SanastoWindow *self);
GtkDropDown        *_sanasto_window_get_language_switcher (SanastoWindow *self);
/* The list's model of matching entries (a SanastoTermMatcher), or NULL before loading. */
GListModel         *_sanasto_window_get_matches      (SanastoWindow *self);
/* TRUE while a folder is being loaded. */
gboolean            _sanasto_window_is_loading       (SanastoWindow *self);
/* The title of the last toast shown, or NULL. */
const char         *_sanasto_window_get_last_toast   (SanastoWindow *self);
/* The name of the visible child of the content stack ("article" or "status"). */
const char         *_sanasto_window_get_content_state (SanastoWindow *self);
/* The name of the visible child of the sidebar stack ("loading", "list" or "status"). */
const char         *_sanasto_window_get_sidebar_state (SanastoWindow *self);

G_END_DECLS
