/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sanasto-markdown.h"

static cmark_node *
parse (const char *body)
{
  return sanasto_markdown_parse (body, strlen (body));
}

static int
count_headings (cmark_node *document)
{
  int count = 0;
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    if (event == CMARK_EVENT_ENTER &&
        cmark_node_get_type (cmark_iter_get_node (iter)) == CMARK_NODE_HEADING)
      count++;
  cmark_iter_free (iter);

  return count;
}

static void
test_heading_without_space (void)
{
  cmark_node *doc = parse ("##Määritelmä\n\nText.\n\n###Another one\n");
  g_autofree char *heading = sanasto_markdown_first_heading (doc);

  g_assert_cmpstr (heading, ==, "Määritelmä");
  g_assert_cmpint (count_headings (doc), ==, 2);
  cmark_node_free (doc);
}

static void
test_heading_pre_pass_skips_code (void)
{
  const char *body =
    "Intro paragraph.\n"
    "\n"
    "```c\n"
    "#include <stdio.h>\n"
    "##notaheading\n"
    "```\n"
    "\n"
    "    #indented code\n"
    "\n"
    "~~~~\n"
    "#tilde\n"
    "~~~\n"
    "#still code\n"
    "~~~~\n"
    "\n"
    "#######seven hashes\n";
  cmark_node *doc = parse (body);
  g_autofree char *text = sanasto_markdown_plain_text (doc);

  g_assert_cmpint (count_headings (doc), ==, 0);
  g_assert_nonnull (strstr (text, "#include <stdio.h>"));
  g_assert_nonnull (strstr (text, "##notaheading"));
  g_assert_nonnull (strstr (text, "#still code"));
  g_assert_nonnull (strstr (text, "#######seven hashes"));
  cmark_node_free (doc);
}

static void
test_pre_pass_keeps_lines (void)
{
  const char *body =
    "#Title\n"              /* 1 */
    "\n"                    /* 2 */
    "See [one](/one).\n"    /* 3 */
    "##Section\n"           /* 4 */
    "Text {{Glossary(\"Two\")}} and [three](three.md#x \"t\")\n" /* 5 */
    "\n"                    /* 6 */
    "> quoted [four](/es/four/)\n"; /* 7 */
  cmark_node *doc = parse (body);
  g_autoptr(GPtrArray) links = sanasto_markdown_collect_links (doc);
  SanastoLinkRef *ref;

  g_assert_cmpuint (links->len, ==, 4);

  ref = links->pdata[0];
  g_assert_cmpstr (ref->target, ==, "/one");
  g_assert_cmpstr (ref->anchor_text, ==, "one");
  g_assert_cmpint (ref->line, ==, 3);

  ref = links->pdata[1];
  g_assert_cmpstr (ref->target, ==, "/Two");
  g_assert_cmpstr (ref->anchor_text, ==, "Two");
  g_assert_cmpint (ref->line, ==, 5);

  ref = links->pdata[2];
  g_assert_cmpstr (ref->target, ==, "three.md#x");
  g_assert_cmpint (ref->line, ==, 5);

  ref = links->pdata[3];
  g_assert_cmpstr (ref->target, ==, "/es/four/");
  g_assert_cmpstr (ref->anchor_text, ==, "four");
  g_assert_cmpint (ref->line, ==, 7);

  cmark_node_free (doc);
}

static void
test_link_anchor_text_is_plain (void)
{
  cmark_node *doc = parse ("A [*very* `odd`\nlink](</a b> \"title\") here.\n");
  g_autoptr(GPtrArray) links = sanasto_markdown_collect_links (doc);
  SanastoLinkRef *ref;

  g_assert_cmpuint (links->len, ==, 1);
  ref = links->pdata[0];
  g_assert_cmpstr (ref->target, ==, "/a b");
  g_assert_cmpstr (ref->anchor_text, ==, "very odd link");
  g_assert_cmpint (ref->line, ==, 1);
  cmark_node_free (doc);
}

static void
test_macros (void)
{
  const char *body =
    "Uses {{Glossary(\"HTTP\", \"the protocol\")}} and\n"
    "{{< glossary_tooltip text=\"a pod\" term_id=\"pod\" >}} but {{ other }} stays.\n"
    "\n"
    "`{{Glossary(\"InCode\")}}` is code.\n";
  cmark_node *doc = parse (body);
  g_autoptr(GPtrArray) links = sanasto_markdown_collect_links (doc);
  g_autofree char *text = sanasto_markdown_plain_text (doc);
  SanastoLinkRef *ref;

  g_assert_cmpuint (links->len, ==, 2);
  ref = links->pdata[0];
  g_assert_cmpstr (ref->target, ==, "/HTTP");
  g_assert_cmpstr (ref->anchor_text, ==, "the protocol");
  g_assert_cmpint (ref->line, ==, 1);
  ref = links->pdata[1];
  g_assert_cmpstr (ref->target, ==, "/pod");
  g_assert_cmpstr (ref->anchor_text, ==, "a pod");
  g_assert_cmpint (ref->line, ==, 2);

  g_assert_nonnull (strstr (text, "{{ other }} stays"));
  g_assert_null (strstr (text, "glossary_tooltip"));
  g_assert_nonnull (strstr (text, "{{Glossary(\"InCode\")}} is code"));
  cmark_node_free (doc);
}

static void
test_plain_text_has_no_urls (void)
{
  const char *body =
    "# Heading\n"
    "\n"
    "Read [the spec](https://example.org/spec) and ![a cat](https://example.org/cat.png).\n"
    "Autolink <https://example.org/auto> and <b>raw</b> html.\n"
    "\n"
    "- item *one*\n"
    "- item two\n";
  cmark_node *doc = parse (body);
  g_autofree char *text = sanasto_markdown_plain_text (doc);

  g_assert_null (strstr (text, "example.org/spec"));
  g_assert_null (strstr (text, "cat.png"));
  g_assert_null (strstr (text, "<b>"));
  g_assert_nonnull (strstr (text, "Heading\n"));
  g_assert_nonnull (strstr (text, "the spec"));
  g_assert_nonnull (strstr (text, "a cat"));
  g_assert_nonnull (strstr (text, "item one\nitem two"));
  cmark_node_free (doc);
}

static void
test_first_paragraph (void)
{
  cmark_node *doc = parse ("# Title\n\nThe quick brown fox jumps over the lazy dog.\n\nSecond.\n");
  g_autofree char *whole = sanasto_markdown_first_paragraph (doc, 200);
  g_autofree char *cut = sanasto_markdown_first_paragraph (doc, 18);

  g_assert_cmpstr (whole, ==, "The quick brown fox jumps over the lazy dog.");
  g_assert_cmpstr (cut, ==, "The quick brown…");
  cmark_node_free (doc);

  doc = parse ("Ääkkösiä ääkkösiä ääkkösiä ääkkösiä\n");
  g_clear_pointer (&cut, g_free);
  cut = sanasto_markdown_first_paragraph (doc, 12);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_cmpstr (cut, ==, "Ääkkösiä…");
  cmark_node_free (doc);

  doc = parse ("# Only a heading\n");
  g_assert_null (sanasto_markdown_first_paragraph (doc, 100));
  g_assert_null (NULL);
  cmark_node_free (doc);
}

static void
test_deep_nesting (gconstpointer data)
{
  const char *unit = data;
  g_autoptr(GString) body = g_string_new (NULL);
  cmark_node *doc;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *heading = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append (body, unit);
  g_string_append (body, "[deep](/deep) text\n");

  doc = sanasto_markdown_parse (body->str, body->len);
  g_assert_nonnull (doc);
  links = sanasto_markdown_collect_links (doc);
  text = sanasto_markdown_plain_text (doc);
  first = sanasto_markdown_first_paragraph (doc, 100);
  heading = sanasto_markdown_first_heading (doc);
  g_assert_nonnull (strstr (text, "deep text"));
  g_assert_cmpuint (links->len, ==, 1);
  cmark_node_free (doc);
}

static void
test_empty_and_invalid (void)
{
  cmark_node *doc = sanasto_markdown_parse ("", 0);
  g_autofree char *text = sanasto_markdown_plain_text (doc);
  g_autofree char *bad = NULL;

  g_assert_cmpstr (text, ==, "");
  g_assert_null (sanasto_markdown_first_heading (doc));
  cmark_node_free (doc);

  /* Invalid UTF-8 is replaced, never passed through. */
  doc = parse ("bad \xff\xfe bytes\n");
  bad = sanasto_markdown_plain_text (doc);
  g_assert_true (g_utf8_validate (bad, -1, NULL));
  cmark_node_free (doc);
}

/* Technical glossaries write flags and quotes in running text: they stay as written. */
static void
test_text_as_written (void)
{
  cmark_node *doc = parse ("Run it with --force -- or don't... \"Quoted\" and 'single'.\n");
  g_autofree char *text = sanasto_markdown_plain_text (doc);

  g_assert_cmpstr (text, ==, "Run it with --force -- or don't... \"Quoted\" and 'single'.");
  cmark_node_free (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/heading-without-space", test_heading_without_space);
  g_test_add_func ("/markdown/heading-pre-pass-skips-code", test_heading_pre_pass_skips_code);
  g_test_add_func ("/markdown/links-keep-lines", test_pre_pass_keeps_lines);
  g_test_add_func ("/markdown/link-anchor-text-is-plain", test_link_anchor_text_is_plain);
  g_test_add_func ("/markdown/macros", test_macros);
  g_test_add_func ("/markdown/plain-text-has-no-urls", test_plain_text_has_no_urls);
  g_test_add_func ("/markdown/first-paragraph", test_first_paragraph);
  g_test_add_func ("/markdown/text-as-written", test_text_as_written);
  g_test_add_data_func ("/markdown/deep-nesting/quotes", "> ", test_deep_nesting);
  g_test_add_data_func ("/markdown/deep-nesting/list-items", "- ", test_deep_nesting);
  g_test_add_data_func ("/markdown/deep-nesting/brackets", "[", test_deep_nesting);
  g_test_add_func ("/markdown/empty-and-invalid", test_empty_and_invalid);

  return g_test_run ();
}
