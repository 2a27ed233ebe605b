/* sanasto-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sanasto-store-private.h"

#define HEADER_GROUP "Sanasto"
#define FORMAT_VERSION 1

char *
_sanasto_store_default_path (const char *basename)
{
  return g_build_filename (g_get_user_data_dir (), "sanasto", basename, NULL);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

gboolean
_sanasto_store_parse (GKeyFile    *key_file,
                      const char  *kind,
                      GPtrArray   *refs,
                      GError     **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_entry_ref_free);
  g_autofree char *file_kind = NULL;
  gint64 count;

  if (!g_key_file_has_group (key_file, HEADER_GROUP))
    return invalid (error, "no [" HEADER_GROUP "] header");
  if (g_key_file_get_integer (key_file, HEADER_GROUP, "version", NULL) != FORMAT_VERSION)
    return invalid (error, "unknown format version");
  file_kind = g_key_file_get_string (key_file, HEADER_GROUP, "kind", NULL);
  if (g_strcmp0 (file_kind, kind) != 0)
    return invalid (error, "not a file of this kind");
  count = g_key_file_get_int64 (key_file, HEADER_GROUP, "count", NULL);
  if (count < 0 || count > 1000000)
    return invalid (error, "bad count");

  for (gint64 i = 0; i < count; i++)
    {
      g_autofree char *group = g_strdup_printf ("%" G_GINT64_FORMAT, i);
      g_autofree char *uri = g_key_file_get_string (key_file, group, "root", NULL);
      g_autofree char *language = g_key_file_get_string (key_file, group, "language", NULL);
      g_autofree char *slug = g_key_file_get_string (key_file, group, "slug", NULL);
      g_autofree char *title = g_key_file_get_string (key_file, group, "title", NULL);
      g_autofree char *root = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 time = g_key_file_get_int64 (key_file, group, "time", &local_error);

      /* Roots are stored as file URIs: paths need not be UTF-8, key files must be. */
      if (uri != NULL)
        root = g_filename_from_uri (uri, NULL, NULL);
      if (root == NULL || language == NULL || slug == NULL || *slug == '\0' ||
          title == NULL || local_error != NULL)
        return invalid (error, "an item is incomplete");

      g_ptr_array_add (parsed, sanasto_entry_ref_new (root, language, slug, title, time));
    }

  for (guint i = 0; i < parsed->len; i++)
    g_ptr_array_add (refs, g_steal_pointer (&parsed->pdata[i]));
  g_ptr_array_set_free_func (parsed, NULL);

  return TRUE;
}

static gboolean
read_key_file (const char  *path,
               const char  *kind,
               GPtrArray   *refs,
               GKeyFile   **key_file_out,
               GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (!g_utf8_validate_len (contents, length, NULL))
    return invalid (error, "not UTF-8 text");
  if (!g_key_file_load_from_data (key_file, contents, length, G_KEY_FILE_NONE, error))
    {
      /* Report every parse failure as damaged data, whatever GKeyFile calls it. */
      g_clear_error (error);
      return invalid (error, "not a key file");
    }
  if (!_sanasto_store_parse (key_file, kind, refs, error))
    return FALSE;

  if (key_file_out != NULL)
    *key_file_out = g_steal_pointer (&key_file);
  return TRUE;
}

/* Moves a damaged file out of the way under a name no other file has. */
static void
quarantine (const char *path,
            const char *reason)
{
  g_autofree char *target = g_strconcat (path, ".corrupt", NULL);

  for (int n = 2; g_file_test (target, G_FILE_TEST_EXISTS) && n < 1000; n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%d", path, n);
    }

  if (g_rename (path, target) == 0)
    g_message ("Ignoring damaged file “%s” (%s); kept it as “%s”", path, reason, target);
  else
    g_message ("Ignoring damaged file “%s” (%s); could not rename it: %s",
               path, reason, g_strerror (errno));
}

GKeyFile *
_sanasto_store_load (const char *path,
                     const char *kind,
                     GPtrArray  *refs)
{
  g_autoptr(GError) error = NULL;
  GKeyFile *key_file = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (refs != NULL, NULL);

  if (read_key_file (path, kind, refs, &key_file, &error))
    return key_file;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    ;  /* Nothing saved yet. */
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    quarantine (path, error->message);
  else
    g_message ("Could not read “%s”: %s", path, error->message);

  return g_key_file_new ();
}

gboolean
_sanasto_store_read_file (const char  *path,
                          const char  *kind,
                          GPtrArray   *refs,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (refs != NULL, FALSE);

  return read_key_file (path, kind, refs, NULL, error);
}

GKeyFile *
_sanasto_store_build (const char *kind,
                      GPtrArray  *refs)
{
  GKeyFile *key_file = g_key_file_new ();

  g_key_file_set_integer (key_file, HEADER_GROUP, "version", FORMAT_VERSION);
  g_key_file_set_string (key_file, HEADER_GROUP, "kind", kind);
  g_key_file_set_int64 (key_file, HEADER_GROUP, "count", refs->len);

  for (guint i = 0; i < refs->len; i++)
    {
      const SanastoEntryRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *group = g_strdup_printf ("%u", i);
      g_autofree char *uri = g_filename_to_uri (ref->root, NULL, NULL);

      g_key_file_set_string (key_file, group, "root", uri != NULL ? uri : "");
      g_key_file_set_string (key_file, group, "language", ref->language);
      g_key_file_set_string (key_file, group, "slug", ref->slug);
      g_key_file_set_string (key_file, group, "title", ref->title);
      g_key_file_set_int64 (key_file, group, "time", ref->time);
    }

  return key_file;
}

gboolean
_sanasto_store_save_data (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create “%s”: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

gboolean
_sanasto_store_save (const char  *path,
                     GKeyFile    *key_file,
                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  data = g_key_file_to_data (key_file, &length, NULL);
  return _sanasto_store_save_data (path, data, length, error);
}
