/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a folder of hostile files, generated here at test time, the way the reader and
 * `sanasto --check` do: every bad file must be reported with a reason and skipped or shown as
 * well as it can be, every good file must open, and no page may carry a script, invalid
 * UTF-8 or a byte from outside the folder.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define HUGE_SIZE     (50 * 1024 * 1024)
#define MANY_FILES    100000

#include "hostile-folder.h"
#include "sanasto-check.h"
#include "sanasto-glossary.h"
#include "sanasto-renderer.h"

static SanastoLoadProblem *
find_problem (SanastoGlossary *glossary,
              const char      *prefix)
{
  GPtrArray *problems = sanasto_glossary_get_problems (glossary);

  for (guint i = 0; i < problems->len; i++)
    {
      SanastoLoadProblem *problem = problems->pdata[i];

      if (g_str_has_prefix (problem->path, prefix))
        return problem;
    }
  return NULL;
}

static void
assert_reported (SanastoGlossary *glossary,
                 const char      *prefix,
                 gboolean         skipped)
{
  SanastoLoadProblem *problem = find_problem (glossary, prefix);

  if (problem == NULL)
    g_error ("No problem reported for %s", prefix);
  g_assert_cmpuint (strlen (problem->reason), >, 3);
  g_assert_cmpint (problem->skipped, ==, skipped);
}

static gboolean
has_entry_path (SanastoGlossary *glossary,
                const char      *prefix)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (glossary));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (g_str_has_prefix (sanasto_entry_get_path (entry), prefix))
        return TRUE;
    }
  return FALSE;
}

/* Article text is escaped, so every '<' left in the page opens a tag the renderer wrote:
 * none may carry an event handler or load something active. Scanned by hand: GRegex
 * rechecks the rest of the subject at each match, too slow for a 60 MB page. */
static void
assert_tags_safe (const char *lower,
                  const char *what)
{
  static const char * const active[] = { "<script", "<iframe", "<object", "<embed", "<frame",
                                         "<base", "<form", "<link", "<meta http-equiv=\"refresh" };
  const char *page_end = lower + strlen (lower);

  /* memchr with the end known: strchr would measure the rest of a 100 MB page each time
   * under AddressSanitizer. */
  for (const char *p = memchr (lower, '<', page_end - lower); p != NULL;
       p = memchr (p, '<', page_end - p))
    {
      const char *end = memchr (p, '>', page_end - p);
      char quote = 0;

      g_assert_nonnull (end);
      for (guint i = 0; i < G_N_ELEMENTS (active); i++)
        if (strncmp (p, active[i], strlen (active[i])) == 0)
          g_error ("The page of %s has an active element: %.80s", what, p);
      /* An attribute outside quotes whose name starts with "on". */
      for (const char *c = p + 1; c < end; c++)
        {
          if (quote != 0)
            quote = *c == quote ? 0 : quote;
          else if (*c == '"' || *c == '\'')
            quote = *c;
          else if (g_ascii_isspace (*c) && c[1] == 'o' && c[2] == 'n')
            {
              const char *name = c + 3;

              while (g_ascii_isalpha (*name))
                name++;
              if (*name == '=')
                g_error ("The page of %s has an event handler: %.80s", what, p);
            }
        }
      p = end + 1;
    }
}

/* What every page must be, whatever the article holds. */
static void
assert_page_safe (const char *page,
                  const char *what)
{
  g_autofree char *lower = g_ascii_strdown (page, -1);

  if (!g_utf8_validate (page, -1, NULL))
    g_error ("The page of %s is not valid UTF-8", what);
  if (strstr (lower, "<script") != NULL)
    g_error ("The page of %s has a <script>", what);
  if (strstr (lower, "javascript:") != NULL)
    g_error ("The page of %s has a javascript: URL", what);
  if (strstr (page, SECRET) != NULL)
    g_error ("The page of %s shows a file from outside the folder", what);
  assert_tags_safe (lower, what);
}

static void
assert_entry_safe (SanastoEntry *entry)
{
  const char *fields[] = { sanasto_entry_get_path (entry), sanasto_entry_get_title (entry),
                           sanasto_entry_get_slug (entry), sanasto_entry_get_description (entry) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* The path is in the file system's encoding; the rest is for display. */
      if (i > 0)
        g_assert_true (g_utf8_validate (fields[i], -1, NULL));
      g_assert_null (strstr (fields[i], SECRET));
    }
  for (const char * const *k = sanasto_entry_get_keywords (entry); *k; k++)
    g_assert_true (g_utf8_validate (*k, -1, NULL));
  for (const char * const *a = sanasto_entry_get_aliases (entry); *a; a++)
    g_assert_true (g_utf8_validate (*a, -1, NULL));
}

static void
test_hostile_folder (void)
{
  Hostile hostile = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *removed = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *problems;
  SanastoEntry *entry;
  guint n;
  int status;

  gint64 start = g_get_monotonic_time ();

  hostile_build (&hostile, HUGE_SIZE);
  g_test_message ("built in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  glossary = sanasto_glossary_load (hostile.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (glossary);

  problems = sanasto_glossary_get_problems (glossary);
  for (guint i = 0; i < problems->len; i++)
    {
      SanastoLoadProblem *problem = problems->pdata[i];

      g_test_message ("problem: %s: %s (%s)", problem->path, problem->reason,
                      problem->skipped ? "skipped" : "kept");
      g_assert_true (g_utf8_validate (problem->path, -1, NULL));
      g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
      g_assert_null (strstr (problem->reason, SECRET));
    }

  /* Each bad file is named, with a reason. */
  assert_reported (glossary, "empty.md", TRUE);
  assert_reported (glossary, "blank.md", TRUE);
  assert_reported (glossary, "nul.md", TRUE);
  assert_reported (glossary, "outside-link.md", TRUE);
  assert_reported (glossary, "outside-dir", TRUE);
  assert_reported (glossary, "relative-outside.md", TRUE);
  assert_reported (glossary, "unterminated.md", FALSE);
  assert_reported (glossary, "self.md", TRUE);
  assert_reported (glossary, "ping.md", TRUE);
  assert_reported (glossary, "pong.md", TRUE);
  if (hostile.chmod_blocks)
    assert_reported (glossary, "unreadable.md", TRUE);
  else
    g_test_message ("Running as root: mode 000 does not keep the reader out");
  g_assert_false (has_entry_path (glossary, "empty.md"));
  g_assert_false (has_entry_path (glossary, "nul.md"));
  g_assert_false (has_entry_path (glossary, "outside"));
  g_assert_false (has_entry_path (glossary, "relative-outside"));
  g_assert_false (has_entry_path (glossary, "self.md"));
  g_assert_false (has_entry_path (glossary, "ping.md"));

  /* Every good file opens (its page is checked for its text below). */
  for (guint i = 0; i < hostile_n_good_entries; i++)
    if (sanasto_glossary_lookup (glossary, "", hostile_good_entries[i].slug) == NULL)
      g_error ("The good article %s did not open", hostile_good_entries[i].slug);
  /* Odd file names are articles too, under names that display. */
  g_assert_true (has_entry_path (glossary, "bad-name-"));
  g_assert_true (has_entry_path (glossary, "new\nline.md"));

  /* The unreadable file and the one removed after loading fail with a clear error. */
  removed = g_build_filename (hostile.root, "removed.md", NULL);
  g_assert_cmpint (g_unlink (removed), ==, 0);
  entry = sanasto_glossary_lookup (glossary, "", "removed");
  g_assert_nonnull (entry);
  {
    g_autofree char *body = sanasto_glossary_read_body (glossary, entry, &error);

    g_assert_null (body);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "removed.md"));
    g_clear_error (&error);
  }

  /* Every entry renders (or fails cleanly) to a safe page. */
  n = g_list_model_get_n_items (G_LIST_MODEL (glossary));
  g_test_message ("%u entries, %u problems", n, problems->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) item = g_list_model_get_item (G_LIST_MODEL (glossary), i);
      g_autofree char *page = NULL;

      assert_entry_safe (item);
      page = sanasto_renderer_render_page (glossary, item, &error);
      if (page == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_test_message ("%s: %s", sanasto_entry_get_slug (item), error->message);
          g_clear_error (&error);
          continue;
        }
      assert_page_safe (page, sanasto_entry_get_path (item));
      /* A line of markup soup stays light enough for WebKit to lay out (see INLINE_BUDGET). */
      if (strcmp (sanasto_entry_get_slug (item), "long-line") == 0)
        {
          guint tags = 0;

          for (const char *c = strstr (page, "<body>"); *c; c++)
            tags += *c == '<';
          g_assert_cmpuint (tags, <, 3000);
        }
      for (guint j = 0; j < hostile_n_good_entries; j++)
        if (strcmp (sanasto_entry_get_slug (item), hostile_good_entries[j].slug) == 0 &&
            strstr (page, hostile_good_entries[j].word) == NULL)
          g_error ("The page of %s does not show its text", hostile_good_entries[j].slug);
    }

  g_test_message ("rendered at %.2f s", (g_get_monotonic_time () - start) / 1e6);

  /* The --check report names the problems, one per line, and is valid UTF-8. */
  status = sanasto_check_report (glossary, report);
  g_assert_cmpint (status, >=, 0);
  g_assert_cmpint (status, <=, 1);
  g_assert_true (g_utf8_validate (report->str, report->len, NULL));
  g_assert_null (strstr (report->str, SECRET));
  g_assert_nonnull (strstr (report->str, "empty.md"));
  g_assert_nonnull (strstr (report->str, "removed.md"));
  if (g_test_verbose ())
    g_test_message ("%s", report->str);
  /* A newline in a file name must not forge a line of its own. */
  lines = g_strsplit (report->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "BROKEN:"))
        g_error ("A file name forged a line of the report: %s", lines[i]);
      /* Nor may an escape sequence reach the terminal. */
      for (const char *c = lines[i]; *c; c++)
        if ((guchar) *c < 0x20)
          g_error ("A control character in the report: %s", lines[i]);
    }
  g_test_message ("checked at %.2f s", (g_get_monotonic_time () - start) / 1e6);

  hostile_free (&hostile);
}

/* The same folder, without the huge file, through the window-less async path. */
static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SanastoGlossary **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sanasto_glossary_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_hostile_async (void)
{
  Hostile hostile = { 0 };
  g_autoptr(SanastoGlossary) glossary = NULL;

  hostile_build (&hostile, 0);
  sanasto_glossary_load_async (hostile.root, NULL, load_done_cb, &glossary);
  while (glossary == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sanasto_glossary_lookup (glossary, "", "plain"));
  g_assert_nonnull (find_problem (glossary, "empty.md"));
  hostile_free (&hostile);
}

/* Plain writes: g_file_set_contents() goes through a temporary file each time, and 100,000
 * of those take a minute. */
static void
write_small (int         dir_fd,
             const char *name,
             const char *text)
{
  int fd = openat (dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  close (fd);
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static void
test_many_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sanasto-many-XXXXXX", &error);
  g_autofree char *page = NULL;
  gint64 start;
  long rss_before;
  int dir_fd;

  g_assert_no_error (error);
  dir_fd = open (tmp, O_RDONLY | O_DIRECTORY);
  g_assert_cmpint (dir_fd, >=, 0);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < MANY_FILES; i++)
    {
      char name[32], text[96];

      g_snprintf (name, sizeof name, "term-%06u.md", i);
      g_snprintf (text, sizeof text, "---\ntitle: Term %u\n---\nSee [next](term-%06u).\n", i,
                  (i + 1) % MANY_FILES);
      write_small (dir_fd, name, text);
    }
  close (dir_fd);

  g_test_message ("Wrote %u files in %.2f s", MANY_FILES, (g_get_monotonic_time () - start) / 1e6);
  rss_before = peak_rss_kb ();
  start = g_get_monotonic_time ();
  glossary = sanasto_glossary_load (tmp, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Loaded %u files in %.2f s; peak RSS %ld -> %ld kB", MANY_FILES,
                  (g_get_monotonic_time () - start) / 1e6, rss_before, peak_rss_kb ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (glossary)), ==, MANY_FILES);
  g_assert_cmpuint (sanasto_glossary_get_problems (glossary)->len, ==, 0);

  page = sanasto_renderer_render_page (glossary,
                                       sanasto_glossary_lookup (glossary, "", "term-099999"),
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "Term 99999"));

  g_clear_object (&glossary);
  start = g_get_monotonic_time ();
  hostile_remove_tree (tmp);
  g_test_message ("Removed them in %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/folder", test_hostile_folder);
  g_test_add_func ("/hostile/async", test_hostile_async);
  g_test_add_func ("/hostile/many-files", test_many_files);

  return g_test_run ();
}
