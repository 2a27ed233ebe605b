/* sanasto-search-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sanasto-search-hit.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_SEARCH_ROW (sanasto_search_row_get_type ())

/* A full-text hit in the term list: an optional heading, the title and the snippet with the
 * matched words in bold. Styled like a term row. */
G_DECLARE_FINAL_TYPE (SanastoSearchRow, sanasto_search_row, SANASTO, SEARCH_ROW, GtkWidget)

GtkWidget  *sanasto_search_row_new          (void);
void        sanasto_search_row_set_hit      (SanastoSearchRow *self,
                                             SanastoSearchHit *hit,
                                             const char       *heading);
/* The text the row shows (title and snippet, without markup), for the tests. */
char       *sanasto_search_row_get_text     (SanastoSearchRow *self);

G_END_DECLS
