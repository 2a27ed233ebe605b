/* sanasto-list-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "sanasto-list-popover.h"

struct _SanastoListPopover
{
  GtkPopover  parent_instance;

  GtkWidget  *box;
  GtkWidget  *title_label;
  GtkWidget  *subtitle_label;
  GtkWidget  *stack;
  GtkWidget  *list;
  GtkWidget  *empty_label;
  GtkWidget  *footer;
  guint       n_items;
};

G_DEFINE_FINAL_TYPE (SanastoListPopover, sanasto_list_popover, GTK_TYPE_POPOVER)

enum {
  ITEM_ACTIVATED,
  ITEM_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define INDEX_KEY "sanasto-list-popover-index"

static void
row_activated_cb (SanastoListPopover *self,
                  GtkListBoxRow      *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), INDEX_KEY));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  SanastoListPopover *self = SANASTO_LIST_POPOVER (user_data);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), INDEX_KEY));

  g_signal_emit (self, signals[ITEM_REMOVED], 0, index);
}

static void
sanasto_list_popover_class_init (SanastoListPopoverClass *klass)
{
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[ITEM_REMOVED] = g_signal_new ("item-removed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sanasto_list_popover_init (SanastoListPopover *self)
{
  GtkWidget *scrolled;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (self->box, 300, -1);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_widget_set_margin_start (self->title_label, 6);
  gtk_widget_set_margin_top (self->title_label, 6);
  gtk_box_append (GTK_BOX (self->box), self->title_label);

  self->subtitle_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_widget_set_margin_start (self->subtitle_label, 6);
  gtk_widget_set_visible (self->subtitle_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->subtitle_label);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);

  self->empty_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty_label), 36);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 18);
  gtk_widget_set_margin_bottom (self->empty_label, 18);

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty_label, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  gtk_popover_set_child (GTK_POPOVER (self), self->box);
}

GtkWidget *
sanasto_list_popover_new (const char *title,
                          const char *empty_text)
{
  SanastoListPopover *self = g_object_new (SANASTO_TYPE_LIST_POPOVER, NULL);

  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->empty_label), empty_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return GTK_WIDGET (self);
}

void
sanasto_list_popover_clear (SanastoListPopover *self)
{
  GtkWidget *child;

  g_return_if_fail (SANASTO_IS_LIST_POPOVER (self));

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->n_items = 0;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

guint
sanasto_list_popover_append (SanastoListPopover *self,
                             const char         *text,
                             const char         *subtitle,
                             guint               indent,
                             const char         *remove_label)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *label;
  guint index;

  g_return_val_if_fail (SANASTO_IS_LIST_POPOVER (self), G_MAXUINT);
  g_return_val_if_fail (text != NULL, G_MAXUINT);

  index = self->n_items++;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12 * (int) MIN (indent, 5));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (labels), sub);
    }
  gtk_box_append (GTK_BOX (box), labels);

  if (remove_label != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_object_set_data (G_OBJECT (button), INDEX_KEY, GUINT_TO_POINTER (index));
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Screen readers name the row by its text, not by its children's sum. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data (G_OBJECT (row), INDEX_KEY, GUINT_TO_POINTER (index));
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");

  return index;
}

guint
sanasto_list_popover_get_n_items (SanastoListPopover *self)
{
  g_return_val_if_fail (SANASTO_IS_LIST_POPOVER (self), 0);

  return self->n_items;
}

void
sanasto_list_popover_set_subtitle (SanastoListPopover *self,
                                   const char         *subtitle)
{
  g_return_if_fail (SANASTO_IS_LIST_POPOVER (self));

  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->subtitle_label, subtitle != NULL && *subtitle != '\0');
}

void
sanasto_list_popover_set_footer (SanastoListPopover *self,
                                 GtkWidget          *footer)
{
  g_return_if_fail (SANASTO_IS_LIST_POPOVER (self));

  if (self->footer != NULL)
    gtk_box_remove (GTK_BOX (self->box), self->footer);
  self->footer = footer;
  if (footer != NULL)
    gtk_box_append (GTK_BOX (self->box), footer);
}

GtkListBox *
sanasto_list_popover_get_list (SanastoListPopover *self)
{
  g_return_val_if_fail (SANASTO_IS_LIST_POPOVER (self), NULL);

  return GTK_LIST_BOX (self->list);
}
