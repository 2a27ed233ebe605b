/* sanasto-toc.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

/* One heading of an article's page, as the renderer writes it: id is the heading's id in
 * the page, so sanasto_renderer_entry_uri (entry, id) scrolls to it. */
typedef struct
{
  int   level;  /* 1 to 6 */
  char *text;   /* plain text, as shown */
  char *id;
} SanastoTocItem;

void       sanasto_toc_item_free    (SanastoTocItem  *item);

/* The headings of the entry's page in document order (element SanastoTocItem); a first
 * heading that only repeats the title is not on the page, so not here either. NULL and an
 * error when the article cannot be read. */
GPtrArray *sanasto_toc_collect      (SanastoGlossary *glossary,
                                     SanastoEntry    *entry,
                                     GError         **error);
/* The same for a body already in memory. */
GPtrArray *sanasto_toc_collect_body (SanastoEntry    *entry,
                                     const char      *body,
                                     gsize            length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SanastoTocItem, sanasto_toc_item_free)

G_END_DECLS
