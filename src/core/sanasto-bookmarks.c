/* sanasto-bookmarks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-bookmarks.h"
#include "sanasto-store-private.h"

#define KIND "bookmarks"

struct _SanastoBookmarks
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *refs;  /* SanastoEntryRef, oldest first */
};

G_DEFINE_FINAL_TYPE (SanastoBookmarks, sanasto_bookmarks, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
find (SanastoBookmarks *self,
      const char       *root,
      const char       *language,
      const char       *slug)
{
  for (guint i = 0; i < self->refs->len; i++)
    if (sanasto_entry_ref_matches (g_ptr_array_index (self->refs, i), root, language, slug))
      return (int) i;

  return -1;
}

/* g_ptr_array_sort() is stable: equal times keep their order. */
static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  const SanastoEntryRef *ref_a = *(SanastoEntryRef * const *) a;
  const SanastoEntryRef *ref_b = *(SanastoEntryRef * const *) b;

  return (ref_a->time > ref_b->time) - (ref_a->time < ref_b->time);
}

/* Changes are rare and small: saving each one at once loses nothing on a crash. */
static void
changed (SanastoBookmarks *self)
{
  g_autoptr(GError) error = NULL;

  if (!sanasto_bookmarks_save (self, &error))
    g_message ("Could not save bookmarks: %s", error->message);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sanasto_bookmarks_finalize (GObject *object)
{
  SanastoBookmarks *self = SANASTO_BOOKMARKS (object);

  g_free (self->path);
  g_ptr_array_unref (self->refs);

  G_OBJECT_CLASS (sanasto_bookmarks_parent_class)->finalize (object);
}

static void
sanasto_bookmarks_class_init (SanastoBookmarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sanasto_bookmarks_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sanasto_bookmarks_init (SanastoBookmarks *self)
{
  self->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_entry_ref_free);
}

SanastoBookmarks *
sanasto_bookmarks_new (const char *path)
{
  SanastoBookmarks *self = g_object_new (SANASTO_TYPE_BOOKMARKS, NULL);
  g_autoptr(GKeyFile) key_file = NULL;

  self->path = path != NULL ? g_strdup (path) : _sanasto_store_default_path ("bookmarks.ini");
  key_file = _sanasto_store_load (self->path, KIND, self->refs);

  return self;
}

const char *
sanasto_bookmarks_get_path (SanastoBookmarks *self)
{
  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), NULL);

  return self->path;
}

gboolean
sanasto_bookmarks_add (SanastoBookmarks *self,
                       const char       *root,
                       const char       *language,
                       const char       *slug,
                       const char       *title)
{
  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (slug != NULL && *slug != '\0', FALSE);

  if (find (self, root, language, slug) >= 0)
    return FALSE;

  g_ptr_array_add (self->refs,
                   sanasto_entry_ref_new (root, language, slug, title,
                                          g_get_real_time () / G_USEC_PER_SEC));
  changed (self);

  return TRUE;
}

gboolean
sanasto_bookmarks_remove (SanastoBookmarks *self,
                          const char       *root,
                          const char       *language,
                          const char       *slug)
{
  int i;

  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), FALSE);

  i = find (self, root, language, slug);
  if (i < 0)
    return FALSE;

  g_ptr_array_remove_index (self->refs, (guint) i);
  changed (self);

  return TRUE;
}

gboolean
sanasto_bookmarks_contains (SanastoBookmarks *self,
                            const char       *root,
                            const char       *language,
                            const char       *slug)
{
  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), FALSE);

  return find (self, root, language, slug) >= 0;
}

GPtrArray *
sanasto_bookmarks_list (SanastoBookmarks *self,
                        const char       *root)
{
  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), NULL);

  return sanasto_entry_ref_list_newest_first (self->refs, root);
}

gboolean
sanasto_bookmarks_save (SanastoBookmarks  *self,
                        GError           **error)
{
  g_autoptr(GKeyFile) key_file = NULL;

  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), FALSE);

  key_file = _sanasto_store_build (KIND, self->refs);
  return _sanasto_store_save (self->path, key_file, error);
}

gboolean
sanasto_bookmarks_export (SanastoBookmarks  *self,
                          const char        *path,
                          GError           **error)
{
  g_autoptr(GKeyFile) key_file = NULL;

  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  key_file = _sanasto_store_build (KIND, self->refs);
  return _sanasto_store_save (path, key_file, error);
}

int
sanasto_bookmarks_import (SanastoBookmarks  *self,
                          const char        *path,
                          GError           **error)
{
  g_autoptr(GPtrArray) imported = NULL;
  int added = 0;

  g_return_val_if_fail (SANASTO_IS_BOOKMARKS (self), -1);
  g_return_val_if_fail (path != NULL, -1);

  imported = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_entry_ref_free);
  if (!_sanasto_store_read_file (path, KIND, imported, error))
    return -1;

  for (guint i = 0; i < imported->len; i++)
    {
      SanastoEntryRef *ref = g_ptr_array_index (imported, i);

      if (find (self, ref->root, ref->language, ref->slug) >= 0)
        continue;
      g_ptr_array_add (self->refs, sanasto_entry_ref_copy (ref));
      added++;
    }

  if (added > 0)
    {
      /* Keep the list in the order the bookmarks were made, wherever they were made. */
      g_ptr_array_sort (self->refs, compare_time);
      changed (self);
    }

  return added;
}
