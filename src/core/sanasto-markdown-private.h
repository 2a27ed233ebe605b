/* sanasto-markdown-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-markdown.h"

G_BEGIN_DECLS

/* The visible text under node (inline text, code, breaks as spaces), stripped. */
char *_sanasto_markdown_node_text (cmark_node *node);

G_END_DECLS
