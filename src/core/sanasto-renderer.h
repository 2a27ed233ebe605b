/* sanasto-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

/* The app's internal scheme. Pages: sanasto://entry/<lang>/<slug>#frag ("_" stands for the
 * unnamed language); files inside the root: sanasto://file/<relative path>; links that name
 * no entry: sanasto://missing/<percent-encoded original target>?text=<anchor text>. */
#define SANASTO_SCHEME "sanasto"

char *sanasto_renderer_entry_uri      (SanastoEntry    *entry,
                                       const char      *fragment);
/* Parses a sanasto://entry/ URI into language and slug (both newly allocated, decoded). */
gboolean sanasto_renderer_parse_entry_uri (const char  *uri,
                                           char       **language,
                                           char       **slug,
                                           char       **fragment);

/* The whole HTML page for entry: title, description, keyword chips, body; links rewritten;
 * CSP that allows nothing remote; every piece of article text escaped. */
char *sanasto_renderer_render_page    (SanastoGlossary *glossary,
                                       SanastoEntry    *entry,
                                       GError         **error);

/* The stylesheet embedded into every page. */
const char *sanasto_renderer_get_stylesheet (void);

G_END_DECLS
