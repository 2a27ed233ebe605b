/* fuzz-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: a link target as written in an article, resolved from each entry of a
 * small fixed glossary, and the "did you mean" suggestion for it.
 */

#include <string.h>

#include "fuzz-glossary.h"
#include "sanasto-link-resolver.h"
#include "sanasto-renderer.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_glossary_get ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  SanastoGlossary *glossary = fuzz_glossary_get ();
  GListModel *model = G_LIST_MODEL (glossary);
  guint n = g_list_model_get_n_items (model);
  char *target;
  guint which;

  if (size == 0)
    return 0;
  /* The first byte picks the article the link is in; the rest is the target, as cmark gives
   * it (no NUL; the body was made valid UTF-8 when read). */
  which = data[0] % (n + 1);
  target = g_utf8_make_valid ((const char *) data + 1, size - 1);
  target[strcspn (target, "\n")] = '\0';

  {
    SanastoEntry *from = which < n ? g_list_model_get_item (model, which) : NULL;
    SanastoLink link = { 0 };
    SanastoEntry *suggestion;

    sanasto_link_resolver_resolve (glossary, from, target, &link);
    switch (link.kind)
      {
      case SANASTO_LINK_INTERNAL:
        g_assert (SANASTO_IS_ENTRY (link.entry));
        {
          /* The page address of the target parses back to the same entry. */
          char *uri = sanasto_renderer_entry_uri (link.entry, link.fragment);
          char *language = NULL, *slug = NULL, *fragment = NULL;

          g_assert (sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment));
          g_assert (strcmp (slug, sanasto_entry_get_slug (link.entry)) == 0);
          g_free (language);
          g_free (slug);
          g_free (fragment);
          g_free (uri);
        }
        break;
      case SANASTO_LINK_FILE:
        /* Never a path out of the folder. */
        g_assert (link.file_path != NULL);
        g_assert (link.file_path[0] != '/');
        g_assert (strcmp (link.file_path, "..") != 0);
        g_assert (!g_str_has_prefix (link.file_path, "../"));
        g_assert (strstr (link.file_path, "/../") == NULL);
        g_assert (!g_str_has_suffix (link.file_path, "/.."));
        break;
      default:
        break;
      }
    sanasto_link_clear (&link);

    suggestion = sanasto_link_resolver_suggest (glossary, from, target);
    g_assert (suggestion == NULL || SANASTO_IS_ENTRY (suggestion));
    g_clear_object (&from);
  }

  /* And as a sanasto://entry/ address typed or clicked. */
  {
    char *uri = g_strconcat ("sanasto://entry/", target, NULL);
    char *language = NULL, *slug = NULL, *fragment = NULL;

    if (sanasto_renderer_parse_entry_uri (uri, &language, &slug, &fragment))
      sanasto_glossary_lookup (glossary, language ? language : "", slug ? slug : "");
    g_free (language);
    g_free (slug);
    g_free (fragment);
    g_free (uri);
  }

  g_free (target);
  return 0;
}
