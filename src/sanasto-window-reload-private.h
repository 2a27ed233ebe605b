/* sanasto-window-reload-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live reload in SanastoWindow (sanasto-window-reload.c): a file monitor on every folder of
 * the open glossary; a burst of changes (an editor's save, a `git checkout`) is coalesced,
 * then the glossary is loaded again through the index (only changed files are read) and
 * swapped in, keeping the entry shown and the search text.
 */

#pragma once

#include "sanasto-glossary.h"
#include "sanasto-term-matcher.h"
#include "sanasto-window.h"

G_BEGIN_DECLS

typedef struct _SanastoWindowReload SanastoWindowReload;

void   _sanasto_window_reload_init      (SanastoWindow *self);
void   _sanasto_window_reload_dispose   (SanastoWindow *self);
/* A glossary was opened (not reloaded): watch its folders, forgetting the previous ones. A
 * glossary from the index (sanasto_glossary_is_from_index()) is checked against the folder at
 * once, and replaced when anything changed while it was closed. */
void   _sanasto_window_reload_watch     (SanastoWindow *self,
                                         SanastoGlossary *glossary);

/* For the tests: reloads started and finished since the window was created. */
guint  _sanasto_window_get_reload_count (SanastoWindow *self);
guint  _sanasto_window_get_reloads_done (SanastoWindow *self);
/* TRUE while a change waits for its pause or a reload runs. */
gboolean _sanasto_window_is_reloading   (SanastoWindow *self);

G_END_DECLS
