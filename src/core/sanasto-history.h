/* sanasto-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sanasto-entry-ref.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_HISTORY (sanasto_history_get_type ())

/* How many entries each glossary's history keeps. */
#define SANASTO_HISTORY_LIMIT 200

/* The entries read, per glossary, and where reading stopped (the session to restore), kept
 * in one file, always written atomically. Changes to the list are written at once in a
 * worker thread (sanasto_history_save() writes now and waits); a new session is written
 * before set_session returns. "changed" follows every change to the list. */
G_DECLARE_FINAL_TYPE (SanastoHistory, sanasto_history, SANASTO, HISTORY, GObject)

/* path NULL: g_get_user_data_dir()/sanasto/history.ini. Reads the file now; a damaged file
 * is set aside as "<path>.corrupt" and the history starts empty. */
SanastoHistory *sanasto_history_new         (const char      *path);
const char     *sanasto_history_get_path    (SanastoHistory  *self);

/* Records that the entry was read now. Reading the entry read last in that glossary again
 * only updates its time; each glossary keeps its SANASTO_HISTORY_LIMIT latest. */
void            sanasto_history_add         (SanastoHistory  *self,
                                             const char      *root,
                                             const char      *language,
                                             const char      *slug,
                                             const char      *title);
/* The history of the glossary at root (NULL: all), most recent first. Element
 * SanastoEntryRef, copies. */
GPtrArray      *sanasto_history_list        (SanastoHistory  *self,
                                             const char      *root);
/* Forgets the history of the glossary at root (NULL: all), and the session if it is there. */
void            sanasto_history_clear       (SanastoHistory  *self,
                                             const char      *root);

/* Where reading stopped: the glossary, the entry (language and slug; slug NULL when no
 * entry was open) and the article's vertical scroll position in CSS pixels. */
void            sanasto_history_set_session (SanastoHistory  *self,
                                             const char      *root,
                                             const char      *language,
                                             const char      *slug,
                                             double           scroll_y);
/* FALSE when there is no session to restore. Out arguments may be NULL. */
gboolean        sanasto_history_get_session (SanastoHistory  *self,
                                             char           **root,
                                             char           **language,
                                             char           **slug,
                                             double          *scroll_y);

/* Writes the file now, with every change so far; FALSE if it cannot be written. */
gboolean        sanasto_history_save        (SanastoHistory  *self,
                                             GError         **error);

G_END_DECLS
