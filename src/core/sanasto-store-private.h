/* sanasto-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file format shared by bookmarks and history: a GKeyFile with a [Sanasto] header
 * (version, kind, count) and one numbered group per SanastoEntryRef. The count lets a
 * truncated file be told from a shorter list.
 */

#pragma once

#include <gio/gio.h>

#include "sanasto-entry-ref.h"

G_BEGIN_DECLS

/* g_get_user_data_dir()/sanasto/basename */
char     *_sanasto_store_default_path (const char  *basename);

/* Fills refs (element SanastoEntryRef) from the key file; FALSE and
 * G_IO_ERROR_INVALID_DATA if it is not a complete file of this kind. */
gboolean  _sanasto_store_parse        (GKeyFile    *key_file,
                                       const char  *kind,
                                       GPtrArray   *refs,
                                       GError     **error);
/* Reads path into refs and returns the key file for the caller's extra groups. Never
 * fails: a missing file gives an empty one; an unreadable or damaged file is reported with
 * g_message(), renamed to "<path>.corrupt" (never over another file) and treated as empty. */
GKeyFile *_sanasto_store_load         (const char  *path,
                                       const char  *kind,
                                       GPtrArray   *refs);
/* Reads a file the user chose: errors are the caller's to show, nothing is renamed. */
gboolean  _sanasto_store_read_file    (const char  *path,
                                       const char  *kind,
                                       GPtrArray   *refs,
                                       GError     **error);
/* The header and refs; callers add their own groups before saving. */
GKeyFile *_sanasto_store_build        (const char  *kind,
                                       GPtrArray   *refs);
/* Written atomically (a temporary file renamed over path), parent folders created. */
gboolean  _sanasto_store_save         (const char  *path,
                                       GKeyFile    *key_file,
                                       GError     **error);
/* The same for a key file already turned into text; safe in any thread. */
gboolean  _sanasto_store_save_data    (const char  *path,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
