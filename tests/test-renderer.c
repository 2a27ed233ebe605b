/* test-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "glossary-fixture.h"
#include "sanasto-check.h"
#include "sanasto-renderer-private.h"

/* The page of one entry of a fixture glossary. */
static char *
render (const char *fixture,
        const char *language,
        const char *slug)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load (fixture, NULL);
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

/* The page of Markdown text as the article of an entry ("proxy") of the "render" fixture. */
static char *
render_markdown (const char *markdown)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("render", NULL);
  SanastoEntry *entry = sanasto_glossary_lookup (glossary, "en", "proxy");

  g_assert_nonnull (entry);
  return _sanasto_renderer_render_markdown (glossary, entry, markdown, strlen (markdown));
}

/* Unlike g_assert_nonnull (strstr ()), a failure names the text it looked for. */
static void
check_contains (const char *file,
                int         line,
                const char *func,
                const char *haystack,
                const char *needle,
                gboolean    wanted)
{
  g_autofree char *message = NULL;

  if ((strstr (haystack, needle) != NULL) == wanted)
    return;

  message = g_strdup_printf (wanted ? "missing: %s" : "present, and should not be: %s", needle);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

#define assert_has(haystack, needle) \
  check_contains (__FILE__, __LINE__, G_STRFUNC, (haystack), (needle), TRUE)
#define assert_lacks(haystack, needle) \
  check_contains (__FILE__, __LINE__, G_STRFUNC, (haystack), (needle), FALSE)

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
  g_autofree char *page = render ("render", "en", "cache");

  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  assert_has (page, "<meta charset=\"utf-8\">");
  assert_has (page, "<meta http-equiv=\"Content-Security-Policy\" content=\""
                    "default-src 'none'; img-src sanasto:; "
                    "style-src 'unsafe-inline' sanasto:; font-src sanasto:\">");
  assert_has (page, "<meta name=\"color-scheme\" content=\"light dark\">");
  assert_has (page, sanasto_renderer_get_stylesheet ());
  assert_has (page, "prefers-color-scheme: dark");
  assert_has (page, "<h1>Cache</h1>");
  assert_has (page, "<p class=\"description\">A place that keeps copies");
  assert_has (page, "<li class=\"chip\">storage</li>");
  assert_has (page, "<li class=\"chip\">performance</li>");

  /* The article's own "# Cache" repeats the title: shown once only. */
  g_assert_cmpuint (count (body_of (page), ">Cache</h"), ==, 1);

  /* No scripts and nothing remote to load. */
  assert_lacks (page, "<script");
  assert_lacks (page, "src=\"http");
}

static void
test_heading_ids (void)
{
  g_autofree char *page = render ("render", "en", "cache");

  /* "##How it works" is a heading thanks to the lenient pre-pass. */
  assert_has (page, "<h2 id=\"how-it-works\">How it works</h2>");
  assert_has (page, "<h2 id=\"diagram\">Diagram</h2>");
  assert_has (page, "<h2 id=\"diagram-2\">Diagram</h2>");
  assert_has (page, "<a href=\"#diagram\">the diagram</a>");
}

static void
test_links_rewritten (void)
{
  g_autofree char *page = render ("render", "en", "cache");

  assert_has (page, "href=\"sanasto://entry/en/proxy\"");
  assert_has (page, "href=\"sanasto://entry/en/server\" title=\"Servers\"");
  assert_has (page, "href=\"sanasto://entry/en/server#own-cache\"");
  assert_has (page, "<a class=\"external\" rel=\"noreferrer\" "
                    "href=\"https://example.org/spec?a=1&amp;b=2\"");
  assert_has (page, "<img src=\"sanasto://file/images/diagram.png\" "
                    "alt=\"How a cache sits between a client and a server\"");
  assert_has (page, "<a class=\"file\" href=\"sanasto://file/images/diagram.png\">"
                    "same picture</a>");
  assert_lacks (page, "](/");
}

static void
test_fallback_marked (void)
{
  g_autofree char *page = render ("render", "fi", "cache");
  const char *link = strstr (page, "href=\"sanasto://entry/en/proxy\"");
  const char *marker;

  assert_has (page, "<html lang=\"fi\">");
  g_assert_nonnull (link);
  marker = strstr (link, "välityspalvelin</a><sup class=\"fallback-language\"");
  g_assert_nonnull (marker);
  assert_has (marker, ">en</sup>");

  /* A link to the same language is not marked. */
  assert_has (page, "href=\"sanasto://entry/fi/cache\"");
  g_assert_cmpuint (count (page, "<sup class=\"fallback-language\""), ==, 2);
}

static void
test_missing_links (void)
{
  g_autofree char *page = render ("broken-links", "", "cloud-computing");

  assert_has (page, "<a class=\"missing\" "
                    "href=\"sanasto://missing/%2Fedge-computing?text=edge%20computing\"");
  assert_has (page, "is not in this glossary");
  assert_has (page, ">edge computing</a>");
  assert_has (page, "a.missing");
}

static void
test_unsafe_content (void)
{
  g_autofree char *page = render ("render", "en", "unsafe");
  const char *body = body_of (page);

  assert_lacks (page, "<script");
  assert_lacks (page, "<iframe");
  assert_lacks (page, "onerror");
  assert_lacks (page, "javascript:");
  assert_lacks (page, "data:image");
  assert_lacks (page, "themed-image:");
  assert_lacks (page, "raw HTML omitted");

  /* Words survive where the markup does not. */
  assert_has (body, "A bad link keeps its words.");
  assert_has (body, "tracking pixel");
  assert_has (body, "themed");

  /* A remote picture becomes a link to it, never an <img>. */
  g_assert_cmpuint (count (body, "<img"), ==, 0);
  assert_has (body, "href=\"https://example.org/cat.png\"");
  assert_has (body, ">a remote cat</a>");
}

static void
test_front_matter_escaped (void)
{
  g_autofree char *page = render ("render", "en", "unsafe");

  assert_has (page, "<title>Tags &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
                    "&amp; &quot;quotes&quot;</title>");
  assert_has (page, "<h1>Tags &lt;script&gt;");
  assert_has (page, "<p class=\"description\">Less &lt; more &gt; &amp; "
                    "&quot;double&quot; and &#39;single&#39;</p>");
  assert_has (page, "<li class=\"chip\">&lt;b&gt;bold&lt;/b&gt;</li>");
  assert_has (page, "<li class=\"chip\">a&amp;b</li>");
  assert_lacks (page, "<b>");
}

static void
test_unsafe_heading_ids (void)
{
  g_autofree char *page = render ("render", "en", "unsafe");

  assert_has (page, "<h1 id=\"safety-first\">Safety first</h1>");
  assert_has (page, "<h2 id=\"safety-first-2\">Safety first</h2>");
  assert_has (page, "<h2 id=\"tags\">Tags &amp; </h2>");
}

static void
test_deep_nesting (void)
{
  const char *units[] = { "> ", "- ", "* [", "_" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *page = NULL;

      for (int i = 0; i < 10000; i++)
        g_string_append (body, units[u]);
      g_string_append (body, "[deep](/server) end\n");

      page = render_markdown (body->str);
      assert_has (page, "</html>");
      assert_has (page, "end");
    }
}

static void
test_empty_quote_dropped (void)
{
  g_autofree char *page = render_markdown ("> A quote.\n\n>\n\nAfter.\n");

  g_assert_cmpuint (count (page, "<blockquote>"), ==, 1);
  assert_has (page, "<p>After.</p>");
}

static void
test_macros_and_nested_images (void)
{
  const char *body =
    "Ask a {{Glossary(\"Server\", \"web server\")}} or a "
    "{{< glossary_tooltip text=\"cache\" term_id=\"cache\" >}}.\n"
    "\n"
    "[![logo](https://example.org/logo.png)](/server) and `{{Glossary(\"Server\")}}`\n";
  g_autofree char *page = render_markdown (body);
  const char *content = body_of (page);

  assert_has (content, "href=\"sanasto://entry/en/server\" title=\"Server\">"
                       "web server</a>");
  assert_has (content, "href=\"sanasto://entry/en/cache\" title=\"Cache\">"
                       "cache</a>");
  /* The remote image inside a link leaves its words in that link; anchors never nest. */
  assert_has (content, "href=\"sanasto://entry/en/server\" title=\"Server\">"
                       "logo</a>");
  g_assert_cmpuint (count (content, "<img"), ==, 0);
  assert_has (content, "<code>{{Glossary(&quot;Server&quot;)}}</code>");
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
  g_autoptr(SanastoGlossary) good = glossary_fixture_load ("render", NULL);
  g_autoptr(SanastoGlossary) broken = glossary_fixture_load ("broken-links", NULL);
  g_autoptr(GString) report = g_string_new (NULL);

  g_assert_cmpint (sanasto_check_report (good, report), ==, 0);
  assert_has (report->str, "Entries: 5\n  en: 4\n  fi: 1\n");
  assert_has (report->str, "  unresolved: 0\n");
  assert_has (report->str, "  resolved via fallback language: 2\n");

  g_string_truncate (report, 0);
  g_assert_cmpint (sanasto_check_report (broken, report), ==, 1);
  assert_has (report->str, "  unresolved: 3\n");
  assert_has (report->str, "Problems: 2\n");
  assert_has (report->str, "\n  terms/empty.md: Empty file (skipped)\n");
  assert_has (report->str, "\nterms/cloud-computing.md:5: /datacenter/ "
                           "\"data center\" (did you mean data-center?)\n");
  assert_has (report->str, "\nterms/cloud-computing.md:8: /edge-computing "
                           "\"edge computing\"");
  assert_has (report->str, "\nterms/virtual-machine.md:7: /hypervisors "
                           "\"hypervisor\"");
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
