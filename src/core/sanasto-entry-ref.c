/* sanasto-entry-ref.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sanasto-entry-ref.h"

G_DEFINE_BOXED_TYPE (SanastoEntryRef, sanasto_entry_ref,
                     sanasto_entry_ref_copy, sanasto_entry_ref_free)

SanastoEntryRef *
sanasto_entry_ref_new (const char *root,
                       const char *language,
                       const char *slug,
                       const char *title,
                       gint64      time)
{
  SanastoEntryRef *ref;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  ref = g_new0 (SanastoEntryRef, 1);
  ref->root = g_strdup (root);
  ref->language = g_strdup (language != NULL ? language : "");
  ref->slug = g_strdup (slug);
  ref->title = g_strdup (title != NULL && *title != '\0' ? title : slug);
  ref->time = time;

  return ref;
}

SanastoEntryRef *
sanasto_entry_ref_copy (const SanastoEntryRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return sanasto_entry_ref_new (ref->root, ref->language, ref->slug, ref->title, ref->time);
}

void
sanasto_entry_ref_free (SanastoEntryRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->root);
  g_free (ref->language);
  g_free (ref->slug);
  g_free (ref->title);
  g_free (ref);
}

gboolean
sanasto_entry_ref_matches (const SanastoEntryRef *ref,
                           const char            *root,
                           const char            *language,
                           const char            *slug)
{
  g_return_val_if_fail (ref != NULL, FALSE);

  return g_strcmp0 (ref->root, root) == 0 &&
         g_strcmp0 (ref->language, language != NULL ? language : "") == 0 &&
         g_strcmp0 (ref->slug, slug) == 0;
}

GPtrArray *
sanasto_entry_ref_list_newest_first (GPtrArray  *refs,
                                     const char *root)
{
  GPtrArray *list;

  g_return_val_if_fail (refs != NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_entry_ref_free);
  for (guint i = refs->len; i > 0; i--)
    {
      const SanastoEntryRef *ref = g_ptr_array_index (refs, i - 1);

      if (root == NULL || g_strcmp0 (ref->root, root) == 0)
        g_ptr_array_add (list, sanasto_entry_ref_copy (ref));
    }

  return list;
}
