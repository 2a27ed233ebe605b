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
  GArray     *suggest;     /* SanastoSuggestKey sorted by length, then key */
  GArray     *suggest_by_key; /* guint indices into suggest, sorted by key, for prefixes */
} SanastoGlossaryLanguage;

guint                    _sanasto_entry_get_index            (SanastoEntry    *self);
void                     _sanasto_entry_set_index            (SanastoEntry    *self,
                                                              guint            index);

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
