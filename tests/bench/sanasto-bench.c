/* sanasto-bench.c: speed of opening, indexing, searching and rendering a large glossary.
 *
 * sanasto-bench [--entries N] [--queries N] [--large] [DIR]
 *
 * Without DIR, generates a corpus shaped like the largest real glossaries in a temporary folder.
 * Every figure comes with a baseline measured in the same run on the same files. Times are wall
 * clock and CPU (user + system, all threads of the process): on a shared machine the CPU time
 * is the steadier of the two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cmark.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-support.h"
#include "sanasto-corpus.h"
#include "sanasto-glossary.h"
#include "sanasto-index.h"
#include "sanasto-renderer.h"
#include "sanasto-renderer-private.h"
#include "sanasto-term-matcher.h"

enum {
  KIND_ONE_WORD,
  KIND_TWO_WORDS,
  KIND_RARE_WORD,
  KIND_PREFIX,
  N_KINDS
};

static int entries = 14000;
static int n_queries = 100;
static int n_rg_queries = 20;
static gboolean large;
static gboolean keep;
static char *warm_probe;

static const GOptionEntry options[] = {
  { "entries", 'n', 0, G_OPTION_ARG_INT, &entries, "Articles in the generated corpus", "N" },
  { "queries", 'q', 0, G_OPTION_ARG_INT, &n_queries, "Full-text queries to time", "N" },
  { "rg-queries", 0, 0, G_OPTION_ARG_INT, &n_rg_queries, "Queries to time with rg", "N" },
  { "large", 0, 0, G_OPTION_ARG_NONE, &large, "Also time a warm open of 100,000 articles", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated corpus", NULL },
  /* Internal: the warm open of the large corpus runs in a fresh process, so that its peak
   * memory is its own. */
  { "warm-probe", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &warm_probe, NULL, "DIR" },
  { NULL }
};

/* A wall clock and a CPU clock started together. */
typedef struct
{
  gint64 wall;
  double cpu;
} Clock;

static Clock
clock_start (void)
{
  Clock clock = { g_get_monotonic_time (), sanasto_bench_cpu_ms () };

  return clock;
}

static void
clock_stop (Clock   start,
            double *wall,
            double *cpu)
{
  *wall = sanasto_bench_ms_since (start.wall);
  if (cpu != NULL)
    *cpu = sanasto_bench_cpu_ms () - start.cpu;
}

/* CPU time of the calling thread, in ms: what a query costs, whatever else the machine does. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
table_head (void)
{
  printf ("| %-52s | %13s | %13s | %-30s | %13s | %8s |\n", "measure", "sanasto", "sanasto CPU",
          "baseline", "baseline", "ratio");
  printf ("|%s|%s|%s|%s|%s|%s|\n", "------------------------------------------------------",
          "---------------", "---------------", "--------------------------------",
          "---------------", "----------");
}

/* cpu < 0: not measured. The ratio is ours / baseline (below 1: faster than the baseline). */
static void
row_cpu (const char *what,
         double      ours,
         double      cpu,
         const char *baseline_name,
         double      baseline)
{
  g_autofree char *cpu_text = cpu >= 0 ? g_strdup_printf ("%10.2f ms", cpu) : g_strdup ("");

  if (baseline_name != NULL && baseline > 0)
    printf ("| %-52s | %10.2f ms | %13s | %-30s | %10.2f ms | %8.3f |\n",
            what, ours, cpu_text, baseline_name, baseline, ours / baseline);
  else
    printf ("| %-52s | %10.2f ms | %13s | %-30s | %13s | %8s |\n", what, ours, cpu_text, "", "",
            "");
}

static void
row (const char *what,
     double      ours,
     const char *baseline_name,
     double      baseline)
{
  row_cpu (what, ours, -1, baseline_name, baseline);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *times,
            double  p)
{
  guint i;

  g_array_sort (times, compare_doubles);
  i = (guint)(p * (times->len - 1) + 0.5);
  return g_array_index (times, double, MIN (i, times->len - 1));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Baseline for opening: read every article's bytes, nothing else. */
static double
read_all_files (SanastoGlossary *glossary,
                guint64         *bytes)
{
  GListModel *model = G_LIST_MODEL (glossary);
  const char *root = sanasto_glossary_get_root (glossary);
  gint64 start = g_get_monotonic_time ();

  *bytes = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);
      g_autofree char *path = g_build_filename (root, sanasto_entry_get_path (entry), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        *bytes += length;
    }

  return sanasto_bench_ms_since (start);
}

/* Peak resident memory of this process so far, in MB. */
static double
peak_rss_mb (void)
{
  return sanasto_bench_status_mb ("/proc/self/status", "VmHWM:");
}

static double
stat_all_files (const char *root)
{
  guint n_files;

  return sanasto_bench_stat_all_files (root, &n_files);
}

static SanastoIndex *
open_index (SanastoGlossary *glossary,
            double          *ms,
            double          *cpu)
{
  g_autoptr(GError) error = NULL;
  SanastoIndex *index = sanasto_index_new (glossary);
  Clock start = clock_start ();

  if (!sanasto_index_open (index, NULL, &error))
    g_error ("Cannot open the index: %s", error->message);
  clock_stop (start, ms, cpu);

  return index;
}

/* Loading the term list. Default: with a warm cache, unchanged articles come from the index
 * (one fstatat() each); with none, every article is read. SANASTO_INDEX_LOAD_FROM_INDEX, what
 * the app shows first: the index's entries without looking at the folder. */
static SanastoGlossary *
load (const char            *dir,
      SanastoIndexLoadFlags  flags,
      double                *ms,
      double                *cpu)
{
  g_autoptr(GError) error = NULL;
  Clock start = clock_start ();
  SanastoGlossary *glossary = sanasto_index_load_glossary (dir, flags, NULL, &error);

  if (glossary == NULL)
    g_error ("Cannot open %s: %s", dir, error->message);
  clock_stop (start, ms, cpu);

  return glossary;
}

/* Typing in the sidebar's filter: each word letter by letter, a space, the next word, then
 * the field cleared. Times every keystroke (sanasto_term_matcher_set_query() and reading the
 * first 30 rows, as the list shows them). */
static void
bench_term_matcher (SanastoGlossary *glossary,
                    GArray          *times,
                    GArray          *cpu_times,
                    guint            n_texts)
{
  g_autoptr(SanastoTermMatcher) matcher = sanasto_term_matcher_new (G_LIST_MODEL (glossary));
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const char *language = sanasto_glossary_get_fallback_language (glossary);
  const char * const *words;
  guint n_words;

  words = sanasto_corpus_get_words (&n_words);
  for (guint q = 0; q < n_texts; q++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", words[g_rand_int_range (rand, 0, n_words)],
                                               words[g_rand_int_range (rand, 0, n_words)]);
      gsize length = strlen (text);

      for (gsize n = 1; n <= length + 1; n++)
        {
          g_autofree char *typed = n <= length ? g_strndup (text, n) : g_strdup ("");
          double cpu_start = thread_cpu_ms ();
          gint64 start = g_get_monotonic_time ();
          GListModel *model = G_LIST_MODEL (matcher);
          guint shown;
          double ms, cpu;

          sanasto_term_matcher_set_query (matcher, language, typed);
          shown = MIN (30, g_list_model_get_n_items (model));
          for (guint i = 0; i < shown; i++)
            g_object_unref (g_list_model_get_item (model, i));
          ms = sanasto_bench_ms_since (start);
          cpu = thread_cpu_ms () - cpu_start;
          g_array_append_val (times, ms);
          g_array_append_val (cpu_times, cpu);
        }
    }
}

/* The app's check of a term list from the index against the folder, in the background. */
static SanastoGlossary *
load_again (SanastoGlossary *shown,
            double          *ms,
            double          *cpu)
{
  g_autoptr(GError) error = NULL;
  Clock start = clock_start ();
  SanastoGlossary *glossary = sanasto_glossary_load_again (shown, NULL, &error);

  if (glossary == NULL)
    g_error ("Cannot load %s again: %s", sanasto_glossary_get_root (shown), error->message);
  clock_stop (start, ms, cpu);
  if (!sanasto_glossary_same_entries (shown, glossary))
    g_error ("The folder did not change, yet the entries from the index differ from it");

  return glossary;
}

/* The large corpus's warm open, in a fresh process (see bench_large()), as the app does it:
 * the term list from the index, the index opened, the folder checked, a filter typed. Prints
 * one line of figures for the parent to read. */
static int
run_warm_probe (const char *dir)
{
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(SanastoGlossary) checked = NULL;
  g_autoptr(SanastoGlossary) walked = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double load_ms, load_cpu, index_ms, index_cpu, check_ms, check_cpu, walk_ms, walk_cpu;
  double rss, stat_ms;

  glossary = load (dir, SANASTO_INDEX_LOAD_FROM_INDEX, &load_ms, &load_cpu);
  if (!sanasto_glossary_is_from_index (glossary))
    g_error ("The warm open did not use the index");
  index = open_index (glossary, &index_ms, &index_cpu);
  checked = load_again (glossary, &check_ms, &check_cpu);
  g_clear_object (&checked);
  rss = peak_rss_mb ();
  bench_term_matcher (glossary, keys, keys_cpu, 40);

  /* Baselines, after the app's work so that they do not warm anything for it. */
  stat_ms = stat_all_files (dir);
  walked = load (dir, SANASTO_INDEX_LOAD_DEFAULT, &walk_ms, &walk_cpu);

  printf ("%f %f %f %f %f %f %f %u %f %f %f %f %f %f %f\n", load_ms, load_cpu, index_ms,
          index_cpu, rss, percentile (keys, 0.5), percentile (keys, 0.95), keys->len, stat_ms,
          percentile (keys_cpu, 0.5), percentile (keys_cpu, 0.95), check_ms, check_cpu,
          walk_ms, walk_cpu);
  return sanasto_index_get_files_read (index) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static char *program_path;

static void
bench_large (const char *tmp)
{
  g_autofree char *dir = g_build_filename (tmp, "large", NULL);
  const char * const english[] = { "English", NULL };
  g_autoptr(SanastoGlossary) cold_glossary = NULL;
  g_autoptr(SanastoIndex) cold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *probe_argv[] = { program_path, "--warm-probe", dir, NULL };
  double load_ms, load_cpu, index_ms, index_cpu;
  double warm_load_ms, warm_load_cpu, warm_index_ms, warm_index_cpu, rss, key50, key95;
  double check_ms, check_cpu, walk_ms, walk_cpu;
  guint n_keys;
  double stat_ms, key50_cpu, key95_cpu;
  int status = 0;
  guint64 bytes;
  double read_ms;

  fprintf (stderr, "Generating 100,000 articles…\n");
  if (!sanasto_corpus_generate (dir, 100000, english, 7, &error))
    g_error ("%s", error->message);
  g_usleep (2 * G_USEC_PER_SEC);

  fprintf (stderr, "Loading and indexing 100,000 articles…\n");
  cold_glossary = load (dir, SANASTO_INDEX_LOAD_FROM_INDEX, &load_ms, &load_cpu);
  cold = open_index (cold_glossary, &index_ms, &index_cpu);
  read_ms = read_all_files (cold_glossary, &bytes);
  g_clear_object (&cold);
  g_clear_object (&cold_glossary);

  /* A fresh process: the app opening the folder again, its peak memory its own. */
  if (!g_spawn_sync (NULL, (char **)probe_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%lf %lf %lf %lf %lf %lf %lf %u %lf %lf %lf %lf %lf %lf %lf", &warm_load_ms,
              &warm_load_cpu, &warm_index_ms, &warm_index_cpu, &rss, &key50, &key95, &n_keys,
              &stat_ms, &key50_cpu, &key95_cpu, &check_ms, &check_cpu, &walk_ms,
              &walk_cpu) != 15)
    g_error ("The warm open of 100,000 articles failed: %s",
             error != NULL ? error->message : out);

  printf ("\n100,000 articles (%.1f MB of Markdown):\n\n", bytes / 1e6);
  table_head ();
  row_cpu ("100,000: open, no cache: term list", load_ms, load_cpu, "read every file", read_ms);
  row_cpu ("100,000: open, no cache: full-text index build", index_ms, index_cpu, NULL, 0);
  row_cpu ("100,000: open, warm cache: term list", warm_load_ms, warm_load_cpu,
           "read every file", read_ms);
  row_cpu ("100,000: open, warm cache: term list", warm_load_ms, warm_load_cpu,
           "stat every file", stat_ms);
  row_cpu ("100,000: open, warm cache: index ready", warm_index_ms, warm_index_cpu, NULL, 0);
  row_cpu ("100,000: open, warm cache: folder checked (background)", check_ms, check_cpu,
           "stat every file", stat_ms);
  row_cpu ("100,000: open, warm: term list reading the folder", walk_ms, walk_cpu,
           "stat every file", stat_ms);
  row_cpu ("100,000: title filter per keystroke, p50", key50, key50_cpu, NULL, 0);
  row_cpu ("100,000: title filter per keystroke, p95", key95, key95_cpu, NULL, 0);
  printf ("\n%u keystrokes. Peak resident memory of a fresh process that opened the 100,000 "
          "articles with a warm cache (term list, index, folder checked, a filter): %.1f MB "
          "(VmHWM)\n",
          n_keys, rss);

  if (!keep)
    remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR]");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *rg = g_find_program_in_path ("rg");
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(SanastoGlossary) warm_glossary = NULL;
  g_autoptr(SanastoGlossary) walked = NULL;
  g_autoptr(SanastoGlossary) checked = NULL;
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(SanastoIndex) warm_index = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *by_kind[N_KINDS];
  GArray *cpu_by_kind[N_KINDS];
  g_autoptr(GArray) ours_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const char * const kind_names[N_KINDS] = {
    "one common word (titles and text)", "two common words (text)", "one rare word (text)",
    "word prefix, as typed",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  const char * const *words;
  guint n_words;
  double load_ms, load_cpu, index_ms, index_cpu, read_ms;
  double warm_load_ms, warm_load_cpu, warm_index_ms, warm_index_cpu;
  double walk_ms, walk_cpu, check_ms, check_cpu;
  double search_cpu = 0, stat_ms;
  double render_ms = 0, page_ms = 0, cmark_ms = 0, cmark_same_ms = 0;
  guint64 bytes, total_hits = 0;
  guint n_items, n_rendered = 0;
  GStatBuf st;
  g_autofree char *db_path = NULL;

  program_path = g_canonicalize_filename (argv[0], NULL);
  if (!g_file_test (program_path, G_FILE_TEST_EXISTS))
    {
      g_free (program_path);
      program_path = g_find_program_in_path (argv[0]);
    }

  for (guint k = 0; k < N_KINDS; k++)
    {
      by_kind[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu_by_kind[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("sanasto-bench: %s\n", error != NULL ? error->message : "one folder at most");
      return 2;
    }

  if (warm_probe != NULL)
    return run_warm_probe (warm_probe);

  tmp = g_dir_make_tmp ("sanasto-bench-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);

  /* A cache of our own, so that "no cache" means it. */
  cache = g_build_filename (tmp, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  if (argc == 2)
    dir = g_strdup (argv[1]);
  else
    {
      const char * const english[] = { "English", NULL };
      gint64 start = g_get_monotonic_time ();

      dir = g_build_filename (tmp, "corpus", NULL);
      fprintf (stderr, "Generating %d articles in %s…\n", entries, dir);
      if (!sanasto_corpus_generate (dir, entries, english, 42, &error))
        g_error ("%s", error->message);
      fprintf (stderr, "Generated in %.1f s\n", sanasto_bench_ms_since (start) / 1000.0);
      /* The index does not vouch for files changed in the two seconds before it read them
       * (file times are coarse); a real folder is not written just before it is opened. */
      g_usleep (2 * G_USEC_PER_SEC);
    }

  /* Opening: no cache, then warm. */
  glossary = load (dir, SANASTO_INDEX_LOAD_FROM_INDEX, &load_ms, &load_cpu);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (glossary));
  read_ms = read_all_files (glossary, &bytes);
  fprintf (stderr, "Indexing %u articles (%.1f MB)…\n", n_items, bytes / 1e6);
  index = open_index (glossary, &index_ms, &index_cpu);
  g_clear_object (&index);

  stat_ms = stat_all_files (dir);
  walked = load (dir, SANASTO_INDEX_LOAD_DEFAULT, &walk_ms, &walk_cpu);
  warm_glossary = load (dir, SANASTO_INDEX_LOAD_FROM_INDEX, &warm_load_ms, &warm_load_cpu);
  if (!sanasto_glossary_is_from_index (warm_glossary) ||
      !sanasto_glossary_same_entries (walked, warm_glossary))
    g_error ("The term list from the index is not the folder's");
  warm_index = open_index (warm_glossary, &warm_index_ms, &warm_index_cpu);
  if (sanasto_index_get_files_read (warm_index) != 0)
    g_error ("The warm open read %u files", sanasto_index_get_files_read (warm_index));
  checked = load_again (warm_glossary, &check_ms, &check_cpu);

  db_path = sanasto_index_get_database_path (sanasto_glossary_get_root (glossary));
  if (g_stat (db_path, &st) != 0)
    st.st_size = 0;

  /* Queries as people type them: one common word (titles match too), two words (the full
   * text), a rare word (the full text, few hits), the beginning of a word. */
  words = sanasto_corpus_get_words (&n_words);
  for (int i = 0; i < n_queries; i++)
    {
      const char *a = words[g_rand_int_range (rand, 0, n_words)];
      const char *b = words[g_rand_int_range (rand, 0, n_words)];

      switch (i % N_KINDS)
        {
        case KIND_ONE_WORD:
          g_ptr_array_add (queries, g_strdup (a));
          break;
        case KIND_TWO_WORDS:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", a, b));
          break;
        case KIND_RARE_WORD:
          g_ptr_array_add (queries, sanasto_corpus_make_rare_word (rand));
          break;
        default:
          g_ptr_array_add (queries, g_strndup (a, MAX (3, strlen (a) - 2)));
          break;
        }
    }

  for (guint i = 0; i < queries->len; i++)
    {
      double cpu_start = thread_cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = sanasto_index_search (warm_index, queries->pdata[i], NULL, 50);
      double ms, cpu;

      /* The window shows snippets as markup: count making them. */
      for (guint h = 0; h < hits->len; h++)
        g_free (sanasto_search_hit_get_snippet_markup (hits->pdata[h]));
      ms = sanasto_bench_ms_since (start);
      cpu = thread_cpu_ms () - cpu_start;
      search_cpu += cpu;
      g_array_append_val (ours, ms);
      g_array_append_val (ours_cpu, cpu);
      g_array_append_val (by_kind[i % N_KINDS], ms);
      g_array_append_val (cpu_by_kind[i % N_KINDS], cpu);
      total_hits += hits->len;
    }

  for (guint i = 0; rg != NULL && i < queries->len && theirs->len < (guint)n_rg_queries; i++)
    {
      /* rg takes one word; give it the first word of the query. */
      g_auto(GStrv) query_words = g_strsplit (queries->pdata[i], " ", 2);
      const char *rg_argv[] = { rg, "-i", "-l", query_words[0], dir, NULL };
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_spawn_sync (NULL, (char **)rg_argv, NULL,
                    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
      ms = sanasto_bench_ms_since (start);
      g_array_append_val (theirs, ms);
    }

  bench_term_matcher (warm_glossary, keys, keys_cpu, 40);

  /* Rendering: the app's page against bare cmark on the same bytes, both from memory; then the
   * page as the app asks for it, reading the file included. */
  for (guint i = 0; i < n_items && n_rendered < 300; i += MAX (1, n_items / 300))
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (warm_glossary), i);
      g_autofree char *body = sanasto_glossary_read_body (warm_glossary, entry, NULL);
      g_autofree char *page = NULL;
      g_autofree char *read_page = NULL;
      char *html;
      gint64 start;

      if (body == NULL)
        continue;

      start = g_get_monotonic_time ();
      html = cmark_markdown_to_html (body, strlen (body), CMARK_OPT_DEFAULT);
      cmark_ms += sanasto_bench_ms_since (start);
      free (html);

      /* The options the app parses with. */
      start = g_get_monotonic_time ();
      html = cmark_markdown_to_html (body, strlen (body), CMARK_OPT_VALIDATE_UTF8);
      cmark_same_ms += sanasto_bench_ms_since (start);
      free (html);

      start = g_get_monotonic_time ();
      page = _sanasto_renderer_render_markdown (warm_glossary, entry, body, strlen (body));
      render_ms += sanasto_bench_ms_since (start);

      start = g_get_monotonic_time ();
      read_page = sanasto_renderer_render_page (warm_glossary, entry, NULL);
      page_ms += sanasto_bench_ms_since (start);
      n_rendered++;
    }

  printf ("\nsanasto-bench: %u articles, %.1f MB of Markdown, index %.1f MB, %d cores\n\n",
          n_items, bytes / 1e6, st.st_size / 1e6, g_get_num_processors ());
  table_head ();
  row_cpu ("open, no cache: term list", load_ms, load_cpu, "read every file", read_ms);
  row_cpu ("open, no cache: full-text index build", index_ms, index_cpu, NULL, 0);
  row_cpu ("open, no cache: term list + index", load_ms + index_ms, load_cpu + index_cpu,
           "read every file", read_ms);
  row_cpu ("open, warm cache: term list", warm_load_ms, warm_load_cpu, "read every file", read_ms);
  row_cpu ("open, warm cache: term list", warm_load_ms, warm_load_cpu, "stat every file", stat_ms);
  row_cpu ("open, warm cache: index ready", warm_index_ms, warm_index_cpu, NULL, 0);
  row_cpu ("open, warm cache: term list + index", warm_load_ms + warm_index_ms,
           warm_load_cpu + warm_index_cpu, "stat every file", stat_ms);
  row_cpu ("open, warm cache: folder checked (background)", check_ms, check_cpu,
           "stat every file", stat_ms);
  row_cpu ("open, warm: term list reading the folder", walk_ms, walk_cpu, "stat every file",
           stat_ms);
  if (ours->len > 0)
    {
      double rg50 = theirs->len > 0 ? percentile (theirs, 0.5) : 0;
      double rg95 = theirs->len > 0 ? percentile (theirs, 0.95) : 0;

      row_cpu ("search p50, all kinds (50 hits, snippets)", percentile (ours, 0.5),
               percentile (ours_cpu, 0.5), "rg -i -l WORD DIR, p50", rg50);
      row_cpu ("search p95, all kinds", percentile (ours, 0.95), percentile (ours_cpu, 0.95),
               "rg -i -l WORD DIR, p95", rg95);
      for (guint k = 0; k < N_KINDS; k++)
        {
          g_autofree char *p50 = g_strdup_printf ("search p50: %s", kind_names[k]);
          g_autofree char *p95 = g_strdup_printf ("search p95: %s", kind_names[k]);

          if (by_kind[k]->len == 0)
            continue;
          row_cpu (p50, percentile (by_kind[k], 0.5), percentile (cpu_by_kind[k], 0.5),
                   "rg -i -l WORD DIR, p50", rg50);
          row_cpu (p95, percentile (by_kind[k], 0.95), percentile (cpu_by_kind[k], 0.95),
                   "rg -i -l WORD DIR, p95", rg95);
        }
    }
  if (keys->len > 0)
    {
      row_cpu ("title filter per keystroke, p50", percentile (keys, 0.5),
               percentile (keys_cpu, 0.5), NULL, 0);
      row_cpu ("title filter per keystroke, p95", percentile (keys, 0.95),
               percentile (keys_cpu, 0.95), NULL, 0);
    }
  if (n_rendered > 0)
    {
      row ("render page from memory, mean", render_ms / n_rendered,
           "cmark_markdown_to_html, mean", cmark_ms / n_rendered);
      row ("render page from memory, mean", render_ms / n_rendered,
           "the same, VALIDATE_UTF8", cmark_same_ms / n_rendered);
      row ("render page, reading the file, mean", page_ms / n_rendered,
           "cmark_markdown_to_html, mean", cmark_ms / n_rendered);
    }
  printf ("\n%u queries (%.1f hits on average, %.2f ms of CPU on average; the CPU column of "
          "a search row is the percentile of the queries' own CPU times), "
          "%u rg runs, %u keystrokes, %u pages rendered\n",
          queries->len, (double)total_hits / MAX (1, queries->len),
          search_cpu / MAX (1, queries->len), theirs->len, keys->len,
          n_rendered);
  if (ours->len > 0 && theirs->len > 0)
    printf ("Full-text search against rg: %.0fx faster at the median, %.0fx at the 95th "
            "percentile\n", percentile (theirs, 0.5) / MAX (0.001, percentile (ours, 0.5)),
            percentile (theirs, 0.95) / MAX (0.001, percentile (ours, 0.95)));

  fflush (stdout);

  if (large)
    bench_large (tmp);

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_array_unref (by_kind[k]);
      g_array_unref (cpu_by_kind[k]);
    }

  g_clear_object (&warm_index);
  if (!keep)
    remove_tree (tmp);
  else
    fprintf (stderr, "Kept %s\n", tmp);

  g_free (program_path);
  return EXIT_SUCCESS;
}
