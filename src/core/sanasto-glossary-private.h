/* sanasto-glossary-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

/* What the link resolver needs from a loaded glossary, per language. Everything here is
 * built once at load and never changes, so readers need no lock. */

typedef struct
{
  const char   *key;        /* normalized slug or title (owned by the language's tables) */
  guint         length;     /* strlen (key) */
  guint64       signature;  /* sanasto_text_signature (key) */
  guint64       letters;    /* sanasto_text_letter_mask (key) */
  SanastoEntry *entry;
} SanastoSuggestKey;

typedef struct
{
  const char *code;        /* interned */
  GPtrArray  *entries;     /* SanastoEntry, model order (borrowed) */
  GHashTable *slugs;       /* slug -> entry, the first by path when slugs repeat */
  GHashTable *aliases;     /* normalized alias -> entry */
  GHashTable *normalized;  /* normalized slug, else normalized title -> entry */
  GArray     *suggest;     /* SanastoSuggestKey sorted by length, then key; NULL until
                            * _sanasto_glossary_ensure_suggest() */
  GArray     *suggest_by_key; /* guint indices into suggest, sorted by key, for prefixes */
} SanastoGlossaryLanguage;

/* Modification time (microseconds) and size of the article file when the loader read it or
 * found it unchanged; FALSE when unknown. Lets the index skip a second stat() per file. */
void                     _sanasto_entry_set_stamp            (SanastoEntry    *self,
                                                              gint64           mtime,
                                                              gint64           size);
gboolean                 _sanasto_entry_get_stamp            (SanastoEntry    *self,
                                                              gint64          *mtime,
                                                              gint64          *size);
void                     _sanasto_entry_take_sort_key        (SanastoEntry    *self,
                                                              char            *sort_key);
gboolean                 _sanasto_entry_has_sort_key         (SanastoEntry    *self);

/* An entry as an earlier open saw the file path (root-relative) with this mtime and size, in
 * the folder language dir_language, with that stamp (the entry may be shared); NULL to read
 * the file. Called from several threads; then once with path NULL, when no more calls will
 * come, so that the cache can be freed. */
typedef SanastoEntry *(*SanastoGlossaryCacheFunc) (const char *path,
                                                   const char *dir_language,
                                                   gint64      mtime,
                                                   gint64      size,
                                                   gpointer    user_data);

/* sanasto_glossary_load(), taking unchanged articles from a cache instead of reading them. */
SanastoGlossary         *_sanasto_glossary_load_cached       (const char      *root,
                                                              SanastoGlossaryCacheFunc func,
                                                              gpointer         user_data,
                                                              GCancellable    *cancellable,
                                                              GError         **error);

/* Builds language->suggest and suggest_by_key if they are not yet; any thread. */
/* A glossary of entries already loaded (from the index), sorted and looked up as a load of the
 * folder would. Takes entries (SanastoEntry, with their sort keys and stamps; the array's
 * free function unrefs them). */
SanastoGlossary         *_sanasto_glossary_new_from_entries  (const char      *root,
                                                              GPtrArray       *entries,
                                                              GError         **error);

void                     _sanasto_glossary_ensure_suggest    (SanastoGlossary *self,
                                                              SanastoGlossaryLanguage *language);
/* Exact code; NULL when the glossary has no such language. */
SanastoGlossaryLanguage *_sanasto_glossary_get_language      (SanastoGlossary *self,
                                                              const char      *code);
/* A path segment that names one of the glossary's languages ("en-US" for "en-us", or for
 * "en" when only that exists), as the glossary spells it; NULL when none. */
const char              *_sanasto_glossary_match_language    (SanastoGlossary *self,
                                                              const char      *segment);
/* Root-relative path with the article extension removed ("content/en/http"); a folder of a
 * folder-per-entry article names the entry too ("glossary/http"). */
SanastoEntry            *_sanasto_glossary_lookup_path       (SanastoGlossary *self,
                                                              const char      *path);
/* Whether a canonical absolute path is the root or inside it. */
gboolean                 _sanasto_glossary_contains       (SanastoGlossary *self,
                                                           const char      *canonical);
/* Whether a file name has an article extension (.md, .markdown, .txt). */
gboolean                 _sanasto_glossary_is_article_name   (const char      *name);
/* Length of name without an article or .html extension. */
gsize                    _sanasto_glossary_strip_extension   (const char      *name);

G_END_DECLS
