/* sanasto-search-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-search-row.h"

struct _SanastoSearchRow
{
  GtkWidget  parent_instance;

  GtkLabel  *heading;
  GtkLabel  *title;
  GtkLabel  *snippet;
};

G_DEFINE_FINAL_TYPE (SanastoSearchRow, sanasto_search_row, GTK_TYPE_WIDGET)

static void
sanasto_search_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sanasto_search_row_parent_class)->dispose (object);
}

static void
sanasto_search_row_class_init (SanastoSearchRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sanasto_search_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  /* The term list's row styles apply to both kinds of row. */
  gtk_widget_class_set_css_name (widget_class, "termrow");
}

static GtkLabel *
add_label (GtkWidget  *parent,
           const char *css_class,
           const char *css_class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (label, css_class2);
  gtk_widget_set_parent (label, parent);
  return GTK_LABEL (label);
}

static void
sanasto_search_row_init (SanastoSearchRow *self)
{
  GtkWidget *term = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->heading = add_label (GTK_WIDGET (self), "heading", "letter-heading");
  gtk_widget_set_visible (GTK_WIDGET (self->heading), FALSE);
  gtk_widget_add_css_class (term, "term");
  gtk_widget_set_parent (term, GTK_WIDGET (self));
  self->title = add_label (term, NULL, NULL);
  gtk_label_set_single_line_mode (self->title, TRUE);
  /* Two lines of context say more than one; longer snippets end in an ellipsis. */
  self->snippet = add_label (term, "dim-label", "caption");
  gtk_label_set_wrap (self->snippet, TRUE);
  gtk_label_set_wrap_mode (self->snippet, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->snippet, 2);
  gtk_label_set_width_chars (self->snippet, 10);
  gtk_label_set_max_width_chars (self->snippet, 10);
}

GtkWidget *
sanasto_search_row_new (void)
{
  return g_object_new (SANASTO_TYPE_SEARCH_ROW, NULL);
}

void
sanasto_search_row_set_hit (SanastoSearchRow *self,
                            SanastoSearchHit *hit,
                            const char       *heading)
{
  g_autofree char *markup = NULL;
  SanastoEntry *entry;

  g_return_if_fail (SANASTO_IS_SEARCH_ROW (self));
  g_return_if_fail (SANASTO_IS_SEARCH_HIT (hit));

  gtk_label_set_label (self->heading, heading ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading), heading != NULL);

  entry = sanasto_search_hit_get_entry (hit);
  gtk_label_set_label (self->title, sanasto_entry_get_title (entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sanasto_entry_get_title (entry), -1);

  /* The markup is escaped text with <b> marks; should a snippet ever be cut inside a mark,
   * plain text is better than an empty label. */
  markup = sanasto_search_hit_get_snippet_markup (hit);
  /* The snippet may span lines of the article; the row shows it as one run of text. */
  g_strdelimit (markup, "\n\r\t", ' ');
  if (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
    {
      gtk_label_set_markup (self->snippet, markup);
    }
  else
    {
      g_autofree char *text = sanasto_search_hit_get_snippet_text (hit, "", "");

      g_strdelimit (text, "\n\r\t", ' ');
      gtk_label_set_text (self->snippet, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), *markup != '\0');
}

char *
sanasto_search_row_get_text (SanastoSearchRow *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_ROW (self), NULL);

  return g_strdup_printf ("%s\n%s", gtk_label_get_text (self->title),
                          gtk_label_get_text (self->snippet));
}
