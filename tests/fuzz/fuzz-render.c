/* fuzz-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: one article body rendered into the page the reader shows, in an entry
 * of a small fixed glossary. The page must be valid UTF-8 and carry no active content.
 */

#include <string.h>

#include "fuzz-glossary.h"
#include "sanasto-markdown.h"
#include "sanasto-renderer-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_glossary_get ();
  return 0;
}

static void
assert_page_safe (const char *page)
{
  char *lower = g_ascii_strdown (page, -1);

  g_assert (g_utf8_validate (page, -1, NULL));
  g_assert (strstr (lower, "<script") == NULL);
  g_assert (strstr (lower, "<iframe") == NULL);
  g_assert (strstr (lower, "<object") == NULL);
  g_assert (strstr (lower, "<embed") == NULL);
  g_assert (strstr (lower, "href=\"javascript:") == NULL);
  g_assert (strstr (lower, "src=\"javascript:") == NULL);
  g_assert (strstr (lower, "src=\"http") == NULL);
  /* An attribute that starts an event handler: tags are ours, text is escaped. */
  for (const char *p = strchr (lower, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *end = strchr (p, '>');
      char quote = 0;

      g_assert (end != NULL);
      for (const char *c = p + 1; c < end; c++)
        {
          if (quote != 0)
            quote = *c == quote ? 0 : quote;
          else if (*c == '"' || *c == '\'')
            quote = *c;
          else if (g_ascii_isspace (*c) && c[1] == 'o' && c[2] == 'n' && g_ascii_isalpha (c[3]))
            {
              const char *name = c + 3;

              while (g_ascii_isalpha (*name))
                name++;
              g_assert (*name != '=');
            }
        }
    }
  g_free (lower);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  SanastoGlossary *glossary = fuzz_glossary_get ();
  GListModel *model = G_LIST_MODEL (glossary);
  guint n = g_list_model_get_n_items (model);
  SanastoEntry *entry;
  cmark_node *document;
  GPtrArray *links;
  char *body, *page, *text;
  gsize length;

  if (size == 0)
    return 0;
  entry = g_list_model_get_item (model, data[0] % n);

  /* What read_body() hands over: valid UTF-8, no NUL. */
  body = g_utf8_make_valid ((const char *) data + 1, size - 1);
  length = strlen (body);

  page = _sanasto_renderer_render_markdown (glossary, entry, body, length);
  assert_page_safe (page);
  g_free (page);

  /* What --check, the index and the loader take from the same body. */
  document = sanasto_markdown_parse (body, length);
  links = sanasto_markdown_collect_links (document);
  for (guint i = 0; i < links->len; i++)
    g_assert (g_utf8_validate (((SanastoLinkRef *) links->pdata[i])->target, -1, NULL));
  g_ptr_array_unref (links);
  text = sanasto_markdown_plain_text (document);
  g_assert (g_utf8_validate (text, -1, NULL));
  g_free (text);
  text = sanasto_markdown_first_paragraph (document, 160);
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
  g_free (text);
  text = sanasto_markdown_first_heading (document);
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
  g_free (text);
  cmark_node_free (document);

  g_free (body);
  g_object_unref (entry);
  return 0;
}
