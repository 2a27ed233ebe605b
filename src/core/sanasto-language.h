/* sanasto-language.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Language codes as Sanasto uses them: lower case ISO 639-1, with an optional region after
 * a '-' ("fi", "pt-br", "en-us"). */

/* The code a folder name stands for: a code ("pt-BR", "pt_br") or an English language name
 * ("Finnish"), or NULL. is_full_name tells which of the two it was. */
char       *sanasto_language_from_folder_name (const char *name,
                                               gboolean   *is_full_name);
/* Whether code (any case, '-' or '_') is an ISO 639-1 code with an optional region. */
gboolean    sanasto_language_is_code          (const char *code);
/* The name of the language in itself ("Suomi"), or the code when it is not known; "" gives
 * "". */
const char *sanasto_language_get_display_name (const char *code);
/* A key that sorts text the way the language does; compare keys with strcmp(). */
char       *sanasto_language_collation_key    (const char *code,
                                               const char *text);

G_END_DECLS
