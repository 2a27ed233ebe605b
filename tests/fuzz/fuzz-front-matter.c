/* fuzz-front-matter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: raw bytes as the start of an article, through what the loader does with
 * them (BOM, locate the fences, make the text valid UTF-8, parse the YAML leniently) and
 * every accessor.
 */

#include <string.h>

#include "sanasto-front-matter.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
use_front_matter (const char *yaml,
                  gsize       length)
{
  static const char * const keys[] = { "title", "Title", "description", "keywords", "tags",
                                       "aliases", "slug", "draft", "a", "" };
  gboolean valid = TRUE;
  SanastoFrontMatter *fm = sanasto_front_matter_parse (yaml, length, &valid);

  g_assert (fm != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = sanasto_front_matter_get_string (fm, keys[i]);
      char **list = sanasto_front_matter_get_list (fm, keys[i]);
      char **comma = sanasto_front_matter_get_comma_list (fm, keys[i]);

      /* What comes out is shown to the user: it must be text. */
      if (value != NULL)
        g_assert (g_utf8_validate (value, -1, NULL));
      for (guint j = 0; list != NULL && list[j] != NULL; j++)
        g_assert (g_utf8_validate (list[j], -1, NULL));
      for (guint j = 0; comma != NULL && comma[j] != NULL; j++)
        g_assert (g_utf8_validate (comma[j], -1, NULL));
      g_strfreev (list);
      g_strfreev (comma);
      sanasto_front_matter_get_boolean (fm, keys[i], FALSE);
    }
  sanasto_front_matter_get_n_keys (fm);
  sanasto_front_matter_free (fm);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;
  char *valid = NULL;
  gsize yaml_start = 0, yaml_end = 0, body_start = 0;
  SanastoFrontMatterKind kind;

  if (size >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, size -= 3;

  /* The loader hands the parser valid UTF-8 only. */
  valid = g_utf8_make_valid (text, size);
  size = strlen (valid);

  kind = sanasto_front_matter_locate (valid, size, &yaml_start, &yaml_end, &body_start);
  if (kind == SANASTO_FRONT_MATTER_CLOSED)
    {
      g_assert (yaml_start <= yaml_end && yaml_end <= size && body_start <= size);
      sanasto_front_matter_is_plausible (valid + yaml_start, yaml_end - yaml_start);
      use_front_matter (valid + yaml_start, yaml_end - yaml_start);
    }
  else
    g_assert (body_start == 0);

  /* And the whole input as YAML, as a lenient reader of anything. */
  use_front_matter (valid, size);

  g_free (valid);
  return 0;
}
