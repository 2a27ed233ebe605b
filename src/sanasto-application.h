/* sanasto-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_APPLICATION (sanasto_application_get_type ())

/* One instance per session: `sanasto [DIR] [--term TERM]` run again opens DIR (and TERM) in
 * the running instance. */
G_DECLARE_FINAL_TYPE (SanastoApplication, sanasto_application, SANASTO, APPLICATION,
                      AdwApplication)

SanastoApplication *sanasto_application_new (void);

/* The folder to open when none is named: the last one read, else the bundled sample
 * (installed first, then the source tree's), or NULL. */
char               *sanasto_application_get_default_folder (SanastoApplication *self);

G_END_DECLS
