/* sanasto-window-search-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search and the link graph in SanastoWindow (sanasto-window-search.c): the
 * glossary's index built in the background with its progress in the sidebar, full-text hits
 * after the title matches in the term list, the matched words highlighted in the article,
 * and a preview of an internal link's target while the pointer is over it.
 */

#pragma once

#include "sanasto-index.h"
#include "sanasto-term-matcher.h"
#include "sanasto-window.h"

G_BEGIN_DECLS

typedef struct _SanastoWindowSearch SanastoWindowSearch;

/* After the template (and after _sanasto_window_reading_init). */
void        _sanasto_window_search_init          (SanastoWindow      *self);
void        _sanasto_window_search_dispose       (SanastoWindow      *self);

/* A glossary is shown: returns the list's model, [matcher, full-text hits] (transfer
 * none), and starts indexing the glossary; self->cancellable stops it. */
GListModel *_sanasto_window_search_set_glossary  (SanastoWindow      *self,
                                                  SanastoGlossary    *glossary,
                                                  SanastoTermMatcher *matcher);
/* The query or the language may have changed: drops the old hits and searches again after a
 * short pause. Nothing happens when neither changed. */
void        _sanasto_window_search_query_changed (SanastoWindow      *self);
/* Prepares a list row for item: TRUE when item is a full-text hit and the row is done. */
gboolean    _sanasto_window_search_bind_row      (SanastoWindow      *self,
                                                  GtkListItem        *item);
/* Opens item when it is a full-text hit (TRUE), highlighting the matched words. */
gboolean    _sanasto_window_search_open_item     (SanastoWindow      *self,
                                                  gpointer            item);
/* The position of entry's full-text hit in the list, or GTK_INVALID_LIST_POSITION. */
guint       _sanasto_window_search_find_hit      (SanastoWindow      *self,
                                                  SanastoEntry       *entry);

/* For the tests. */
SanastoIndex *_sanasto_window_get_index          (SanastoWindow      *self);
/* The full-text hits of the last finished search (SanastoSearchHit). */
GListModel *_sanasto_window_get_full_text_hits   (SanastoWindow      *self);
/* TRUE from a glossary's arrival until its index has opened (or failed to). */
gboolean    _sanasto_window_is_indexing          (SanastoWindow      *self);
/* TRUE while a search is pending or running. */
gboolean    _sanasto_window_is_searching         (SanastoWindow      *self);
/* The indexing progress row ("Indexing 3 of 14"); hidden when not indexing. */
GtkWidget  *_sanasto_window_get_index_progress   (SanastoWindow      *self);
/* What the link preview does for the pointer over a link to uri (NULL: no link). */
void        _sanasto_window_preview_link         (SanastoWindow      *self,
                                                  const char         *uri);
GtkWidget  *_sanasto_window_get_link_preview     (SanastoWindow      *self);
/* What happens when the index becomes ready: the page shown (now, or when its load ends)
 * gets its "Referenced by" section unless it has one. */
void        _sanasto_window_search_add_late_backlinks (SanastoWindow *self);
/* The preview's text: title, then description (or why there is none). */
char       *_sanasto_window_get_link_preview_text (SanastoWindow     *self);

G_END_DECLS
