/* sanasto-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_PREFERENCES_WINDOW (sanasto_preferences_window_get_type ())

/* The app's preferences, each row bound to its GSettings key: changes apply at once. */
G_DECLARE_FINAL_TYPE (SanastoPreferencesWindow, sanasto_preferences_window, SANASTO,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sanasto_preferences_window_new (GtkWindow *parent);

G_END_DECLS
