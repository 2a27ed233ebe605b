/* sanasto-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

/* The report of `sanasto --check`: entries per language, files that could not be read,
 * link counts and one line per unresolved link ("path:line: target "text" (did you mean
 * slug?)"), appended to out. Returns the exit status: 0 when every link between entries
 * resolves, 1 when some do not. */
int sanasto_check_report (SanastoGlossary *glossary,
                          GString         *out);

G_END_DECLS
