/* sanasto-search-command.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sanasto --search QUERY DIR: opens (and brings up to date) the cached index of DIR and prints
 * the ranked hits, one a line: title, slug, language, snippet with the matched words in «»,
 * tab-separated. Returns 0 (also when nothing matches), 2 when DIR cannot be opened, 1 when
 * the index cannot be built. */
int sanasto_search_command_run (const char *query,
                                const char *dir);

G_END_DECLS
