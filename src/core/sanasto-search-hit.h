/* sanasto-search-hit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-entry.h"

G_BEGIN_DECLS

/* How a hit matched, best first: the order of the result list. */
typedef enum
{
  SANASTO_SEARCH_MATCH_EXACT,        /* the title (or an alias) is the query */
  SANASTO_SEARCH_MATCH_PREFIX,       /* the title starts with the query */
  SANASTO_SEARCH_MATCH_WORD_PREFIX,  /* a later word of the title starts with the query */
  SANASTO_SEARCH_MATCH_SUBSTRING,    /* the query is inside the title */
  SANASTO_SEARCH_MATCH_FULL_TEXT,    /* the words are in the article */
  SANASTO_SEARCH_MATCH_LINK,         /* a backlink or an unresolved link, not a search */
} SanastoSearchMatch;

/* The snippet marks the matched words (or the link's text) with these two bytes; they never
 * occur in indexed text. Use the getters below to turn them into markup or plain text. */
#define SANASTO_SEARCH_HIT_MARK_START "\x02"
#define SANASTO_SEARCH_HIT_MARK_END   "\x03"

#define SANASTO_TYPE_SEARCH_HIT (sanasto_search_hit_get_type ())

/* One row of a result list: an entry, why it is there and a bit of its text. Also used for a
 * link found in an article (backlinks, unresolved links): then the entry is the article that
 * holds the link and the snippet is the sentence around it. Immutable. */
G_DECLARE_FINAL_TYPE (SanastoSearchHit, sanasto_search_hit, SANASTO, SEARCH_HIT, GObject)

SanastoSearchHit   *sanasto_search_hit_new              (SanastoEntry       *entry,
                                                         SanastoSearchMatch  match,
                                                         gboolean            via_alias,
                                                         const char         *snippet);
SanastoSearchHit   *sanasto_search_hit_new_link         (SanastoEntry       *source,
                                                         const char         *target,
                                                         const char         *anchor_text,
                                                         int                 line,
                                                         const char         *context);

SanastoEntry       *sanasto_search_hit_get_entry        (SanastoSearchHit   *self);
SanastoSearchMatch  sanasto_search_hit_get_match        (SanastoSearchHit   *self);
/* TRUE when an alias, not the title, matched. */
gboolean            sanasto_search_hit_get_via_alias    (SanastoSearchHit   *self);
/* With the SANASTO_SEARCH_HIT_MARK_* bytes; never NULL. */
const char         *sanasto_search_hit_get_snippet      (SanastoSearchHit   *self);
/* HTML/Pango-safe: the text escaped, the marked words in <b>...</b>. */
char               *sanasto_search_hit_get_snippet_markup (SanastoSearchHit *self);
/* Plain text, the marked words between open and close (e.g. "«" and "»"). */
char               *sanasto_search_hit_get_snippet_text (SanastoSearchHit   *self,
                                                         const char         *open,
                                                         const char         *close);

/* Link hits only (NULL / 0 otherwise): the raw target, the link's text, its 1-based line. */
const char         *sanasto_search_hit_get_link_target  (SanastoSearchHit   *self);
const char         *sanasto_search_hit_get_anchor_text  (SanastoSearchHit   *self);
int                 sanasto_search_hit_get_line         (SanastoSearchHit   *self);

G_END_DECLS
