/* test-front-matter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "glossary-fixture.h"
#include "sanasto-front-matter.h"
#include "sanasto-glossary.h"

static SanastoFrontMatter *
parse (const char *yaml,
       gboolean    expect_valid)
{
  gboolean valid = !expect_valid;
  SanastoFrontMatter *fm = sanasto_front_matter_parse (yaml, strlen (yaml), &valid);

  g_assert_nonnull (fm);
  g_assert_cmpint (valid, ==, expect_valid);
  return fm;
}

static void
assert_list (char       **items,
             const char  *joined)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (items);
  text = g_strjoinv ("|", items);
  g_assert_cmpstr (text, ==, joined);
  g_strfreev (items);
}

static void
test_valid (void)
{
  g_autoptr(SanastoFrontMatter) fm = parse ("Title: \"Bond\"\n"
                                            "description: A loan you can sell.\n"
                                            "keywords: \"Finance, Investing,  ,Markets\"\n"
                                            "draft: true\n"
                                            "translation:\n  fi: joukkovelkakirja\n"
                                            "id: 42\n", TRUE);

  /* Keys compare without case: some corpora write "Title". */
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "title"), ==, "Bond");
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "description"), ==,
                   "A loan you can sell.");
  assert_list (sanasto_front_matter_get_comma_list (fm, "keywords"), "Finance|Investing|Markets");
  g_assert_true (sanasto_front_matter_get_boolean (fm, "draft", FALSE));
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "id"), ==, "42");
  /* A nested mapping is not a string. */
  g_assert_null (sanasto_front_matter_get_string (fm, "translation"));
  g_assert_null (sanasto_front_matter_get_string (fm, "missing"));
}

static void
test_unquoted_colon (void)
{
  /* "key: value: more" is not valid YAML, yet common; the article must keep its title. */
  g_autoptr(SanastoFrontMatter) fm = parse ("title: Ratio: debt to equity\n"
                                            "description: It shows: who pays\n"
                                            "tags:\n- finance\n-   ratio\n", FALSE);

  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "title"), ==, "Ratio: debt to equity");
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "description"), ==, "It shows: who pays");
  assert_list (sanasto_front_matter_get_list (fm, "tags"), "finance|ratio");
}

static void
test_folded_and_lists (void)
{
  g_autoptr(SanastoFrontMatter) fm = parse ("short_description: >\n"
                                            "  Money lent\n"
                                            "  for a fixed time.\n"
                                            "notes: |\n"
                                            "  line one\n"
                                            "  line two\n"
                                            "tags:\n"
                                            "  - one\n"
                                            "  - \"two\"\n"
                                            "aliases: [\"a\", \"\", \"\"]\n", TRUE);

  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "short_description"), ==,
                   "Money lent for a fixed time.");
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "notes"), ==, "line one\nline two");
  assert_list (sanasto_front_matter_get_list (fm, "tags"), "one|two");
  /* Empty items of a flow list are dropped. */
  assert_list (sanasto_front_matter_get_list (fm, "aliases"), "a");
  /* A scalar read as a list is one item. */
  assert_list (sanasto_front_matter_get_list (fm, "short_description"),
               "Money lent for a fixed time.");
}

static void
test_fallback_blocks (void)
{
  /* Invalid (a tab for indentation) with a folded block and a flow list: the lenient reader
   * understands both. */
  g_autoptr(SanastoFrontMatter) fm = parse ("title:\tTabbed: yes\n"
                                            "summary: >-\n"
                                            "  First part\n"
                                            "  second part\n"
                                            "tags: [\"x\", \"\", 'y']\n"
                                            "quote: \"cut off in the mid\n", FALSE);

  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "title"), ==, "Tabbed: yes");
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "summary"), ==, "First part second part");
  assert_list (sanasto_front_matter_get_list (fm, "tags"), "x|y");
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "quote"), ==, "cut off in the mid");
}

static void
test_billion_laughs (void)
{
  GString *yaml = g_string_new ("title: Laughs\n"
                                "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
  g_autoptr(SanastoFrontMatter) fm = NULL;
  g_auto(GStrv) tags = NULL;

  for (char c = 'b'; c <= 'p'; c++)
    g_string_append_printf (yaml, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c]\n", c, c,
                            c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  g_string_append (yaml, "tags: *p\n");

  /* 6^16 items if expanded; aliases are ignored instead. */
  fm = parse (yaml->str, TRUE);
  g_assert_cmpstr (sanasto_front_matter_get_string (fm, "title"), ==, "Laughs");
  assert_list (sanasto_front_matter_get_list (fm, "a"), "lol|lol|lol|lol|lol|lol");
  tags = sanasto_front_matter_get_list (fm, "tags");
  g_assert_true (tags == NULL || tags[0] == NULL);
  g_string_free (yaml, TRUE);
}

static void
test_locate (void)
{
  const char *crlf = "---\r\ntitle: X\r\n---\r\nBody\r\n";
  const char *none = "# Heading\n\n---\n";
  const char *open = "---\ntitle: X\nno end\n";
  const char *dots = "---\ntitle: X\n...\nBody\n";
  gsize start, end, body;

  g_assert_cmpint (sanasto_front_matter_locate (crlf, strlen (crlf), &start, &end, &body), ==,
                   SANASTO_FRONT_MATTER_CLOSED);
  g_assert_cmpstr (crlf + body, ==, "Body\r\n");
  g_assert_cmpint (strncmp (crlf + start, "title: X\r\n", end - start), ==, 0);

  g_assert_cmpint (sanasto_front_matter_locate (none, strlen (none), &start, &end, &body), ==,
                   SANASTO_FRONT_MATTER_NONE);
  g_assert_cmpint (body, ==, 0);
  g_assert_cmpint (sanasto_front_matter_locate (open, strlen (open), &start, &end, &body), ==,
                   SANASTO_FRONT_MATTER_UNTERMINATED);
  g_assert_cmpint (sanasto_front_matter_locate (dots, strlen (dots), &start, &end, &body), ==,
                   SANASTO_FRONT_MATTER_CLOSED);
  g_assert_cmpstr (dots + body, ==, "Body\n");
}

static SanastoEntry *
find (SanastoGlossary *glossary,
      const char      *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (strcmp (sanasto_entry_get_path (entry), path) == 0)
        return entry;
    }
  return NULL;
}

/* The same cases as files on disk, through the loader. */
static void
test_files (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "front-matter", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  SanastoEntry *entry;
  g_autofree char *body = NULL;

  /* BOM and CRLF. */
  entry = find (glossary, "bom-crlf.md");
  g_assert_nonnull (entry);
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Windows Term");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==, "Written on Windows.");
  body = sanasto_glossary_read_body (glossary, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "\nLine one.\nLine two.\n");

  entry = find (glossary, "invalid-yaml.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Ratio: debt to equity");
  g_assert_cmpstr (sanasto_entry_get_keywords (entry)[0], ==, "finance");

  entry = find (glossary, "cut-off.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Cut off in the mid");

  entry = find (glossary, "tabs.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Tabbed");

  entry = find (glossary, "billion-laughs.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Laughs");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==, "Nothing expands here.");

  /* No front matter: title from the stem, description from the text. */
  entry = find (glossary, "no-front-matter.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "no-front-matter");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "Just a paragraph of text without any heading at all.");

  /* Unterminated: kept, whole file as body, and told. */
  entry = find (glossary, "unterminated.md");
  g_assert_nonnull (entry);
  g_clear_pointer (&body, g_free);
  body = sanasto_glossary_read_body (glossary, entry, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (body, "---\ntitle: Open\n"));

  problems = sanasto_glossary_get_problems (glossary);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((SanastoLoadProblem *) problems->pdata[0])->path, ==, "unterminated.md");
  g_assert_false (((SanastoLoadProblem *) problems->pdata[0])->skipped);

  /* A rule ("---") on top is not front matter, closed by a second rule or not. */
  entry = find (glossary, "rule-first.md");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Rule first");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==, "A file that opens with a rule.");
  g_clear_pointer (&body, g_free);
  body = sanasto_glossary_read_body (glossary, entry, &error);
  g_assert_true (g_str_has_prefix (body, "---\n\n# Rule first\n"));
  entry = find (glossary, "rule-only.md");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "Only a rule on top, and no second one.");

  /* Invalid YAML read fine by the lenient reader is not a problem. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (glossary)), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/valid", test_valid);
  g_test_add_func ("/front-matter/unquoted-colon", test_unquoted_colon);
  g_test_add_func ("/front-matter/folded-and-lists", test_folded_and_lists);
  g_test_add_func ("/front-matter/fallback-blocks", test_fallback_blocks);
  g_test_add_func ("/front-matter/billion-laughs", test_billion_laughs);
  g_test_add_func ("/front-matter/locate", test_locate);
  g_test_add_func ("/front-matter/files", test_files);

  return g_test_run ();
}
