/* test-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sanasto-check.h"
#include "sanasto-renderer-private.h"

static SanastoGlossary *
load_fixture (const char *name)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  SanastoGlossary *glossary = sanasto_glossary_load (root, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (glossary);

  return glossary;
}

static char *
render (SanastoGlossary *glossary,
        const char      *language,
        const char      *slug)
{
  g_autoptr(GError) error = NULL;
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, language, slug);
  char *page;

  g_assert_nonnull (entry);
  page = sanasto_renderer_render_page (glossary, entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_true (g_utf8_validate (page, -1, NULL));

  return page;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The page body after the <style> block, so the stylesheet's own words do not count. */
static const char *
body_of (const char *page)
{
  const char *body = strstr (page, "<body>");

  g_assert_nonnull (body);
  return body;
}

static void
test_page_frame (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "cache");

  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (page, "<meta http-equiv=\"Content-Security-Policy\" content=\""
                                  "default-src 'none'; img-src sanasto:; "
                                  "style-src 'unsafe-inline' sanasto:; font-src sanasto:\">"));
  g_assert_nonnull (strstr (page, "<meta name=\"color-scheme\" content=\"light dark\">"));
  g_assert_nonnull (strstr (page, sanasto_renderer_get_stylesheet ()));
  g_assert_nonnull (strstr (page, "prefers-color-scheme: dark"));
  g_assert_nonnull (strstr (page, "<h1>Cache</h1>"));
  g_assert_nonnull (strstr (page, "<p class=\"description\">A place that keeps copies"));
  g_assert_nonnull (strstr (page, "<li class=\"chip\">storage</li>"));
  g_assert_nonnull (strstr (page, "<li class=\"chip\">performance</li>"));

  /* The article's own "# Cache" repeats the title: shown once only. */
  g_assert_cmpuint (count (body_of (page), ">Cache</h"), ==, 1);

  /* No scripts and nothing remote to load. */
  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "src=\"http"));
}

static void
test_heading_ids (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "cache");

  /* "##How it works" is a heading thanks to the lenient pre-pass. */
  g_assert_nonnull (strstr (page, "<h2 id=\"how-it-works\">How it works</h2>"));
  g_assert_nonnull (strstr (page, "<h2 id=\"diagram\">Diagram</h2>"));
  g_assert_nonnull (strstr (page, "<h2 id=\"diagram-2\">Diagram</h2>"));
  g_assert_nonnull (strstr (page, "<a href=\"#diagram\">the diagram</a>"));
}

static void
test_links_rewritten (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "cache");

  g_assert_nonnull (strstr (page, "href=\"sanasto://entry/en/proxy\""));
  g_assert_nonnull (strstr (page, "href=\"sanasto://entry/en/server\" title=\"Servers\""));
  g_assert_nonnull (strstr (page, "href=\"sanasto://entry/en/server#own-cache\""));
  g_assert_nonnull (strstr (page, "<a class=\"external\" rel=\"noreferrer\" "
                                  "href=\"https://example.org/spec?a=1&amp;b=2\""));
  g_assert_nonnull (strstr (page, "<img src=\"sanasto://file/images/diagram.png\" "
                                  "alt=\"How a cache sits between a client and a server\""));
  g_assert_nonnull (strstr (page, "<a class=\"file\" href=\"sanasto://file/images/diagram.png\">"
                                  "same picture</a>"));
  g_assert_null (strstr (page, "](/"));
}

static void
test_fallback_marked (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "fi", "cache");
  const char *link = strstr (page, "href=\"sanasto://entry/en/proxy\"");
  const char *marker;

  g_assert_nonnull (strstr (page, "<html lang=\"fi\">"));
  g_assert_nonnull (link);
  marker = strstr (link, "välityspalvelin</a><sup class=\"fallback-language\"");
  g_assert_nonnull (marker);
  g_assert_nonnull (strstr (marker, ">en</sup>"));

  /* A link to the same language is not marked. */
  g_assert_nonnull (strstr (page, "href=\"sanasto://entry/fi/cache\""));
  g_assert_cmpuint (count (page, "<sup class=\"fallback-language\""), ==, 2);
}

static void
test_missing_links (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("broken-links");
  g_autofree char *page = render (glossary, "", "cloud-computing");

  g_assert_nonnull (strstr (page, "<a class=\"missing\" "
                                  "href=\"sanasto://missing/%2Fedge-computing?text=edge%20computing\""));
  g_assert_nonnull (strstr (page, "is not in this glossary"));
  g_assert_nonnull (strstr (page, ">edge computing</a>"));
  g_assert_nonnull (strstr (page, "a.missing"));
}

static void
test_unsafe_content (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "unsafe");
  const char *body = body_of (page);

  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "<iframe"));
  g_assert_null (strstr (page, "onerror"));
  g_assert_null (strstr (page, "javascript:"));
  g_assert_null (strstr (page, "data:image"));
  g_assert_null (strstr (page, "themed-image:"));
  g_assert_null (strstr (page, "raw HTML omitted"));

  /* Words survive where the markup does not. */
  g_assert_nonnull (strstr (body, "A bad link keeps its words."));
  g_assert_nonnull (strstr (body, "tracking pixel"));
  g_assert_nonnull (strstr (body, "themed"));

  /* A remote picture becomes a link to it, never an <img>. */
  g_assert_cmpuint (count (body, "<img"), ==, 0);
  g_assert_nonnull (strstr (body, "href=\"https://example.org/cat.png\""));
  g_assert_nonnull (strstr (body, ">a remote cat</a>"));
}

static void
test_front_matter_escaped (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "unsafe");

  g_assert_nonnull (strstr (page, "<title>Tags &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
                                  "&amp; &quot;quotes&quot;</title>"));
  g_assert_nonnull (strstr (page, "<h1>Tags &lt;script&gt;"));
  g_assert_nonnull (strstr (page, "<p class=\"description\">Less &lt; more &gt; &amp; "
                                  "&quot;double&quot; and &#39;single&#39;</p>"));
  g_assert_nonnull (strstr (page, "<li class=\"chip\">&lt;b&gt;bold&lt;/b&gt;</li>"));
  g_assert_nonnull (strstr (page, "<li class=\"chip\">a&amp;b</li>"));
  g_assert_null (strstr (page, "<b>"));
}

static void
test_unsafe_heading_ids (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  g_autofree char *page = render (glossary, "en", "unsafe");

  g_assert_nonnull (strstr (page, "<h1 id=\"safety-first\">Safety first</h1>"));
  g_assert_nonnull (strstr (page, "<h2 id=\"safety-first-2\">Safety first</h2>"));
  g_assert_nonnull (strstr (page, "<h2 id=\"tags\">Tags &amp; </h2>"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "en", "proxy");
  const char *units[] = { "> ", "- ", "* [", "_" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *page = NULL;

      for (int i = 0; i < 10000; i++)
        g_string_append (body, units[u]);
      g_string_append (body, "[deep](/server) end\n");

      page = _sanasto_renderer_render_markdown (glossary, entry, body->str, body->len);
      g_assert_nonnull (strstr (page, "</html>"));
      g_assert_nonnull (strstr (page, "end"));
    }
}

static void
test_empty_quote_dropped (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "en", "proxy");
  const char *body = "> A quote.\n\n>\n\nAfter.\n";
  g_autofree char *page = _sanasto_renderer_render_markdown (glossary, entry, body,
                                                             strlen (body));

  g_assert_cmpuint (count (page, "<blockquote>"), ==, 1);
  g_assert_nonnull (strstr (page, "<p>After.</p>"));
}

static void
test_macros_and_nested_images (void)
{
  g_autoptr(SanastoGlossary) glossary = load_fixture ("render");
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "en", "proxy");
  const char *body =
    "Ask a {{Glossary(\"Server\", \"web server\")}} or a "
    "{{< glossary_tooltip text=\"cache\" term_id=\"cache\" >}}.\n"
    "\n"
    "[![logo](https://example.org/logo.png)](/server) and `{{Glossary(\"Server\")}}`\n";
  g_autofree char *page = _sanasto_renderer_render_markdown (glossary, entry, body,
                                                             strlen (body));
  const char *content = body_of (page);

  g_assert_nonnull (strstr (content, "href=\"sanasto://entry/en/server\" title=\"Server\">"
                                     "web server</a>"));
  g_assert_nonnull (strstr (content, "href=\"sanasto://entry/en/cache\" title=\"Cache\">"
                                     "cache</a>"));
  /* The remote image inside a link leaves its words in that link; anchors never nest. */
  g_assert_nonnull (strstr (content, "href=\"sanasto://entry/en/server\" title=\"Server\">"
                                     "logo</a>"));
  g_assert_cmpuint (count (content, "<img"), ==, 0);
  g_assert_nonnull (strstr (content, "<code>{{Glossary(&quot;Server&quot;)}}</code>"));
}

static void
test_entry_uri (void)
{
  g_autoptr(SanastoEntry) plain = sanasto_entry_new ("x/a b.md", "", "a b/c", "A b");
  g_autoptr(SanastoEntry) finnish = sanasto_entry_new ("fi/ä.md", "pt-br", "ä?#", "Ä");
  g_autofree char *uri1 = sanasto_renderer_entry_uri (plain, NULL);
  g_autofree char *uri2 = sanasto_renderer_entry_uri (finnish, "osa 2");
  g_autofree char *language = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *fragment = NULL;

  g_assert_cmpstr (uri1, ==, "sanasto://entry/_/a%20b%2Fc");
  g_assert_cmpstr (uri2, ==, "sanasto://entry/pt-br/%C3%A4%3F%23#osa%202");

  g_assert_true (sanasto_renderer_parse_entry_uri (uri1, &language, &slug, &fragment));
  g_assert_cmpstr (language, ==, "");
  g_assert_cmpstr (slug, ==, "a b/c");
  g_assert_null (fragment);
  g_clear_pointer (&language, g_free);
  g_clear_pointer (&slug, g_free);

  g_assert_true (sanasto_renderer_parse_entry_uri (uri2, &language, &slug, &fragment));
  g_assert_cmpstr (language, ==, "pt-br");
  g_assert_cmpstr (slug, ==, "ä?#");
  g_assert_cmpstr (fragment, ==, "osa 2");

  g_assert_false (sanasto_renderer_parse_entry_uri ("sanasto://file/a.png", NULL, NULL, NULL));
  g_assert_false (sanasto_renderer_parse_entry_uri ("sanasto://entry/en", NULL, NULL, NULL));
  g_assert_false (sanasto_renderer_parse_entry_uri ("sanasto://entry/en/", NULL, NULL, NULL));
  g_assert_false (sanasto_renderer_parse_entry_uri ("https://entry/en/x", NULL, NULL, NULL));
}

static void
test_check_report (void)
{
  g_autoptr(SanastoGlossary) good = load_fixture ("render");
  g_autoptr(SanastoGlossary) broken = load_fixture ("broken-links");
  g_autoptr(GString) report = g_string_new (NULL);

  g_assert_cmpint (sanasto_check_report (good, report), ==, 0);
  g_assert_nonnull (strstr (report->str, "Entries: 5\n  en: 4\n  fi: 1\n"));
  g_assert_nonnull (strstr (report->str, "  unresolved: 0\n"));
  g_assert_nonnull (strstr (report->str, "  resolved via fallback language: 2\n"));

  g_string_truncate (report, 0);
  g_assert_cmpint (sanasto_check_report (broken, report), ==, 1);
  g_assert_nonnull (strstr (report->str, "  unresolved: 3\n"));
  g_assert_nonnull (strstr (report->str, "Problems: 2\n"));
  g_assert_nonnull (strstr (report->str, "\n  terms/empty.md: Empty file (skipped)\n"));
  g_assert_nonnull (strstr (report->str, "\nterms/cloud-computing.md:5: /datacenter/ "
                                         "\"data center\" (did you mean data-center?)\n"));
  g_assert_nonnull (strstr (report->str, "\nterms/cloud-computing.md:8: /edge-computing "
                                         "\"edge computing\""));
  g_assert_nonnull (strstr (report->str, "\nterms/virtual-machine.md:7: /hypervisors "
                                         "\"hypervisor\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/page-frame", test_page_frame);
  g_test_add_func ("/renderer/heading-ids", test_heading_ids);
  g_test_add_func ("/renderer/links-rewritten", test_links_rewritten);
  g_test_add_func ("/renderer/fallback-marked", test_fallback_marked);
  g_test_add_func ("/renderer/missing-links", test_missing_links);
  g_test_add_func ("/renderer/unsafe-content", test_unsafe_content);
  g_test_add_func ("/renderer/front-matter-escaped", test_front_matter_escaped);
  g_test_add_func ("/renderer/unsafe-heading-ids", test_unsafe_heading_ids);
  g_test_add_func ("/renderer/deep-nesting", test_deep_nesting);
  g_test_add_func ("/renderer/empty-quote-dropped", test_empty_quote_dropped);
  g_test_add_func ("/renderer/macros-and-nested-images", test_macros_and_nested_images);
  g_test_add_func ("/renderer/entry-uri", test_entry_uri);
  g_test_add_func ("/check/report", test_check_report);

  return g_test_run ();
}
