/* sanasto-renderer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-renderer.h"
#include "sanasto-search-hit.h"

G_BEGIN_DECLS

/* The page of entry for a body already in memory (what render_page does after reading the
 * file); used by the benchmark to leave disk reads out. */
char *_sanasto_renderer_render_markdown (SanastoGlossary *glossary,
                                         SanastoEntry    *entry,
                                         const char      *body,
                                         gsize            length);

/* The id the page gives a heading with this text, into id. ids holds the page's ids so far
 * (owned strings; the new one is added), seen_heading whether a heading came before. FALSE
 * for the first heading when it only repeats the entry's title: the page header shows the
 * title, so that heading is left out and gets no id. Shared with the table of contents so
 * that its ids are the page's. */
gboolean _sanasto_renderer_heading_id (SanastoEntry *entry,
                                       GHashTable   *ids,
                                       gboolean     *seen_heading,
                                       const char   *text,
                                       GString      *id);

/* The page as render_page() makes it, plus "Also in" links to the same slug in the other
 * languages at the top and, when backlinks (SanastoSearchHit, match LINK) is not NULL or
 * empty, a "Referenced by" section after the body. Used by the article view. */
char *_sanasto_renderer_render_page_full (SanastoGlossary  *glossary,
                                          SanastoEntry     *entry,
                                          GPtrArray        *backlinks,
                                          GError          **error);
/* Only the "Referenced by" section ("" without backlinks): for a page shown before the index
 * was ready. */
char *_sanasto_renderer_render_backlinks (GPtrArray        *backlinks);

G_END_DECLS
