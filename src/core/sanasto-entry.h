/* sanasto-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_ENTRY (sanasto_entry_get_type ())

G_DECLARE_FINAL_TYPE (SanastoEntry, sanasto_entry, SANASTO, ENTRY, GObject)

/* One term of a glossary: what its front matter (or, failing that, its file) says about it.
 * The body is not kept; SanastoGlossary reads it on demand. Immutable once built. */

SanastoEntry       *sanasto_entry_new             (const char         *path,
                                                   const char         *language,
                                                   const char         *slug,
                                                   const char         *title);
void                sanasto_entry_set_description (SanastoEntry       *self,
                                                   const char         *description);
void                sanasto_entry_set_keywords    (SanastoEntry       *self,
                                                   const char * const *keywords);
void                sanasto_entry_set_aliases     (SanastoEntry       *self,
                                                   const char * const *aliases);
void                sanasto_entry_set_draft       (SanastoEntry       *self,
                                                   gboolean            draft);
void                sanasto_entry_set_sort_key    (SanastoEntry       *self,
                                                   const char         *sort_key);

/* Path relative to the glossary root, '/'-separated, in the file system's encoding. */
const char         *sanasto_entry_get_path        (SanastoEntry       *self);
/* Language code ("fi", "en", "pt-br"), or "" when the glossary has one unnamed language. */
const char         *sanasto_entry_get_language    (SanastoEntry       *self);
const char         *sanasto_entry_get_slug        (SanastoEntry       *self);
const char         *sanasto_entry_get_title       (SanastoEntry       *self);
/* Never NULL; "" when the article says nothing. */
const char         *sanasto_entry_get_description (SanastoEntry       *self);
/* NULL-terminated, never NULL. */
const char * const *sanasto_entry_get_keywords    (SanastoEntry       *self);
const char * const *sanasto_entry_get_aliases     (SanastoEntry       *self);
gboolean            sanasto_entry_get_draft       (SanastoEntry       *self);
/* Collation key of the title in the entry's language; compare with strcmp(). */
const char         *sanasto_entry_get_sort_key    (SanastoEntry       *self);

/* Whether two loads of an article gave the same: the same file, unchanged (size and
 * modification time), with the same title, description, keywords, aliases and draft flag. */
gboolean            sanasto_entry_equal           (SanastoEntry       *self,
                                                   SanastoEntry       *other);

G_END_DECLS
