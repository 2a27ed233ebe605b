/* sanasto-bookmarks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sanasto-entry-ref.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_BOOKMARKS (sanasto_bookmarks_get_type ())

/* The entries a person starred, in every glossary, kept in one file. Each change is saved
 * at once, atomically; the "changed" signal follows every change. */
G_DECLARE_FINAL_TYPE (SanastoBookmarks, sanasto_bookmarks, SANASTO, BOOKMARKS, GObject)

/* path NULL: g_get_user_data_dir()/sanasto/bookmarks.ini. Reads the file now; a damaged
 * file is set aside as "<path>.corrupt" and the bookmarks start empty. */
SanastoBookmarks *sanasto_bookmarks_new       (const char       *path);
const char       *sanasto_bookmarks_get_path  (SanastoBookmarks *self);

/* FALSE when the entry was bookmarked already. title NULL: the slug. */
gboolean          sanasto_bookmarks_add       (SanastoBookmarks *self,
                                               const char       *root,
                                               const char       *language,
                                               const char       *slug,
                                               const char       *title);
/* FALSE when the entry was not bookmarked. */
gboolean          sanasto_bookmarks_remove    (SanastoBookmarks *self,
                                               const char       *root,
                                               const char       *language,
                                               const char       *slug);
gboolean          sanasto_bookmarks_contains  (SanastoBookmarks *self,
                                               const char       *root,
                                               const char       *language,
                                               const char       *slug);
/* Bookmarks of the glossary at root (NULL: all), newest first. Element SanastoEntryRef,
 * copies. */
GPtrArray        *sanasto_bookmarks_list      (SanastoBookmarks *self,
                                               const char       *root);

/* Writes the file now (changes already do); FALSE if it cannot be written. */
gboolean          sanasto_bookmarks_save      (SanastoBookmarks *self,
                                               GError          **error);
/* All bookmarks, in the same format, to a file the person chose. */
gboolean          sanasto_bookmarks_export    (SanastoBookmarks *self,
                                               const char       *path,
                                               GError          **error);
/* Adds the bookmarks of an exported file that are not here yet, keeping their times;
 * returns how many were added, or -1 (and nothing added) if the file is not a bookmarks
 * file or cannot be read. */
int               sanasto_bookmarks_import    (SanastoBookmarks *self,
                                               const char       *path,
                                               GError          **error);

G_END_DECLS
