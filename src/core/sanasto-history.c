/* sanasto-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sanasto-history.h"
#include "sanasto-store-private.h"

#define KIND "history"
#define SESSION_GROUP "Session"

struct _SanastoHistory
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *refs;  /* SanastoEntryRef, oldest first */

  char      *session_root;
  char      *session_language;
  char      *session_slug;
  double     session_scroll_y;

  /* Saves are numbered; a save that finds a newer one written already skips its write, so
   * a background save never puts back an older file. */
  guint64    generation;     /* main thread only */
  GMutex     write_lock;
  guint64    written;        /* under write_lock */
};

typedef struct
{
  char    *data;
  gsize    length;
  guint64  generation;
} PendingSave;

G_DEFINE_FINAL_TYPE (SanastoHistory, sanasto_history, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GKeyFile *build_key_file (SanastoHistory *self);

static void
pending_save_free (gpointer data)
{
  PendingSave *save = data;

  g_free (save->data);
  g_free (save);
}

static gboolean
write_generation (SanastoHistory  *self,
                  const char      *data,
                  gsize            length,
                  guint64          generation,
                  GError         **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->write_lock);
  if (generation > self->written)
    {
      ok = _sanasto_store_save_data (self->path, data, length, error);
      if (ok)
        self->written = generation;
    }
  g_mutex_unlock (&self->write_lock);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SanastoHistory *self = source_object;
  PendingSave *save = task_data;
  GError *error = NULL;

  if (!write_generation (self, save->data, save->length, save->generation, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("Could not save the reading history: %s", error->message);
}

/* Each page read changes the history: its write (an fsync) goes to a worker thread, not
 * the reader's clicks. */
static void
save_soon (SanastoHistory *self)
{
  g_autoptr(GKeyFile) key_file = build_key_file (self);
  g_autoptr(GTask) task = g_task_new (self, NULL, save_done_cb, NULL);
  PendingSave *save = g_new0 (PendingSave, 1);

  save->data = g_key_file_to_data (key_file, &save->length, NULL);
  save->generation = ++self->generation;
  g_task_set_task_data (task, save, pending_save_free);
  g_task_run_in_thread (task, save_thread);
}

static void
save_or_report (SanastoHistory *self)
{
  g_autoptr(GError) error = NULL;

  if (!sanasto_history_save (self, &error))
    g_message ("Could not save the reading history: %s", error->message);
}

static void
clear_session (SanastoHistory *self)
{
  g_clear_pointer (&self->session_root, g_free);
  g_clear_pointer (&self->session_language, g_free);
  g_clear_pointer (&self->session_slug, g_free);
  self->session_scroll_y = 0;
}

/* A damaged session only loses the session: the history list was checked on its own. */
static void
read_session (SanastoHistory *self,
              GKeyFile       *key_file)
{
  g_autofree char *uri = g_key_file_get_string (key_file, SESSION_GROUP, "root", NULL);
  g_autofree char *root = uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  double scroll_y;

  if (root == NULL)
    return;

  scroll_y = g_key_file_get_double (key_file, SESSION_GROUP, "scroll-y", &error);
  if (error != NULL || !isfinite (scroll_y) || scroll_y < 0)
    scroll_y = 0;

  self->session_root = g_steal_pointer (&root);
  self->session_language = g_key_file_get_string (key_file, SESSION_GROUP, "language", NULL);
  self->session_slug = g_key_file_get_string (key_file, SESSION_GROUP, "slug", NULL);
  if (self->session_slug != NULL && *self->session_slug == '\0')
    g_clear_pointer (&self->session_slug, g_free);
  if (self->session_language == NULL)
    self->session_language = g_strdup ("");
  self->session_scroll_y = scroll_y;
}

static void
sanasto_history_finalize (GObject *object)
{
  SanastoHistory *self = SANASTO_HISTORY (object);

  g_free (self->path);
  g_ptr_array_unref (self->refs);
  clear_session (self);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (sanasto_history_parent_class)->finalize (object);
}

static void
sanasto_history_class_init (SanastoHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sanasto_history_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sanasto_history_init (SanastoHistory *self)
{
  self->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_entry_ref_free);
  g_mutex_init (&self->write_lock);
}

SanastoHistory *
sanasto_history_new (const char *path)
{
  SanastoHistory *self = g_object_new (SANASTO_TYPE_HISTORY, NULL);
  g_autoptr(GKeyFile) key_file = NULL;

  self->path = path != NULL ? g_strdup (path) : _sanasto_store_default_path ("history.ini");
  key_file = _sanasto_store_load (self->path, KIND, self->refs);
  read_session (self, key_file);

  return self;
}

const char *
sanasto_history_get_path (SanastoHistory *self)
{
  g_return_val_if_fail (SANASTO_IS_HISTORY (self), NULL);

  return self->path;
}

void
sanasto_history_add (SanastoHistory *self,
                     const char     *root,
                     const char     *language,
                     const char     *slug,
                     const char     *title)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint kept = 0;

  g_return_if_fail (SANASTO_IS_HISTORY (self));
  g_return_if_fail (root != NULL);
  g_return_if_fail (slug != NULL && *slug != '\0');

  /* The newest item of this glossary: the same entry again is no new item. */
  for (guint i = self->refs->len; i > 0; i--)
    {
      SanastoEntryRef *ref = g_ptr_array_index (self->refs, i - 1);

      if (g_strcmp0 (ref->root, root) != 0)
        continue;

      if (sanasto_entry_ref_matches (ref, root, language, slug))
        {
          SanastoEntryRef *updated = sanasto_entry_ref_new (root, language, slug, title, now);

          g_ptr_array_remove_index (self->refs, i - 1);
          g_ptr_array_add (self->refs, updated);
          save_soon (self);
          g_signal_emit (self, signals[CHANGED], 0);
          return;
        }
      break;
    }

  g_ptr_array_add (self->refs, sanasto_entry_ref_new (root, language, slug, title, now));

  /* Drop this glossary's oldest items beyond the limit, newest kept. */
  for (guint i = self->refs->len; i > 0; i--)
    {
      SanastoEntryRef *ref = g_ptr_array_index (self->refs, i - 1);

      if (g_strcmp0 (ref->root, root) != 0)
        continue;
      if (++kept > SANASTO_HISTORY_LIMIT)
        g_ptr_array_remove_index (self->refs, i - 1);
    }

  save_soon (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
sanasto_history_list (SanastoHistory *self,
                      const char     *root)
{
  g_return_val_if_fail (SANASTO_IS_HISTORY (self), NULL);

  return sanasto_entry_ref_list_newest_first (self->refs, root);
}

void
sanasto_history_clear (SanastoHistory *self,
                       const char     *root)
{
  g_return_if_fail (SANASTO_IS_HISTORY (self));

  for (guint i = self->refs->len; i > 0; i--)
    {
      const SanastoEntryRef *ref = g_ptr_array_index (self->refs, i - 1);

      if (root == NULL || g_strcmp0 (ref->root, root) == 0)
        g_ptr_array_remove_index (self->refs, i - 1);
    }

  if (root == NULL || g_strcmp0 (self->session_root, root) == 0)
    clear_session (self);

  save_soon (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
sanasto_history_set_session (SanastoHistory *self,
                             const char     *root,
                             const char     *language,
                             const char     *slug,
                             double          scroll_y)
{
  g_return_if_fail (SANASTO_IS_HISTORY (self));
  g_return_if_fail (root != NULL);

  clear_session (self);
  self->session_root = g_strdup (root);
  self->session_language = g_strdup (language != NULL ? language : "");
  self->session_slug = slug != NULL && *slug != '\0' ? g_strdup (slug) : NULL;
  self->session_scroll_y = isfinite (scroll_y) && scroll_y > 0 ? scroll_y : 0;

  save_or_report (self);
}

gboolean
sanasto_history_get_session (SanastoHistory  *self,
                             char           **root,
                             char           **language,
                             char           **slug,
                             double          *scroll_y)
{
  g_return_val_if_fail (SANASTO_IS_HISTORY (self), FALSE);

  if (self->session_root == NULL)
    return FALSE;

  if (root != NULL)
    *root = g_strdup (self->session_root);
  if (language != NULL)
    *language = g_strdup (self->session_language);
  if (slug != NULL)
    *slug = g_strdup (self->session_slug);
  if (scroll_y != NULL)
    *scroll_y = self->session_scroll_y;

  return TRUE;
}

static GKeyFile *
build_key_file (SanastoHistory *self)
{
  GKeyFile *key_file = _sanasto_store_build (KIND, self->refs);

  if (self->session_root != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (self->session_root, NULL, NULL);

      if (uri != NULL)
        {
          g_key_file_set_string (key_file, SESSION_GROUP, "root", uri);
          g_key_file_set_string (key_file, SESSION_GROUP, "language", self->session_language);
          g_key_file_set_string (key_file, SESSION_GROUP, "slug",
                                 self->session_slug != NULL ? self->session_slug : "");
          g_key_file_set_double (key_file, SESSION_GROUP, "scroll-y", self->session_scroll_y);
        }
    }

  return key_file;
}

gboolean
sanasto_history_save (SanastoHistory  *self,
                      GError         **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (SANASTO_IS_HISTORY (self), FALSE);

  key_file = build_key_file (self);
  data = g_key_file_to_data (key_file, &length, NULL);
  return write_generation (self, data, length, ++self->generation, error);
}
