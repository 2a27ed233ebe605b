/* test-toc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "glossary-fixture.h"
#include "sanasto-renderer.h"
#include "sanasto-toc.h"

static char *
describe (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      SanastoTocItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "%s%d:%s:%s", i > 0 ? "|" : "", item->level, item->text,
                              item->id);
    }
  return g_string_free (out, FALSE);
}

/* What a reader sees in the popover: the article's sections in order, each once, without
 * the heading that only repeats the title, and without "headings" inside code. */
static void
test_toc_headings (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("citizen", "toc", NULL);
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "", "tea");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (entry);
  items = sanasto_toc_collect (glossary, entry, &error);
  g_assert_no_error (error);
  text = describe (items);
  g_assert_cmpstr (text, ==,
                   "2:History:history|"
                   "2:Brewing & serving:brewing-serving|"
                   "3:Water:water|"
                   "3:Water:water-2|"
                   "2:Käyttö ja hyödyt:käyttö-ja-hyödyt|"
                   "2:Quoted heading:quoted-heading|"
                   "2:Lenient heading:lenient-heading");
}

/* Clicking an item navigates to entry#id: the page must have exactly these ids, in this
 * order, or the click scrolls nowhere. */
static void
test_toc_matches_page (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("citizen", "toc", NULL);
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "", "tea");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<h([1-6]) id=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *page = NULL;
  guint i = 0;

  items = sanasto_toc_collect (glossary, entry, &error);
  g_assert_no_error (error);
  page = sanasto_renderer_render_page (glossary, entry, &error);
  g_assert_no_error (error);

  g_regex_match (regex, page, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), i++)
    {
      g_autofree char *level = g_match_info_fetch (match, 1);
      g_autofree char *id = g_match_info_fetch (match, 2);
      SanastoTocItem *item;

      g_assert_cmpuint (i, <, items->len);
      item = g_ptr_array_index (items, i);
      g_assert_cmpstr (id, ==, item->id);
      g_assert_cmpint (atoi (level), ==, item->level);
    }
  g_assert_cmpuint (i, ==, items->len);

  /* The URI the popover navigates to carries the id as its fragment. */
  {
    SanastoTocItem *item = g_ptr_array_index (items, 4);
    g_autofree char *uri = sanasto_renderer_entry_uri (entry, item->id);
    g_autofree char *fragment = NULL;
    g_autofree char *slug = NULL;

    g_assert_true (sanasto_renderer_parse_entry_uri (uri, NULL, &slug, &fragment));
    g_assert_cmpstr (slug, ==, "tea");
    g_assert_cmpstr (fragment, ==, "käyttö-ja-hyödyt");
  }
}

static void
test_toc_empty (void)
{
  g_autoptr(SanastoEntry) entry = sanasto_entry_new ("plain.md", "en", "plain", "Plain");
  const char *body = "Just a paragraph.\n\n    ## indented code, not a heading\n";
  g_autoptr(GPtrArray) items = sanasto_toc_collect_body (entry, body, strlen (body));

  g_assert_cmpuint (items->len, ==, 0);
}

/* A first heading that is not the title is a section like any other. */
static void
test_toc_first_heading_kept (void)
{
  g_autoptr(SanastoEntry) entry = sanasto_entry_new ("x.md", "en", "x", "Something");
  const char *body = "# Overview\n\ntext\n\n# Overview\n";
  g_autoptr(GPtrArray) items = sanasto_toc_collect_body (entry, body, strlen (body));
  g_autofree char *text = describe (items);

  g_assert_cmpstr (text, ==, "1:Overview:overview|1:Overview:overview-2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/toc/headings", test_toc_headings);
  g_test_add_func ("/toc/matches-page", test_toc_matches_page);
  g_test_add_func ("/toc/empty", test_toc_empty);
  g_test_add_func ("/toc/first-heading-kept", test_toc_first_heading_kept);

  return g_test_run ();
}
