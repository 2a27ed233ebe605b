/* sanasto-term-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sanasto-entry.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_TERM_ROW (sanasto_term_row_get_type ())

/* One row of the term list: an optional letter heading, the title and a one-line
 * description. */
G_DECLARE_FINAL_TYPE (SanastoTermRow, sanasto_term_row, SANASTO, TERM_ROW, GtkWidget)

GtkWidget *sanasto_term_row_new     (void);
/* heading: the letter to show above the row where the initial changes, or NULL. */
void       sanasto_term_row_set_entry (SanastoTermRow *self,
                                       SanastoEntry   *entry,
                                       const char     *heading);

G_END_DECLS
