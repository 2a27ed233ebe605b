/* sanasto-term-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-term-row.h"
#include "sanasto-term-row-private.h"

struct _SanastoTermRow
{
  GtkWidget  parent_instance;

  GtkLabel  *heading;
  GtkLabel  *title;
  GtkLabel  *description;
};

G_DEFINE_FINAL_TYPE (SanastoTermRow, sanasto_term_row, GTK_TYPE_WIDGET)

static GtkLabel *
add_label (GtkWidget  *parent,
           const char *css_class,
           const char *css_class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (label, css_class2);
  gtk_widget_set_parent (label, parent);
  return GTK_LABEL (label);
}

/* The rows own nothing but their children. */
static void
row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (g_type_class_peek (GTK_TYPE_WIDGET))->dispose (object);
}

static void
sanasto_term_row_class_init (SanastoTermRowClass *klass)
{
  _sanasto_term_row_class_setup (GTK_WIDGET_CLASS (klass));
}

/* Built in code rather than from a template: the list makes a row for every visible item
 * each time the filter changes, and parsing a template each time costs more than the
 * filtering itself. */
static void
sanasto_term_row_init (SanastoTermRow *self)
{
  _sanasto_term_row_add_labels (GTK_WIDGET (self), &self->heading, &self->title,
                                &self->description);
}

GtkWidget *
sanasto_term_row_new (void)
{
  return g_object_new (SANASTO_TYPE_TERM_ROW, NULL);
}

void
sanasto_term_row_set_entry (SanastoTermRow *self,
                            SanastoEntry   *entry,
                            const char     *heading)
{
  const char *description;

  g_return_if_fail (SANASTO_IS_TERM_ROW (self));
  g_return_if_fail (!entry || SANASTO_IS_ENTRY (entry));

  if (entry == NULL)
    {
      _sanasto_term_row_show_title (GTK_WIDGET (self), self->heading, heading, self->title, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_widget_set_visible (GTK_WIDGET (self->description), FALSE);
      return;
    }

  description = sanasto_entry_get_description (entry);
  _sanasto_term_row_show_title (GTK_WIDGET (self), self->heading, heading, self->title,
                                sanasto_entry_get_title (entry));
  gtk_label_set_label (self->description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description), *description != '\0');
}

void
_sanasto_term_row_class_setup (GtkWidgetClass *widget_class)
{
  /* row_dispose chains up to GtkWidget directly. */
  g_assert (g_type_parent (G_TYPE_FROM_CLASS (widget_class)) == GTK_TYPE_WIDGET);

  G_OBJECT_CLASS (widget_class)->dispose = row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "termrow");
}

void
_sanasto_term_row_add_labels (GtkWidget  *row,
                              GtkLabel  **heading,
                              GtkLabel  **title,
                              GtkLabel  **subtitle)
{
  GtkWidget *term = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (row)),
                                  GTK_ORIENTATION_VERTICAL);
  *heading = add_label (row, "heading", "letter-heading");
  gtk_widget_set_visible (GTK_WIDGET (*heading), FALSE);
  gtk_widget_add_css_class (term, "term");
  gtk_widget_set_parent (term, row);
  *title = add_label (term, NULL, NULL);
  *subtitle = add_label (term, "dim-label", "caption");
}

void
_sanasto_term_row_show_title (GtkWidget  *row,
                              GtkLabel   *heading_label,
                              const char *heading,
                              GtkLabel   *title_label,
                              const char *title)
{
  gtk_label_set_label (heading_label, heading ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (heading_label), heading != NULL);
  gtk_label_set_label (title_label, title);
  /* A screen reader reads the row as its term, not as the heading and summary too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}
