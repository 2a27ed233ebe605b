/* sanasto-term-matcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sanasto-entry.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_TERM_MATCHER (sanasto_term_matcher_get_type ())

/* The sidebar's list: a GListModel of the SanastoEntry items of one language of a glossary
 * that match a query, best first. Titles and aliases are folded once, when the matcher is
 * built; each query then only compares bytes, and a query that extends the previous one
 * only looks at the previous matches. */
G_DECLARE_FINAL_TYPE (SanastoTermMatcher, sanasto_term_matcher, SANASTO, TERM_MATCHER, GObject)

typedef enum
{
  SANASTO_MATCH_EXACT,        /* the whole title (or an alias) */
  SANASTO_MATCH_PREFIX,       /* the start of the title */
  SANASTO_MATCH_WORD_PREFIX,  /* the start of a later word */
  SANASTO_MATCH_SUBSTRING,    /* anywhere */
  SANASTO_MATCH_FUZZY,        /* the query's characters in order, with gaps */
  SANASTO_MATCH_NONE,
} SanastoMatchKind;

/* entries: a GListModel of SanastoEntry sorted by language, then collation (a
 * SanastoGlossary). Empty query: every entry of the language, in the model's order. */
SanastoTermMatcher *sanasto_term_matcher_new          (GListModel         *entries);
GListModel         *sanasto_term_matcher_get_entries  (SanastoTermMatcher *self);

/* Changes the language and the query; emits items-changed when the result differs. */
void                sanasto_term_matcher_set_query    (SanastoTermMatcher *self,
                                                       const char         *language,
                                                       const char         *query);
const char         *sanasto_term_matcher_get_query    (SanastoTermMatcher *self);
const char         *sanasto_term_matcher_get_language (SanastoTermMatcher *self);

/* Position of entry in the current matches, or G_MAXUINT. */
guint               sanasto_term_matcher_find         (SanastoTermMatcher *self,
                                                       SanastoEntry       *entry);
/* How the item at position matched the current query. */
SanastoMatchKind    sanasto_term_matcher_get_kind     (SanastoTermMatcher *self,
                                                       guint               position);

/* Lower case, without diacritics (NFD marks dropped, a few letters without a decomposition
 * mapped: ß->ss, ø->o, ł->l, đ->d, æ->ae, œ->oe), whitespace runs made one space. */
char               *sanasto_term_matcher_fold         (const char         *text);
/* How text matches an already folded query. */
SanastoMatchKind    sanasto_term_matcher_match_folded (const char         *folded_text,
                                                       const char         *folded_query);
/* The letter heading an entry's title sorts under in language: the first letter in upper
 * case ("#" for digits and symbols), without diacritics unless the language's alphabet
 * treats the letter as its own (Finnish Ä, Ö). Newly allocated. */
char               *sanasto_term_matcher_initial      (const char         *title,
                                                       const char         *language);

G_END_DECLS
