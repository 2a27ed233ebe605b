/* sanasto-term-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-term-row.h"

struct _SanastoTermRow
{
  GtkWidget  parent_instance;

  GtkLabel  *heading;
  GtkLabel  *title;
  GtkLabel  *description;
};

G_DEFINE_FINAL_TYPE (SanastoTermRow, sanasto_term_row, GTK_TYPE_WIDGET)

static void
sanasto_term_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sanasto_term_row_parent_class)->dispose (object);
}

static void
sanasto_term_row_class_init (SanastoTermRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sanasto_term_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "termrow");
}

static GtkLabel *
add_label (SanastoTermRow *self,
           GtkWidget      *parent,
           const char     *css_class,
           const char     *css_class2)
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

/* Built in code rather than from a template: the list makes a row for every visible item
 * each time the filter changes, and parsing a template each time costs more than the
 * filtering itself. */
static void
sanasto_term_row_init (SanastoTermRow *self)
{
  GtkWidget *term = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->heading = add_label (self, GTK_WIDGET (self), "heading", "letter-heading");
  gtk_widget_set_visible (GTK_WIDGET (self->heading), FALSE);
  gtk_widget_add_css_class (term, "term");
  gtk_widget_set_parent (term, GTK_WIDGET (self));
  self->title = add_label (self, term, NULL, NULL);
  self->description = add_label (self, term, "dim-label", "caption");
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

  gtk_label_set_label (self->heading, heading ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading), heading != NULL);

  if (entry == NULL)
    {
      gtk_label_set_label (self->title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->description), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  description = sanasto_entry_get_description (entry);
  gtk_label_set_label (self->title, sanasto_entry_get_title (entry));
  /* A screen reader reads the row as its term, not as the letter heading and summary too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sanasto_entry_get_title (entry), -1);
  gtk_label_set_label (self->description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description), *description != '\0');
}
