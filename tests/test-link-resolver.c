/* test-link-resolver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <unistd.h>

#include "glossary-fixture.h"
#include "sanasto-link-resolver.h"

typedef struct
{
  const char      *from;       /* path of the source article, or NULL */
  const char      *target;
  SanastoLinkKind  kind;
  const char      *expected;   /* INTERNAL: entry path; FILE: file path */
  const char      *fragment;
  gboolean         via_fallback;
  gboolean         via_alias;
  const char      *suggestion; /* UNRESOLVED: path of the suggested entry, or NULL */
} LinkCase;

#define INTERNAL SANASTO_LINK_INTERNAL
#define EXTERNAL SANASTO_LINK_EXTERNAL
#define UNRESOLVED SANASTO_LINK_UNRESOLVED
#define FILE_ SANASTO_LINK_FILE
#define UNSAFE SANASTO_LINK_UNSAFE

static const LinkCase cases[] = {
  /* Absolute forms. */
  { "en/server.md", "/cloud-computing", INTERNAL, "en/cloud-computing.md" },
  { "en/server.md", "/cloud-computing/", INTERNAL, "en/cloud-computing.md" },
  { "en/server.md", "/data-center#history", INTERNAL, "en/data-center.md", "history" },
  { "en/server.md", "/server?lang=fi", INTERNAL, "en/server.md" },
  { "en/server.md", "/en/data-center/", INTERNAL, "en/data-center.md" },
  { "en/server.md", "/fi/cloud-computing/", INTERNAL, "fi/cloud-computing.md", NULL, TRUE },
  { "en/server.md", "/en-US/docs/Glossary/Server", INTERNAL, "en/server.md" },
  { "en/server.md", "/glossary/network/router", INTERNAL, "en/network/router.md" },
  { "en/server.md", "/en/network/router/", INTERNAL, "en/network/router.md" },
  { "en/server.md", "/data-center.md", INTERNAL, "en/data-center.md" },
  { "en/server.md", "/data-center.markdown", INTERNAL, "en/data-center.md" },
  { "en/server.md", "/data-center.html", INTERNAL, "en/data-center.md" },
  { "en/server.md", "/API", INTERNAL, "en/application-programming-interface.md" },
  { "en/server.md", "/application-programming-interface",
    INTERNAL, "en/application-programming-interface.md" },
  /* Relative forms. */
  { "en/server.md", "network/router.md", INTERNAL, "en/network/router.md" },
  { "en/network/router.md", "switch.md", INTERNAL, "en/network/switch.md" },
  { "en/network/router.md", "../server.md#uses", INTERNAL, "en/server.md", "uses" },
  { "en/network/router.md", "./switch", INTERNAL, "en/network/switch.md" },
  { "fi/server.md", "../en/data-center.md#history",
    INTERNAL, "en/data-center.md", "history", TRUE },
  { "en/server.md", "other-folder/data-center.md", INTERNAL, "en/data-center.md" },
  { "en/server.md", "#top", INTERNAL, "en/server.md", "top" },
  { "en/server.md", "#caf%C3%A9", INTERNAL, "en/server.md", "café" },
  /* Same language first, then the fallback language. */
  { "fi/cloud-computing.md", "/server", INTERNAL, "fi/server.md" },
  { "fi/cloud-computing.md", "/only-english/", INTERNAL, "en/only-english.md", NULL, TRUE },
  { "fi/cloud-computing.md", "/fi/only-english/", INTERNAL, "en/only-english.md", NULL, TRUE },
  { NULL, "/server", INTERNAL, "en/server.md" },
  /* Aliases. */
  { "en/server.md", "/cloud", INTERNAL, "en/cloud-computing.md", NULL, FALSE, TRUE },
  { "en/data-center.md", "/host-machine/", INTERNAL, "en/server.md", NULL, FALSE, TRUE },
  /* Only the form differs: case, diacritics, '_' for '-', spaces, percent-encoding. */
  { "en/server.md", "/cloud_computing/", INTERNAL, "en/cloud-computing.md" },
  { "en/server.md", "/Cloud-Computing", INTERNAL, "en/cloud-computing.md" },
  { "en/server.md", "/ROUTER", INTERNAL, "en/network/router.md" },
  { "en/server.md", "/cafe", INTERNAL, "en/café.md" },
  { "en/server.md", "/caf%C3%A9/", INTERNAL, "en/café.md" },
  { "en/server.md", "/data%20center", INTERNAL, "en/data-center.md" },
  { "en/server.md", "<data-center.md>", INTERNAL, "en/data-center.md" },
  /* Near misses stay unresolved, with a suggestion. */
  { "en/server.md", "/datacenter/", UNRESOLVED, NULL, NULL, FALSE, FALSE, "en/data-center.md" },
  { "en/data-center.md", "/servers", UNRESOLVED, NULL, NULL, FALSE, FALSE, "en/server.md" },
  { "en/server.md", "/routers/", UNRESOLVED, NULL, NULL, FALSE, FALSE, "en/network/router.md" },
  { "en/server.md", "/cloud-computin", UNRESOLVED, NULL, NULL, FALSE, FALSE,
    "en/cloud-computing.md" },
  { "en/server.md", "/cloud-computing-basics", UNRESOLVED, NULL, NULL, FALSE, FALSE,
    "en/cloud-computing.md" },
  { "en/server.md", "/xyzzy", UNRESOLVED },
  { "en/server.md", "/fi/", UNRESOLVED },
  { "en/server.md", "", UNRESOLVED },
  { "en/server.md", "/%E3%82%B5%E3%83%BC%E3%83%90", UNRESOLVED },
  /* Outside: the desktop's browser, or nothing at all. */
  { "en/server.md", "https://example.org/server", EXTERNAL },
  { "en/server.md", "HTTP://EXAMPLE.ORG", EXTERNAL },
  { "en/server.md", "mailto:someone@example.org", EXTERNAL },
  { "en/server.md", "javascript:alert(1)", UNSAFE },
  { "en/server.md", "JaVaScRiPt:alert(1)", UNSAFE },
  { "en/server.md", " java\tscript:alert(1)", UNSAFE },
  { "en/server.md", "data:text/html;base64,PHA+aGk8L3A+", UNSAFE },
  { "en/server.md", "vbscript:msgbox", UNSAFE },
  { "en/server.md", "file:///etc/passwd", UNSAFE },
  { "en/server.md", "ftp://example.org/x", UNSAFE },
  { "en/server.md", "//example.org/x", UNSAFE },
  /* Nothing outside the root, ever. */
  { "en/server.md", "/../../etc/passwd", UNSAFE },
  { "en/server.md", "../../x.md", UNSAFE },
  { "en/server.md", "..%2f..%2fx.md", UNSAFE },
  { "en/server.md", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", UNSAFE },
  { "en/server.md", "..\\..\\x.md", UNSAFE },
  { "en/server.md", "/etc/passwd", UNRESOLVED },
  /* Files inside the root. */
  { "en/server.md", "images/diagram.png", FILE_, "en/images/diagram.png" },
  { "en/network/router.md", "../images/diagram.png", FILE_, "en/images/diagram.png" },
  { "en/server.md", "/en/images/diagram.png", FILE_, "en/images/diagram.png" },
  { "en/server.md", "images/missing.png", UNRESOLVED },
  { "en/server.md", "images/.hidden.png", UNRESOLVED },
};

static SanastoEntry *
entry_at (SanastoGlossary *glossary,
          const char      *path)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (glossary));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (g_strcmp0 (sanasto_entry_get_path (entry), path) == 0)
        return entry;
    }

  g_error ("No entry at %s", path);
  return NULL;
}

/* Loaded once for the whole table; each case is its own test, so that a failure names it. */
static SanastoGlossary *links_glossary;

static const char *
kind_name (SanastoLinkKind kind)
{
  static const char * const names[] = { "INTERNAL", "EXTERNAL", "UNRESOLVED", "FILE", "UNSAFE" };

  return names[kind];
}

static void
test_case (gconstpointer data)
{
  const LinkCase *c = data;
  SanastoGlossary *glossary = links_glossary;
  SanastoEntry *from = c->from ? entry_at (glossary, c->from) : NULL;
  SanastoLink link;

  sanasto_link_resolver_resolve (glossary, from, c->target, &link);
  g_test_message ("“%s” from %s -> %s", c->target, c->from, kind_name (link.kind));
  g_assert_cmpstr (kind_name (link.kind), ==, kind_name (c->kind));

  if (c->kind == INTERNAL)
    {
      g_assert_cmpstr (sanasto_entry_get_path (link.entry), ==, c->expected);
      g_assert_cmpstr (link.fragment, ==, c->fragment);
      g_assert_cmpint (link.via_fallback, ==, c->via_fallback);
      g_assert_cmpint (link.via_alias, ==, c->via_alias);
    }
  else if (c->kind == FILE_)
    g_assert_cmpstr (link.file_path, ==, c->expected);
  else
    {
      g_assert_null (link.entry);
      g_assert_null (link.file_path);
    }

  /* Unresolved links get a "did you mean" only when an entry is really close. */
  if (c->kind == UNRESOLVED && c->target[0] != '\0')
    {
      SanastoEntry *suggestion = sanasto_link_resolver_suggest (glossary, from, c->target);

      if (c->suggestion == NULL)
        g_assert_null (suggestion);
      else
        {
          g_assert_nonnull (suggestion);
          g_assert_cmpstr (sanasto_entry_get_path (suggestion), ==, c->suggestion);
        }
    }

  sanasto_link_clear (&link);
}

/* A symlink inside the root that points out of it never gives a FILE. */
static void
test_symlink_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sanasto-links-XXXXXX", &error);
  g_autofree char *outside = g_build_filename (tmp, "outside.png", NULL);
  g_autofree char *root = g_build_filename (tmp, "root", NULL);
  g_autofree char *article = g_build_filename (root, "term.md", NULL);
  g_autofree char *inside = g_build_filename (root, "inside.png", NULL);
  g_autofree char *link_path = g_build_filename (root, "escape.png", NULL);
  g_autoptr(SanastoGlossary) glossary = NULL;
  SanastoLink link;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (root, 0755), ==, 0);
  g_assert_true (g_file_set_contents (outside, "secret", -1, NULL));
  g_assert_true (g_file_set_contents (inside, "picture", -1, NULL));
  g_assert_true (g_file_set_contents (article, "# Term\n\nText.\n", -1, NULL));
  g_assert_cmpint (symlink (outside, link_path), ==, 0);

  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);

  sanasto_link_resolver_resolve (glossary, entry_at (glossary, "term.md"), "escape.png", &link);
  g_assert_cmpint (link.kind, !=, SANASTO_LINK_FILE);
  g_assert_null (link.file_path);
  sanasto_link_clear (&link);

  sanasto_link_resolver_resolve (glossary, entry_at (glossary, "term.md"), "inside.png", &link);
  g_assert_cmpint (link.kind, ==, SANASTO_LINK_FILE);
  g_assert_cmpstr (link.file_path, ==, "inside.png");
  sanasto_link_clear (&link);

  g_unlink (link_path);
  g_unlink (inside);
  g_unlink (article);
  g_unlink (outside);
  g_rmdir (root);
  g_rmdir (tmp);
}

/* Links in an export whose file names say nothing still find entries by title. */
static void
test_exports (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "exports", NULL);
  SanastoEntry *from = entry_at (glossary, "000_cc93e1d9d0a1b2c3.txt");
  SanastoLink link;

  sanasto_link_resolver_resolve (glossary, from, "/server/", &link);
  g_assert_cmpint (link.kind, ==, SANASTO_LINK_INTERNAL);
  g_assert_cmpstr (sanasto_entry_get_path (link.entry), ==, "001_0f1e2d3c4b5a6978.txt");
  sanasto_link_clear (&link);

  sanasto_link_resolver_resolve (glossary, from, "/Load_Balancer", &link);
  g_assert_cmpint (link.kind, ==, SANASTO_LINK_INTERNAL);
  g_assert_cmpstr (sanasto_entry_get_title (link.entry), ==, "Load Balancer");
  sanasto_link_clear (&link);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  int status;

  links_glossary = glossary_fixture_load ("model", "links", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/link-resolver/table/%02u", i + 1);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/link-resolver/symlink-out", test_symlink_out);
  g_test_add_func ("/link-resolver/exports", test_exports);

  status = g_test_run ();
  g_clear_object (&links_glossary);
  return status;
}
