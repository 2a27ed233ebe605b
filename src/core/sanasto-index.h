/* sanasto-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"
#include "sanasto-search-hit.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_INDEX (sanasto_index_get_type ())

/* The persistent search index of a glossary: an SQLite database in
 * $XDG_CACHE_HOME/sanasto/<sha256 of the root>.db with the entries, their links and a full-text
 * table. It is a cache: opening brings it up to date with the folder (re-reading only new and
 * changed files) and rebuilds it silently when it is damaged or from another version.
 *
 * Create it, connect to "progress" (guint done, guint total: files read so far, files to read;
 * emitted on the thread-default main context of the caller of sanasto_index_open_async()), then
 * open it. Queries before the open has finished return empty results. Queries use their own
 * read-only connection, so they never wait for the writer; they may run in any thread. Two
 * opens of the same folder, in one process or two, take turns. */
G_DECLARE_FINAL_TYPE (SanastoIndex, sanasto_index, SANASTO, INDEX, GObject)

SanastoIndex    *sanasto_index_new                  (SanastoGlossary      *glossary);

typedef enum
{
  SANASTO_INDEX_LOAD_DEFAULT    = 0,
  SANASTO_INDEX_LOAD_FROM_INDEX = 1 << 0,
} SanastoIndexLoadFlags;

/* sanasto_glossary_load(), taking every article unchanged since the glossary's index was last
 * brought up to date (same size and modification time) from the index instead of reading it:
 * a warm open costs one stat() per file. Without a usable index (first open, another version,
 * a database not as our last open left it) it reads every file, like sanasto_glossary_load().
 * The result is the same glossary, problems included.
 *
 * With SANASTO_INDEX_LOAD_FROM_INDEX and a usable index, the folder is not looked at: the
 * entries are the index's (sanasto_glossary_is_from_index()), as the folder was when last
 * indexed, and only duplicate slugs are among the problems. For showing the term list at once;
 * a load without the flag then tells what changed meanwhile (sanasto_glossary_same_entries()). */
SanastoGlossary *sanasto_index_load_glossary        (const char           *root,
                                                     SanastoIndexLoadFlags flags,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void             sanasto_index_load_glossary_async  (const char           *root,
                                                     SanastoIndexLoadFlags flags,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SanastoGlossary *sanasto_index_load_glossary_finish (GAsyncResult         *result,
                                                     GError              **error);

/* Brings the database up to date in a worker thread. Cancelling stops cleanly: what was
 * written stays valid and the next open continues from there. */
void             sanasto_index_open_async           (SanastoIndex         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         sanasto_index_open_finish          (SanastoIndex         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* The same in the calling thread ("progress" is emitted there). */
gboolean         sanasto_index_open                 (SanastoIndex         *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

SanastoGlossary *sanasto_index_get_glossary         (SanastoIndex         *self);
gboolean         sanasto_index_is_ready             (SanastoIndex         *self);
/* Where the database of the glossary at root (canonical path) lives. */
char            *sanasto_index_get_database_path    (const char           *root);
/* How many article files the last open read (new or changed ones; all of them on a rebuild). */
guint            sanasto_index_get_files_read       (SanastoIndex         *self);
/* TRUE when the last open started from an empty database (first use, damage, new version). */
gboolean         sanasto_index_get_was_rebuilt      (SanastoIndex         *self);

/* One ranked list of SanastoSearchHit: title and alias matches first (exact, prefix, word
 * prefix, substring), then full-text matches by relevance, each entry once. Any text is a
 * valid query: words must all match, "quoted phrases" match as phrases, word* is a prefix and
 * so is the last word. language NULL: all languages. limit 0: no limit. Never NULL. */
GPtrArray       *sanasto_index_search               (SanastoIndex         *self,
                                                     const char           *query,
                                                     const char           *language,
                                                     guint                 limit);
/* The same in a worker thread, so that typing never waits for it. Cancel the previous search
 * when the text changes: a cancelled one stops early and finishes with G_IO_ERROR_CANCELLED. */
void             sanasto_index_search_async         (SanastoIndex         *self,
                                                     const char           *query,
                                                     const char           *language,
                                                     guint                 limit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray       *sanasto_index_search_finish        (SanastoIndex         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* SanastoSearchHit (match LINK) for each link to entry from another article: the source entry
 * and the sentence around the link, its text marked. Sorted by the source's title. */
GPtrArray       *sanasto_index_get_backlinks        (SanastoIndex         *self,
                                                     SanastoEntry         *entry);
/* SanastoSearchHit (match LINK) for each link that looks like an entry link but names none,
 * in glossary order, then line. */
GPtrArray       *sanasto_index_get_unresolved_links (SanastoIndex         *self);

/* The FTS5 query for text as a user typed it, or NULL when it holds no word. Exposed for the
 * tests. */
char            *sanasto_index_build_fts_query      (const char           *text);

G_END_DECLS
