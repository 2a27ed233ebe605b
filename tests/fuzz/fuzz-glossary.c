/* fuzz-glossary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "fuzz-glossary.h"

static const struct
{
  const char *path;
  const char *text;
} files[] = {
  { "content/en/http.md", "---\ntitle: HTTP\naliases: [Hypertext Transfer Protocol]\n---\nA protocol.\n" },
  { "content/en/cloud-computing.md", "---\ntitle: Cloud computing\n---\nSee [HTTP](/http).\n" },
  { "content/en/data-center.md", "---\ntitle: Data center\nslug: Glossary/Data_center\n---\nRooms.\n" },
  { "content/en/section/_index.md", "---\ntitle: Section\n---\n" },
  { "content/en/section/nested.md", "# Nested\n\nNested [up](../http.md#part).\n" },
  { "content/fi/http.md", "---\ntitle: HTTP-protokolla\n---\nProtokolla.\n" },
  { "content/fi/pilvipalvelu.md", "---\ntitle: Pilvipalvelu\n---\n[x](/en/cloud-computing/)\n" },
  { "content/pt-br/api.md", "---\ntitle: API\n---\nInterface.\n" },
  { "content/en/entry/index.md", "---\ntitle: Folder entry\n---\nBody.\n" },
  { "content/en/image.png", "not really a png" },
};

SanastoGlossary *
fuzz_glossary_get (void)
{
  static SanastoGlossary *glossary;
  GError *error = NULL;
  char *root;

  if (glossary != NULL)
    return glossary;

  root = g_dir_make_tmp ("sanasto-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      char *path = g_build_filename (root, files[i].path, NULL);
      char *dir = g_path_get_dirname (path);

      g_assert (g_mkdir_with_parents (dir, 0755) == 0);
      g_file_set_contents (path, files[i].text, -1, &error);
      g_assert_no_error (error);
      g_free (dir);
      g_free (path);
    }

  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (glossary)) >= 8);
  /* The folder stays for the run: render and check read bodies from it. */
  g_free (root);

  return glossary;
}
