/* sanasto-term-row-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout SanastoTermRow shares with SanastoSearchRow, so that a full-text hit reads like
 * a term in the same list: an optional heading above a "term" box holding the title and a
 * dimmed line under it.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From class_init of a direct GtkWidget subclass: the "termrow" CSS name the term list's
 * styles apply to, a box layout, and a dispose that removes the children (the class's own
 * dispose, as the rows hold nothing else). */
void _sanasto_term_row_class_setup (GtkWidgetClass  *widget_class);
/* From init: adds the heading (hidden), the title and the dimmed subtitle to row, each label
 * single-line and ellipsized. */
void _sanasto_term_row_add_labels  (GtkWidget       *row,
                                    GtkLabel       **heading,
                                    GtkLabel       **title,
                                    GtkLabel       **subtitle);
/* Shows heading above the row (NULL hides it) and the title, which also names the row for
 * screen readers. */
void _sanasto_term_row_show_title  (GtkWidget       *row,
                                    GtkLabel        *heading_label,
                                    const char      *heading,
                                    GtkLabel        *title_label,
                                    const char      *title);

G_END_DECLS
