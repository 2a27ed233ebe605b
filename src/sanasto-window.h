/* sanasto-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sanasto-glossary.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_WINDOW (sanasto_window_get_type ())

/* The reader: the term list of a glossary beside the article being read. */
G_DECLARE_FINAL_TYPE (SanastoWindow, sanasto_window, SANASTO, WINDOW, AdwApplicationWindow)

SanastoWindow   *sanasto_window_new          (GtkApplication *application);

/* Loads the folder in the background; term (may be NULL) is opened once it is loaded. */
void             sanasto_window_open_folder  (SanastoWindow  *self,
                                              const char     *path,
                                              const char     *term);
/* Opens a term (slug, title or alias) of the open glossary; FALSE and a notice if none. */
gboolean         sanasto_window_open_term    (SanastoWindow  *self,
                                              const char     *term);
/* NULL while nothing is loaded. */
SanastoGlossary *sanasto_window_get_glossary (SanastoWindow  *self);
/* The folder opened or being opened, or NULL. */
const char      *sanasto_window_get_folder   (SanastoWindow  *self);

G_END_DECLS
