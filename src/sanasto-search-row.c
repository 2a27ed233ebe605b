/* sanasto-search-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-search-row.h"
#include "sanasto-term-row-private.h"

struct _SanastoSearchRow
{
  GtkWidget  parent_instance;

  GtkLabel  *heading;
  GtkLabel  *title;
  GtkLabel  *snippet;
};

G_DEFINE_FINAL_TYPE (SanastoSearchRow, sanasto_search_row, GTK_TYPE_WIDGET)

static void
sanasto_search_row_class_init (SanastoSearchRowClass *klass)
{
  /* The term list's row styles apply to both kinds of row. */
  _sanasto_term_row_class_setup (GTK_WIDGET_CLASS (klass));
}

static void
sanasto_search_row_init (SanastoSearchRow *self)
{
  _sanasto_term_row_add_labels (GTK_WIDGET (self), &self->heading, &self->title, &self->snippet);
  /* Two lines of context say more than one; longer snippets end in an ellipsis. */
  gtk_label_set_single_line_mode (self->snippet, FALSE);
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

  entry = sanasto_search_hit_get_entry (hit);
  _sanasto_term_row_show_title (GTK_WIDGET (self), self->heading, heading, self->title,
                                sanasto_entry_get_title (entry));

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
