/* test-glossary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "glossary-fixture.h"
#include "sanasto-glossary.h"
#include "sanasto-language.h"
#include "sanasto-text.h"

static SanastoEntry *
get (SanastoGlossary *glossary,
     guint            position)
{
  g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), position);

  g_assert_nonnull (entry);
  return entry;  /* the glossary keeps it alive */
}

static SanastoEntry *
find (SanastoGlossary *glossary,
      const char      *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    if (strcmp (sanasto_entry_get_path (get (glossary, i)), path) == 0)
      return get (glossary, i);
  return NULL;
}

static char *
titles (SanastoGlossary *glossary)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    {
      SanastoEntry *entry = get (glossary, i);

      if (out->len > 0)
        g_string_append_c (out, '|');
      if (*sanasto_entry_get_language (entry))
        g_string_append_printf (out, "%s:", sanasto_entry_get_language (entry));
      g_string_append (out, sanasto_entry_get_title (entry));
    }

  return g_string_free (out, FALSE);
}

static char *
join (const char * const *strv)
{
  return g_strjoinv ("|", (char **) strv);
}

static void
assert_languages (SanastoGlossary *glossary,
                  const char      *expected)
{
  g_autofree char *languages = join (sanasto_glossary_get_languages (glossary));

  g_assert_cmpstr (languages, ==, expected);
}

static void
test_flat (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "flat", NULL);
  g_autofree char *list = titles (glossary);
  g_autofree char *keywords = NULL;
  g_autofree char *aliases = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  SanastoEntry *entry;

  /* Sorted ignoring case and accents; readme.md and CONTRIBUTING.md are not terms. */
  g_assert_cmpstr (list, ==, "Äänite|API|bandwidth|Cache|R&D|Zone");
  assert_languages (glossary, "");
  g_assert_cmpstr (sanasto_glossary_get_fallback_language (glossary), ==, "");
  g_assert_cmpuint (sanasto_glossary_count_in_language (glossary, ""), ==, 6);
  g_assert_cmpuint (sanasto_glossary_get_problems (glossary)->len, ==, 0);

  entry = sanasto_glossary_lookup (glossary, "", "api");
  g_assert_nonnull (entry);
  g_assert_cmpstr (sanasto_entry_get_path (entry), ==, "terms/api.md");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "A way for programs to talk to each other.");
  keywords = join (sanasto_entry_get_keywords (entry));
  g_assert_cmpstr (keywords, ==, "Software|Integration|web|Basics");
  aliases = join (sanasto_entry_get_aliases (entry));
  g_assert_cmpstr (aliases, ==, "interface|endpoint set");
  g_assert_false (sanasto_entry_get_draft (entry));
  g_assert_cmpuint (sanasto_glossary_get_position (glossary, entry), ==, 1);
  {
    g_autofree char *title = NULL;

    /* Lists bind to the properties. */
    g_object_get (entry, "title", &title, NULL);
    g_assert_cmpstr (title, ==, "API");
  }
  g_assert_true (get (glossary, 1) == entry);

  body = sanasto_glossary_read_body (glossary, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "\n# API\n\nAn API lists the calls one program offers to another.\n");

  /* Folded description, "aka", draft. */
  entry = sanasto_glossary_lookup (glossary, "", "bandwidth");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "How much data a link carries in a second.");
  g_assert_cmpstr (sanasto_entry_get_aliases (entry)[0], ==, "throughput");
  g_assert_true (sanasto_entry_get_draft (entry));

  /* No front matter: title from the heading, description from the first paragraph, plain. */
  entry = sanasto_glossary_lookup (glossary, "", "cache");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Cache");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "A cache keeps a copy of data close to where it is used, so the next read is "
                   "fast. See memory for more.");
  g_assert_cmpstr (sanasto_entry_get_keywords (entry)[0], ==, NULL);

  g_assert_null (sanasto_glossary_lookup (glossary, "", "readme"));
  g_assert_null (sanasto_glossary_lookup (glossary, "", "CONTRIBUTING"));

  /* Character references from scraped text are text. */
  entry = sanasto_glossary_lookup (glossary, "", "r-and-d");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==,
                   "Research and development: what a company doesn't sell yet.");
  g_assert_null (sanasto_glossary_lookup (glossary, "", "API"));

  /* As a person types it. */
  g_assert_true (sanasto_glossary_find_term (glossary, "aanite", NULL) ==
                 sanasto_glossary_lookup (glossary, "", "Äänite"));
  g_assert_true (sanasto_glossary_find_term (glossary, "Endpoint Set", NULL) ==
                 sanasto_glossary_lookup (glossary, "", "api"));
  g_assert_null (sanasto_glossary_find_term (glossary, "nothing like it", NULL));
}

static void
test_languages_by_name (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "by-name", NULL);
  g_autofree char *list = titles (glossary);
  SanastoEntry *entry;

  assert_languages (glossary, "en|fi");
  g_assert_cmpstr (sanasto_glossary_get_fallback_language (glossary), ==, "en");
  g_assert_cmpstr (list, ==, "en:Cloud Computing|en:Router|en:Server|fi:Palvelin|fi:Pilvipalvelu");
  g_assert_cmpuint (sanasto_glossary_count_in_language (glossary, "fi"), ==, 2);
  g_assert_cmpuint (sanasto_glossary_count_in_language (glossary, "sv"), ==, 0);

  /* The slug is the English file stem; the title is translated. */
  entry = sanasto_glossary_lookup (glossary, "fi", "cloud-computing");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "Pilvipalvelu");
  g_assert_cmpstr (sanasto_entry_get_path (entry), ==, "Texts/Finnish/cloud-computing.md");
  g_assert_null (sanasto_glossary_lookup (glossary, "fi", "router"));

  g_assert_true (sanasto_glossary_find_term (glossary, "pilvipalvelu", "fi") == entry);
  g_assert_true (sanasto_glossary_find_term (glossary, "cloud computing", "fi") == entry);
  g_assert_cmpstr (sanasto_entry_get_language (
                     sanasto_glossary_find_term (glossary, "cloud computing", NULL)), ==, "en");
  g_assert_cmpstr (sanasto_entry_get_language (
                     sanasto_glossary_find_term (glossary, "router", "fi")), ==, "en");

  g_assert_cmpstr (sanasto_language_get_display_name ("fi"), ==, "Suomi");
  g_assert_cmpstr (sanasto_language_get_display_name ("en"), ==, "English");
  g_assert_cmpstr (sanasto_language_get_display_name ("sv"), ==, "Svenska");
  g_assert_cmpstr (sanasto_language_get_display_name ("xx"), ==, "xx");

  /* Finnish puts "ä" after "z"; English reads it as "a". */
  {
    g_autofree char *fi_a = sanasto_language_collation_key ("fi", "Äes");
    g_autofree char *fi_z = sanasto_language_collation_key ("fi", "Zeta");
    g_autofree char *en_a = sanasto_language_collation_key ("en", "Äes");
    g_autofree char *en_z = sanasto_language_collation_key ("en", "Zeta");
    g_autofree char *en_b = sanasto_language_collation_key ("en", "bee");

    g_assert_cmpint (strcmp (fi_a, fi_z), >, 0);
    g_assert_cmpint (strcmp (en_a, en_z), <, 0);
    g_assert_cmpint (strcmp (en_a, en_b), <, 0);
  }
}

static void
test_languages_by_code (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "by-code", NULL);
  g_autofree char *list = titles (glossary);

  /* _index.md is a section page and _TEMPLATE.md a template: neither is a term. */
  assert_languages (glossary, "en|pt-br");
  g_assert_cmpstr (list, ==, "en:Latency|en:Packet|en:Protocol|pt-br:Latência");
  g_assert_cmpstr (sanasto_glossary_get_fallback_language (glossary), ==, "en");
  g_assert_cmpuint (sanasto_glossary_count_in_language (glossary, "pt-br"), ==, 1);
  g_assert_nonnull (sanasto_glossary_lookup (glossary, "pt-br", "latency"));
  g_assert_cmpuint (sanasto_glossary_get_problems (glossary)->len, ==, 0);
}

static void
test_sections (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "sections", NULL);
  g_autofree char *list = titles (glossary);

  /* readme.md and index.md head sections; a section called "it" is not Italian. */
  g_assert_cmpstr (list, ==, "Bond|Compiler|Helpdesk|Yield");
  assert_languages (glossary, "");
  g_assert_cmpstr (sanasto_entry_get_path (sanasto_glossary_lookup (glossary, "", "helpdesk")),
                   ==, "glossary/it/helpdesk.md");
}

static void
test_folder_per_entry (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "folder-per-entry", NULL);
  g_autofree char *list = titles (glossary);
  SanastoEntry *entry;

  g_assert_cmpstr (list, ==, "DNS|HTTP|HTTP headers");
  entry = sanasto_glossary_lookup (glossary, "", "headers");
  g_assert_nonnull (entry);
  g_assert_cmpstr (sanasto_entry_get_path (entry), ==, "glossary/http/headers/index.md");
  entry = sanasto_glossary_lookup (glossary, "", "dns");
  g_assert_cmpstr (sanasto_entry_get_title (entry), ==, "DNS");
  g_assert_cmpstr (sanasto_entry_get_description (entry), ==, "DNS turns names into addresses.");
}

static void
test_exports (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "exports", NULL);
  g_autofree char *list = titles (glossary);

  /* The file names say nothing; the slugs come from the titles or the front matter. */
  g_assert_cmpstr (list, ==, "Data Center|Load Balancer|Server");
  g_assert_cmpstr (sanasto_entry_get_path (sanasto_glossary_lookup (glossary, "", "data-center")),
                   ==, "000_cc93e1d9d0a1b2c3.txt");
  g_assert_nonnull (sanasto_glossary_lookup (glossary, "", "server"));
  g_assert_nonnull (sanasto_glossary_lookup (glossary, "", "load-balancer"));
}

static void
test_duplicates (void)
{
  g_autoptr(SanastoGlossary) glossary = glossary_fixture_load ("model", "duplicates", NULL);
  GPtrArray *problems = sanasto_glossary_get_problems (glossary);
  SanastoLoadProblem *problem;

  /* Both stay in the list; the slug leads to the first by path; the user is told. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (glossary)), ==, 3);
  g_assert_cmpstr (sanasto_entry_get_path (sanasto_glossary_lookup (glossary, "", "proxy")), ==,
                   "a/proxy.md");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = problems->pdata[0];
  g_assert_cmpstr (problem->path, ==, "b/proxy.md");
  g_assert_nonnull (strstr (problem->reason, "a/proxy.md"));
  g_assert_false (problem->skipped);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static SanastoLoadProblem *
problem_for (SanastoGlossary *glossary,
             const char      *path)
{
  GPtrArray *problems = sanasto_glossary_get_problems (glossary);

  for (guint i = 0; i < problems->len; i++)
    if (strcmp (((SanastoLoadProblem *) problems->pdata[i])->path, path) == 0)
      return problems->pdata[i];
  return NULL;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK) ||
          !g_file_test (child, G_FILE_TEST_IS_DIR))
        g_unlink (child);
      else
        remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Files that break in every way a real folder can, made at test time: git holds neither
 * symlinks nor permissions well. */
static void
test_odd_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sanasto-odd-XXXXXX", &error);
  g_autofree char *root = g_build_filename (tmp, "root", NULL);
  g_autofree char *sub = g_build_filename (root, "sub", NULL);
  g_autofree char *hidden = g_build_filename (root, ".git", NULL);
  g_autofree char *outside = g_build_filename (tmp, "outside", NULL);
  g_autofree char *loop = g_build_filename (sub, "loop", NULL);
  g_autofree char *escape = g_build_filename (root, "escape", NULL);
  g_autofree char *escape_file = g_build_filename (root, "escape-file.md", NULL);
  g_autofree char *outside_article = g_build_filename (outside, "secret.md", NULL);
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autofree char *list = NULL;
  SanastoLoadProblem *problem;
  SanastoEntry *entry;
  char binary[64] = "# Not text\n";

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (root, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (hidden, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (outside, 0755), ==, 0);

  write_file (root, "good.md", "---\ntitle: Good\n---\nA good article.\n", -1);
  write_file (sub, "nested.md", "# Nested\n\nAn article one folder down.\n", -1);
  write_file (root, "empty.md", "", 0);
  write_file (root, "binary.md", binary, sizeof binary);
  write_file (root, "latin1.md", "---\ntitle: Caf\xe9\n---\nA caf\xe9 serves coffee.\n", -1);
  write_file (root, "\xe4iti.md", "Text without a title.\n", -1);
  write_file (root, ".hidden.md", "# Hidden\n", -1);
  write_file (hidden, "config.md", "# In a hidden folder\n", -1);
  write_file (root, "notes.html", "<p>Not an article</p>\n", -1);
  write_file (outside, "secret.md", "# Secret\n\nOutside the root.\n", -1);
  /* A loop back to the root, a folder and a file outside it. */
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  g_assert_cmpint (symlink (outside, escape), ==, 0);
  g_assert_cmpint (symlink (outside_article, escape_file), ==, 0);
  /* Links that lead nowhere: to themselves, to each other, to a file that is gone; a broken
   * link to a picture is not the reader's business. */
  {
    const char *links[][2] = {
      { "self.md", "self.md" }, { "ping.md", "pong.md" }, { "pong.md", "ping.md" },
      { "gone.md", "removed.md" }, { "picture.png", "missing.png" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      {
        g_autofree char *link = g_build_filename (root, links[i][0], NULL);

        g_assert_cmpint (symlink (links[i][1], link), ==, 0);
      }
  }

  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  list = titles (glossary);

  /* The loop is followed once; nothing from outside or hidden; empty and binary skipped. The
   * two non-UTF-8 names come out with U+FFFD where the bad bytes were. */
  g_assert_cmpstr (list, ==, "Caf\uFFFD|Good|Nested|\uFFFDiti");
  g_assert_nonnull (find (glossary, "sub/nested.md"));

  problem = problem_for (glossary, "empty.md");
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  problem = problem_for (glossary, "binary.md");
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  g_assert_nonnull (problem_for (glossary, "escape"));
  g_assert_nonnull (problem_for (glossary, "escape-file.md"));
  problem = problem_for (glossary, "self.md");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->reason, ==, "Symbolic link loop");
  g_assert_true (problem->skipped);
  g_assert_cmpstr (problem_for (glossary, "ping.md")->reason, ==, "Symbolic link loop");
  g_assert_cmpstr (problem_for (glossary, "pong.md")->reason, ==, "Symbolic link loop");
  problem = problem_for (glossary, "gone.md");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->reason, ==, "Broken symbolic link");
  g_assert_true (problem->skipped);
  g_assert_null (problem_for (glossary, "picture.png"));

  /* Invalid UTF-8 is replaced, not fatal. */
  entry = find (glossary, "latin1.md");
  g_assert_nonnull (entry);
  g_assert_true (g_utf8_validate (sanasto_entry_get_title (entry), -1, NULL));
  g_assert_true (g_str_has_prefix (sanasto_entry_get_title (entry), "Caf"));
  g_assert_true (g_utf8_validate (sanasto_entry_get_description (entry), -1, NULL));

  /* A file name that is not UTF-8 keeps its entry, shown readably. */
  entry = find (glossary, "\xe4iti.md");
  g_assert_nonnull (entry);
  g_assert_true (g_utf8_validate (sanasto_entry_get_title (entry), -1, NULL));

  /* An article swapped for a link out of the folder after loading is not read. */
  {
    g_autofree char *good = g_build_filename (root, "good.md", NULL);
    g_autofree char *body = NULL;
    g_autoptr(GError) read_error = NULL;

    entry = find (glossary, "good.md");
    body = sanasto_glossary_read_body (glossary, entry, &read_error);
    g_assert_no_error (read_error);
    g_assert_cmpstr (body, ==, "A good article.\n");
    g_clear_pointer (&body, g_free);

    g_assert_cmpint (g_unlink (good), ==, 0);
    g_assert_cmpint (symlink (outside_article, good), ==, 0);
    body = sanasto_glossary_read_body (glossary, entry, &read_error);
    g_assert_null (body);
    g_assert_nonnull (read_error);
  }

  remove_tree (tmp);
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sanasto-locked-XXXXXX", &error);
  g_autofree char *locked = g_build_filename (tmp, "locked.md", NULL);
  g_autoptr(SanastoGlossary) glossary = NULL;
  SanastoLoadProblem *problem;

  g_assert_no_error (error);
  write_file (tmp, "good.md", "# Good\n\nReadable.\n", -1);
  write_file (tmp, "locked.md", "# Locked\n\nNot readable.\n", -1);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  glossary = sanasto_glossary_load (tmp, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find (glossary, "good.md"));

  /* Tests run as root here, and root reads anything. */
  if (access (locked, R_OK) == 0)
    g_test_skip ("Running as a user that can read a file with mode 000");
  else
    {
      g_assert_null (find (glossary, "locked.md"));
      problem = problem_for (glossary, "locked.md");
      g_assert_nonnull (problem);
      g_assert_true (problem->skipped);
      g_assert_cmpstr (problem->reason, ==, g_strerror (EACCES));
    }

  g_chmod (locked, 0644);
  remove_tree (tmp);
}

/* Without English, the language with the most articles is the fallback; an article beside
 * the language folders belongs to it. */
static void
test_fallback_largest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sanasto-fallback-XXXXXX", &error);
  g_autofree char *finnish = g_build_filename (tmp, "Finnish", NULL);
  g_autofree char *swedish = g_build_filename (tmp, "Swedish", NULL);
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autofree char *list = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (finnish, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (swedish, 0755), ==, 0);
  write_file (finnish, "tax.md", "# Vero\n\nValtion perimä maksu.\n", -1);
  write_file (finnish, "loan.md", "# Laina\n\nRaha, joka maksetaan takaisin.\n", -1);
  write_file (swedish, "tax.md", "# Skatt\n\nEn avgift till staten.\n", -1);
  write_file (tmp, "about.md", "# Sanasto\n\nTämä on pieni sanasto.\n", -1);

  glossary = sanasto_glossary_load (tmp, NULL, &error);
  g_assert_no_error (error);
  assert_languages (glossary, "fi|sv");
  g_assert_cmpstr (sanasto_glossary_get_fallback_language (glossary), ==, "fi");
  list = titles (glossary);
  g_assert_cmpstr (list, ==, "fi:Laina|fi:Sanasto|fi:Vero|sv:Skatt");
  g_assert_nonnull (sanasto_glossary_lookup (glossary, NULL, "loan"));

  remove_tree (tmp);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "model", "flat",
                                                 "terms", "api.md", NULL);
  SanastoGlossary *glossary;

  glossary = sanasto_glossary_load ("/nonexistent/sanasto/folder", NULL, &error);
  g_assert_null (glossary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  glossary = sanasto_glossary_load (file, NULL, &error);
  g_assert_null (glossary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "fixtures", "model", "by-code",
                                                 NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(GError) error = NULL;

  sanasto_glossary_load_async (root, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  glossary = sanasto_glossary_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (glossary)), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (glossary)) == SANASTO_TYPE_ENTRY);

  g_cancellable_cancel (cancellable);
  sanasto_glossary_load_async (root, cancellable, loaded_cb, &cancelled_result);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sanasto_glossary_load_finish (cancelled_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_text (void)
{
  g_autofree char *folded = sanasto_text_fold ("Äiti ÉCOLE", -1);
  g_autofree char *slug = sanasto_text_normalize_slug ("  Cloud__Computing - basics ");
  g_autofree char *squashed = sanasto_text_squash_slug ("data-center_now");
  g_autofree char *short_text = sanasto_text_shorten ("one two three four five", 12);

  g_assert_cmpstr (folded, ==, "aiti ecole");
  g_assert_cmpstr (slug, ==, "cloud-computing-basics");
  g_assert_cmpstr (squashed, ==, "datacenternow");
  g_assert_cmpstr (short_text, ==, "one two…");
  g_assert_cmpuint (sanasto_text_edit_distance ("server", 6, "servre", 6, 2), ==, 1);
  g_assert_cmpuint (sanasto_text_edit_distance ("server", 6, "router", 6, 2), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/glossary/flat", test_flat);
  g_test_add_func ("/glossary/languages-by-name", test_languages_by_name);
  g_test_add_func ("/glossary/languages-by-code", test_languages_by_code);
  g_test_add_func ("/glossary/sections", test_sections);
  g_test_add_func ("/glossary/folder-per-entry", test_folder_per_entry);
  g_test_add_func ("/glossary/exports", test_exports);
  g_test_add_func ("/glossary/duplicates", test_duplicates);
  g_test_add_func ("/glossary/odd-files", test_odd_files);
  g_test_add_func ("/glossary/unreadable", test_unreadable);
  g_test_add_func ("/glossary/fallback-largest", test_fallback_largest);
  g_test_add_func ("/glossary/errors", test_errors);
  g_test_add_func ("/glossary/async", test_async);
  g_test_add_func ("/glossary/text", test_text);

  return g_test_run ();
}
