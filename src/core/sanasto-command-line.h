/* sanasto-command-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for one of the headless commands:
 *   sanasto --check DIR           report entries, problems and links; exit 0/1/2
 *   sanasto --html DIR TERM       print the page of TERM
 *   sanasto --search QUERY DIR    print the ranked search results */
gboolean sanasto_command_line_is_headless (int    argc,
                                           char **argv);
/* Runs the headless command; returns the process exit status. */
int      sanasto_command_line_run         (int    argc,
                                           char **argv);

G_END_DECLS
