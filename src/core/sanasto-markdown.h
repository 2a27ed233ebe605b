/* sanasto-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark.h>

G_BEGIN_DECLS

/* A link as written in an article. */
typedef struct
{
  char *target;       /* raw destination */
  char *anchor_text;  /* the link's text, plain */
  int   line;         /* 1-based line in the body */
} SanastoLinkRef;

void        sanasto_link_ref_free              (SanastoLinkRef *ref);

/* Parses a body with cmark (never CMARK_OPT_UNSAFE) after the lenient pre-pass that turns
 * "##Heading" into a heading outside code. Free with cmark_node_free(). */
cmark_node *sanasto_markdown_parse             (const char     *body,
                                                gsize           length);
/* Element type SanastoLinkRef, in document order. */
GPtrArray  *sanasto_markdown_collect_links     (cmark_node     *document);
/* The text a reader sees: no markup, no URLs; blocks separated by newlines. */
char       *sanasto_markdown_plain_text        (cmark_node     *document);
/* The first paragraph's text, shortened to about max_chars at a word boundary. */
char       *sanasto_markdown_first_paragraph   (cmark_node     *document,
                                                gsize           max_chars);
/* The first heading's text, or NULL. */
char       *sanasto_markdown_first_heading     (cmark_node     *document);

G_END_DECLS
