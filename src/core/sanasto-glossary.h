/* sanasto-glossary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sanasto-entry.h"
#include "sanasto-load-problem.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_GLOSSARY (sanasto_glossary_get_type ())

/* A glossary folder opened: a GListModel of SanastoEntry, sorted by language, then by the
 * collation of the entry's language. Immutable once loaded. */
G_DECLARE_FINAL_TYPE (SanastoGlossary, sanasto_glossary, SANASTO, GLOSSARY, GObject)

/* Fails (G_IO_ERROR_*) only when the folder itself cannot be opened. Files that cannot be
 * read are reported through sanasto_glossary_get_problems(). */
SanastoGlossary    *sanasto_glossary_load               (const char           *root,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void                sanasto_glossary_load_async         (const char           *root,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
SanastoGlossary    *sanasto_glossary_load_finish        (GAsyncResult         *result,
                                                         GError              **error);

/* TRUE when the entries came from the search index (sanasto_index_load_glossary() with
 * SANASTO_INDEX_LOAD_FROM_INDEX) without reading the folder: they are the folder as it was
 * when last indexed, and a load that reads the folder tells what changed since. */
gboolean            sanasto_glossary_is_from_index      (SanastoGlossary      *self);
/* Whether other lists the same entries as self, each with the same title, description,
 * keywords, aliases and file stamp: nothing a reader would see differently. */
gboolean            sanasto_glossary_same_entries       (SanastoGlossary      *self,
                                                         SanastoGlossary      *other);
/* Loads the folder of previous again, taking every article whose file is unchanged (same size
 * and modification time) from previous instead of reading it: one stat() per file. The entries
 * taken are shared by both glossaries; when the folder holds just those and the load reported
 * nothing, the result is previous itself (another reference). */
SanastoGlossary    *sanasto_glossary_load_again         (SanastoGlossary      *previous,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* Canonical absolute path of the folder. */
const char         *sanasto_glossary_get_root           (SanastoGlossary      *self);
/* Language codes present, sorted; { "" } for a glossary with one unnamed language. */
const char * const *sanasto_glossary_get_languages      (SanastoGlossary      *self);
/* English if present, else the language with the most entries. */
const char         *sanasto_glossary_get_fallback_language (SanastoGlossary   *self);
guint               sanasto_glossary_count_in_language  (SanastoGlossary      *self,
                                                         const char           *language);

/* Exact slug in a language. Transfer none. */
SanastoEntry       *sanasto_glossary_lookup             (SanastoGlossary      *self,
                                                         const char           *language,
                                                         const char           *slug);
/* A term as a user types it on the command line: slug, then title, then alias, ignoring
 * case and diacritics; preferred_language first (NULL: the fallback language first). */
SanastoEntry       *sanasto_glossary_find_term          (SanastoGlossary      *self,
                                                         const char           *term,
                                                         const char           *preferred_language);
/* Position of entry in the model, or G_MAXUINT. */
guint               sanasto_glossary_get_position       (SanastoGlossary      *self,
                                                         SanastoEntry         *entry);

/* Element type SanastoLoadProblem. */
GPtrArray          *sanasto_glossary_get_problems       (SanastoGlossary      *self);

/* The Markdown body of the article (front matter removed, BOM removed, CRLF -> LF, invalid
 * UTF-8 replaced), read from disk now. */
char               *sanasto_glossary_read_body          (SanastoGlossary      *self,
                                                         SanastoEntry         *entry,
                                                         GError              **error);

G_END_DECLS
