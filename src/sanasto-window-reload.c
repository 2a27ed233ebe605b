/* sanasto-window-reload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live reload: see sanasto-window-reload-private.h.
 */

#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "sanasto-index.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"
#include "sanasto-window-reload-private.h"

/* Long enough to gather a `git checkout` into one reload, short enough to feel live. */
#define RELOAD_DELAY_MS 300
/* A steady stream of changes still reloads now and then. */
#define RELOAD_MAX_WAIT_US (1500 * G_TIME_SPAN_MILLISECOND)
/* inotify watches are a per-user resource: a huge tree gets no more than this. */
#define MAX_MONITORS 4096
/* Past this many changed paths, any page counts as changed. */
#define MAX_CHANGED 10000
/* As deep as the glossary loader goes. */
#define MAX_DEPTH 64

struct _SanastoWindowReload
{
  GHashTable   *monitors;      /* folder path -> GFileMonitor */
  char         *root;
  GCancellable *cancellable;
  GHashTable   *changed;       /* paths changed since the last reload started */
  GHashTable   *reloading;     /* paths changed before the running reload started */
  guint         timeout;
  gint64        first_change;  /* monotonic time of the first change not reloaded yet */
  gboolean      running;
  gboolean      again;         /* changes came while a reload ran */
  guint         n_started;
  guint         n_done;
  guint         n_finding;     /* folder searches running (watch_tree()) */
};

static void watch_tree (SanastoWindow *self, GFile *folder);
static void schedule (SanastoWindow *self);

static gboolean
is_hidden (GFile *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return name != NULL && name[0] == '.';
}

static void
note_changed (SanastoWindowReload *r,
              GFile               *file)
{
  char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL && g_hash_table_size (r->changed) < MAX_CHANGED)
    g_hash_table_add (r->changed, path);
  else
    g_free (path);
}

/* Whether the file of entry, or a folder holding it, changed before this reload. */
static gboolean
page_changed (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;
  SanastoEntry *shown = sanasto_article_view_get_entry (self->article_view);
  g_autofree char *path = NULL;
  char *slash;

  if (shown == NULL || g_hash_table_size (r->reloading) >= MAX_CHANGED)
    return TRUE;
  path = g_build_filename (r->root, sanasto_entry_get_path (shown), NULL);
  while (g_hash_table_contains (r->reloading, path) == FALSE)
    {
      slash = strrchr (path, '/');
      if (slash == NULL || slash - path <= (ptrdiff_t) strlen (r->root))
        return FALSE;
      *slash = '\0';
    }
  return TRUE;
}

/* Whether the entry on the page reads differently in glossary (or is gone from it): after the
 * check of a glossary from the index, which knows no paths that changed, only what it found. */
static gboolean
page_differs (SanastoWindow   *self,
              SanastoGlossary *glossary)
{
  SanastoEntry *shown = sanasto_article_view_get_entry (self->article_view);
  SanastoEntry *now;

  if (shown == NULL)
    return FALSE;
  now = sanasto_glossary_lookup (glossary, sanasto_entry_get_language (shown),
                                 sanasto_entry_get_slug (shown));
  return now == NULL || !sanasto_entry_equal (shown, now);
}

static void
changed_cb (SanastoWindow     *self,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
      break;
    default:
      return;
    }

  /* Editors' swap and backup files, and .git, are no articles. */
  if (is_hidden (file) && (other == NULL || is_hidden (other)))
    return;

  note_changed (self->reload, file);
  note_changed (self->reload, other);

  /* inotify is not recursive: a new folder needs its own monitor. */
  if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    {
      GFile *added = event == G_FILE_MONITOR_EVENT_RENAMED ? other : file;

      if (added != NULL &&
          g_file_query_file_type (added, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) ==
          G_FILE_TYPE_DIRECTORY)
        watch_tree (self, added);
    }

  schedule (self);
}

static void
watch_folder (SanastoWindow *self,
              GFile         *folder)
{
  SanastoWindowReload *r = self->reload;
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || g_hash_table_contains (r->monitors, path) ||
      g_hash_table_size (r->monitors) >= MAX_MONITORS)
    return;
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (r->monitors, g_steal_pointer (&path), g_steal_pointer (&monitor));
}

/* The folders at and below path, hidden ones left out, symbolic links not followed. */
static void
find_folders (const char *path,
              GPtrArray  *folders,
              guint       depth)
{
  DIR *dir;
  struct dirent *d;

  if (folders->len >= MAX_MONITORS || depth > MAX_DEPTH || (dir = opendir (path)) == NULL)
    return;
  g_ptr_array_add (folders, g_strdup (path));
  while ((d = readdir (dir)) != NULL && folders->len < MAX_MONITORS)
    {
      struct stat st;
      gboolean is_dir;

      if (d->d_name[0] == '.')
        continue;
      /* Most file systems say what an entry is: no stat() for each of 100,000 articles. */
      is_dir = d->d_type == DT_DIR ||
               (d->d_type == DT_UNKNOWN &&
                fstatat (dirfd (dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISDIR (st.st_mode));
      if (is_dir)
        {
          g_autofree char *child = g_build_filename (path, d->d_name, NULL);

          find_folders (child, folders, depth + 1);
        }
    }
  closedir (dir);
}

static void
find_folders_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);

  find_folders (task_data, folders, 0);
  g_task_return_pointer (task, folders, (GDestroyNotify) g_ptr_array_unref);
}

static void
folders_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SanastoWindow *self = SANASTO_WINDOW (object);
  g_autoptr(GPtrArray) folders = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->reload == NULL || g_task_get_cancellable (G_TASK (result)) != self->reload->cancellable)
    return;
  self->reload->n_finding--;
  for (guint i = 0; folders != NULL && i < folders->len; i++)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (g_ptr_array_index (folders, i));

      watch_folder (self, folder);
    }
  g_debug ("Watching %u folders", g_hash_table_size (self->reload->monitors));
}

/* Watches folder and every folder below it. The folders are looked for in a worker thread: a
 * folder of 100,000 articles took 200-400 ms to list. */
static void
watch_tree (SanastoWindow *self,
            GFile         *folder)
{
  g_autoptr(GTask) task = NULL;
  char *path = g_file_get_path (folder);

  if (path == NULL)
    return;
  self->reload->n_finding++;
  task = g_task_new (self, self->reload->cancellable, folders_found_cb, NULL);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, find_folders_thread);
}

/* Reloading */

static void
reload_finished (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;

  r->running = FALSE;
  r->n_done++;
  if (r->again)
    {
      r->again = FALSE;
      schedule (self);
    }
}

/* What a reload hands its worker thread. */
typedef struct
{
  SanastoGlossary *glossary;  /* loaded */
  SanastoGlossary *shown;     /* when verifying: the glossary from the index, shown now */
} ReloadData;

static void
reload_data_free (gpointer data)
{
  ReloadData *d = data;

  g_clear_object (&d->glossary);
  g_clear_object (&d->shown);
  g_free (d);
}

static void
build_matcher_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ReloadData *d = task_data;

  g_task_return_pointer (task, _sanasto_window_build_matcher (source_object, d->glossary),
                         g_object_unref);
}

/* Reads the folder of the glossary from the index again, taking what did not change from it;
 * returns the new term matcher, or NULL when nothing changed. */
static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReloadData *d = task_data;
  GError *error = NULL;

  d->glossary = sanasto_glossary_load_again (d->shown, cancellable, &error);
  if (d->glossary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (sanasto_glossary_same_entries (d->shown, d->glossary))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, _sanasto_window_build_matcher (source_object, d->glossary),
                         g_object_unref);
}

static void
matcher_built_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SanastoWindow *self = SANASTO_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoTermMatcher) matcher = g_task_propagate_pointer (G_TASK (result), &error);
  ReloadData *d = g_task_get_task_data (G_TASK (result));
  gboolean verifying = d->shown != NULL;

  if (self->reload == NULL || g_task_get_cancellable (G_TASK (result)) != self->reload->cancellable)
    return;
  if (error != NULL)
    g_debug ("Could not check the glossary against its folder: %s", error->message);
  if (matcher != NULL && !self->loading)
    _sanasto_window_replace_glossary (self, d->glossary, matcher,
                                      verifying ? page_differs (self, d->glossary)
                                                : page_changed (self));
  if (verifying && !self->loading)
    {
      /* The index knows no file that could not be read: only the folder tells. */
      if (d->glossary != NULL)
        _sanasto_window_report_problems (self, d->glossary);
      _sanasto_window_check_done (self);
    }
  reload_finished (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SanastoWindow) self = _sanasto_window_weak_ref_steal (user_data);
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ReloadData *d;

  glossary = sanasto_index_load_glossary_finish (result, &error);
  if (self == NULL || self->reload == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (glossary == NULL)
    {
      /* The folder itself went away or became unreadable: keep what is shown. */
      g_debug ("Could not reload the glossary: %s", error->message);
      reload_finished (self);
      return;
    }

  d = g_new0 (ReloadData, 1);
  d->glossary = g_steal_pointer (&glossary);
  task = g_task_new (self, self->reload->cancellable, matcher_built_cb, NULL);
  g_task_set_task_data (task, d, reload_data_free);
  g_task_run_in_thread (task, build_matcher_thread);
}

/* The term list came from the index without a look at the folder: see what changed while the
 * glossary was closed. Counts as a reload. */
static void
verify (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;
  g_autoptr(GTask) task = NULL;
  ReloadData *d = g_new0 (ReloadData, 1);

  g_debug ("Checking %s against the index", r->root);
  r->running = TRUE;
  r->n_started++;
  d->shown = g_object_ref (self->glossary);
  task = g_task_new (self, r->cancellable, matcher_built_cb, NULL);
  g_task_set_task_data (task, d, reload_data_free);
  g_task_run_in_thread (task, verify_thread);
}

static gboolean
steal_into_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  g_hash_table_add (user_data, key);
  return TRUE;
}

static gboolean
reload_cb (gpointer user_data)
{
  SanastoWindow *self = user_data;
  SanastoWindowReload *r = self->reload;

  r->timeout = 0;
  r->first_change = 0;
  if (r->running)
    {
      r->again = TRUE;
      return G_SOURCE_REMOVE;
    }
  /* A folder being opened replaces the glossary anyway. */
  if (self->loading || r->root == NULL)
    return G_SOURCE_REMOVE;

  g_hash_table_remove_all (r->reloading);
  g_hash_table_foreach_steal (r->changed, steal_into_cb, r->reloading);
  g_debug ("Reloading %s", r->root);
  r->running = TRUE;
  r->n_started++;
  sanasto_index_load_glossary_async (r->root, SANASTO_INDEX_LOAD_DEFAULT, r->cancellable,
                                     loaded_cb, _sanasto_window_weak_ref_new (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;
  gint64 now = g_get_monotonic_time ();

  if (r->first_change == 0)
    r->first_change = now;
  else if (now - r->first_change > RELOAD_MAX_WAIT_US)
    return;  /* the pending timeout fires soon */
  g_clear_handle_id (&r->timeout, g_source_remove);
  r->timeout = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

/* Hooks */

void
_sanasto_window_reload_init (SanastoWindow *self)
{
  SanastoWindowReload *r = g_new0 (SanastoWindowReload, 1);

  r->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  r->cancellable = g_cancellable_new ();
  r->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->reloading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reload = r;
}

static void
stop (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;
  GHashTableIter iter;
  gpointer monitor;

  g_clear_handle_id (&r->timeout, g_source_remove);
  r->first_change = 0;
  r->running = FALSE;
  r->again = FALSE;
  r->n_finding = 0;
  g_cancellable_cancel (r->cancellable);
  g_clear_object (&r->cancellable);
  r->cancellable = g_cancellable_new ();

  g_hash_table_iter_init (&iter, r->monitors);
  while (g_hash_table_iter_next (&iter, NULL, &monitor))
    {
      g_signal_handlers_disconnect_by_data (monitor, self);
      g_file_monitor_cancel (monitor);
    }
  g_hash_table_remove_all (r->monitors);
  g_hash_table_remove_all (r->changed);
  g_hash_table_remove_all (r->reloading);
  g_clear_pointer (&r->root, g_free);
}

void
_sanasto_window_reload_dispose (SanastoWindow *self)
{
  SanastoWindowReload *r = self->reload;

  if (r == NULL)
    return;
  stop (self);
  self->reload = NULL;
  g_cancellable_cancel (r->cancellable);
  g_clear_object (&r->cancellable);
  g_clear_pointer (&r->monitors, g_hash_table_unref);
  g_clear_pointer (&r->changed, g_hash_table_unref);
  g_clear_pointer (&r->reloading, g_hash_table_unref);
  g_free (r);
}

void
_sanasto_window_reload_watch (SanastoWindow   *self,
                              SanastoGlossary *glossary)
{
  g_autoptr(GFile) root = NULL;

  if (self->reload == NULL)
    return;
  stop (self);
  self->reload->root = g_strdup (sanasto_glossary_get_root (glossary));
  root = g_file_new_for_path (self->reload->root);
  watch_tree (self, root);

  if (sanasto_glossary_is_from_index (glossary))
    verify (self);
}

guint
_sanasto_window_get_reload_count (SanastoWindow *self)
{
  return self->reload->n_started;
}

guint
_sanasto_window_get_reloads_done (SanastoWindow *self)
{
  return self->reload->n_done;
}

gboolean
_sanasto_window_is_reloading (SanastoWindow *self)
{
  return self->reload->timeout != 0 || self->reload->running || self->reload->n_finding > 0;
}
