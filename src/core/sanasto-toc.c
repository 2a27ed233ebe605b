/* sanasto-toc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sanasto-markdown-private.h"
#include "sanasto-renderer-private.h"
#include "sanasto-toc.h"

void
sanasto_toc_item_free (SanastoTocItem *item)
{
  if (item == NULL)
    return;

  g_free (item->text);
  g_free (item->id);
  g_free (item);
}

GPtrArray *
sanasto_toc_collect_body (SanastoEntry *entry,
                          const char   *body,
                          gsize         length)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_toc_item_free);
  gboolean seen_heading = FALSE;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  /* The same parse and the same walk order as the renderer, so ids come out the same. */
  document = sanasto_markdown_parse (body, length);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      g_autofree char *text = NULL;
      SanastoTocItem *item;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      text = _sanasto_markdown_node_text (node);
      if (!_sanasto_renderer_heading_id (entry, ids, &seen_heading, text, id))
        continue;

      item = g_new0 (SanastoTocItem, 1);
      item->level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
      item->text = g_steal_pointer (&text);
      item->id = g_strdup (id->str);
      g_ptr_array_add (items, item);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);

  return items;
}

GPtrArray *
sanasto_toc_collect (SanastoGlossary  *glossary,
                     SanastoEntry     *entry,
                     GError          **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (glossary), NULL);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  body = sanasto_glossary_read_body (glossary, entry, error);
  if (body == NULL)
    return NULL;

  return sanasto_toc_collect_body (entry, body, strlen (body));
}
