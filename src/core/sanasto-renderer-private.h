/* sanasto-renderer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-renderer.h"

G_BEGIN_DECLS

/* The page of entry for a body already in memory (what render_page does after reading the
 * file); used by the benchmark to leave disk reads out. */
char *_sanasto_renderer_render_markdown (SanastoGlossary *glossary,
                                         SanastoEntry    *entry,
                                         const char      *body,
                                         gsize            length);

G_END_DECLS
