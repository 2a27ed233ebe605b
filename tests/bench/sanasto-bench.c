/* sanasto-bench.c: speed of opening, indexing, searching and rendering a large glossary.
 *
 * sanasto-bench [--entries N] [--queries N] [--large] [DIR]
 *
 * Without DIR, generates a corpus shaped like the largest real glossaries in a temporary folder.
 * Every figure comes with a baseline measured in the same run on the same files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cmark.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanasto-corpus.h"
#include "sanasto-glossary.h"
#include "sanasto-index.h"
#include "sanasto-renderer.h"

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

static const GOptionEntry options[] = {
  { "entries", 'n', 0, G_OPTION_ARG_INT, &entries, "Articles in the generated corpus", "N" },
  { "queries", 'q', 0, G_OPTION_ARG_INT, &n_queries, "Full-text queries to time", "N" },
  { "rg-queries", 0, 0, G_OPTION_ARG_INT, &n_rg_queries, "Queries to time with rg", "N" },
  { "large", 0, 0, G_OPTION_ARG_NONE, &large, "Also time a warm open of 100,000 articles", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated corpus", NULL },
  { NULL }
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
row (const char *what,
     double      ours,
     const char *baseline_name,
     double      baseline)
{
  if (baseline_name != NULL && baseline > 0)
    printf ("| %-50s | %10.2f ms | %-28s | %10.2f ms | %6.2f |\n",
            what, ours, baseline_name, baseline, ours / baseline);
  else
    printf ("| %-50s | %10.2f ms | %-28s | %13s | %6s |\n", what, ours, "", "", "");
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

  return ms_since (start);
}

static SanastoIndex *
open_index (SanastoGlossary *glossary,
            double          *ms)
{
  g_autoptr(GError) error = NULL;
  SanastoIndex *index = sanasto_index_new (glossary);
  gint64 start = g_get_monotonic_time ();

  if (!sanasto_index_open (index, NULL, &error))
    g_error ("Cannot open the index: %s", error->message);
  *ms = ms_since (start);

  return index;
}

static SanastoGlossary *
load (const char *dir,
      double     *ms)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  SanastoGlossary *glossary = sanasto_glossary_load (dir, NULL, &error);

  if (glossary == NULL)
    g_error ("Cannot open %s: %s", dir, error->message);
  *ms = ms_since (start);

  return glossary;
}

static void
bench_large (const char *tmp)
{
  g_autofree char *dir = g_build_filename (tmp, "large", NULL);
  const char * const english[] = { "English", NULL };
  g_autoptr(SanastoGlossary) cold_glossary = NULL;
  g_autoptr(SanastoGlossary) warm_glossary = NULL;
  g_autoptr(SanastoIndex) cold = NULL;
  g_autoptr(SanastoIndex) warm = NULL;
  g_autoptr(GError) error = NULL;
  double load_ms, index_ms, warm_load_ms, warm_index_ms;
  guint64 bytes;
  double read_ms;

  fprintf (stderr, "Generating 100,000 articles…\n");
  if (!sanasto_corpus_generate (dir, 100000, english, 7, &error))
    g_error ("%s", error->message);

  cold_glossary = load (dir, &load_ms);
  cold = open_index (cold_glossary, &index_ms);
  g_clear_object (&cold);
  warm_glossary = load (dir, &warm_load_ms);
  warm = open_index (warm_glossary, &warm_index_ms);
  read_ms = read_all_files (warm_glossary, &bytes);

  row ("100,000: open, no cache (load + index)", load_ms + index_ms,
       "read every file", read_ms);
  row ("100,000: open, warm cache (load + index)", warm_load_ms + warm_index_ms,
       "read every file", read_ms);
  row ("100,000: of which index, warm", warm_index_ms, NULL, 0);

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
  g_autoptr(SanastoIndex) index = NULL;
  g_autoptr(SanastoIndex) warm_index = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *by_kind[N_KINDS];
  const char * const kind_names[N_KINDS] = {
    "one common word (titles and text)", "two common words (text)", "one rare word (text)",
    "word prefix, as typed",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  const char * const *words;
  guint n_words;
  double load_ms, index_ms, warm_load_ms, warm_index_ms, read_ms;
  double render_ms = 0, cmark_ms = 0;
  guint64 bytes, total_hits = 0;
  guint n_items, n_rendered = 0;
  GStatBuf st;
  g_autofree char *db_path = NULL;

  for (guint k = 0; k < N_KINDS; k++)
    by_kind[k] = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("sanasto-bench: %s\n", error != NULL ? error->message : "one folder at most");
      return 2;
    }

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
      fprintf (stderr, "Generated in %.1f s\n", ms_since (start) / 1000.0);
    }

  /* Opening: no cache, then warm. */
  glossary = load (dir, &load_ms);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (glossary));
  read_ms = read_all_files (glossary, &bytes);
  fprintf (stderr, "Indexing %u articles (%.1f MB)…\n", n_items, bytes / 1e6);
  index = open_index (glossary, &index_ms);

  warm_glossary = load (dir, &warm_load_ms);
  warm_index = open_index (warm_glossary, &warm_index_ms);
  g_clear_object (&index);

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
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = sanasto_index_search (warm_index, queries->pdata[i], NULL, 50);
      double ms;

      /* The window shows snippets as markup: count making them. */
      for (guint h = 0; h < hits->len; h++)
        g_free (sanasto_search_hit_get_snippet_markup (hits->pdata[h]));
      ms = ms_since (start);
      g_array_append_val (ours, ms);
      g_array_append_val (by_kind[i % N_KINDS], ms);
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
      ms = ms_since (start);
      g_array_append_val (theirs, ms);
    }

  /* Rendering: the app's page against bare cmark on the same bytes. */
  for (guint i = 0; i < n_items && n_rendered < 300; i += MAX (1, n_items / 300))
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (warm_glossary), i);
      g_autofree char *body = sanasto_glossary_read_body (warm_glossary, entry, NULL);
      g_autofree char *page = NULL;
      char *html;
      gint64 start;

      if (body == NULL)
        continue;

      start = g_get_monotonic_time ();
      html = cmark_markdown_to_html (body, strlen (body), CMARK_OPT_DEFAULT);
      cmark_ms += ms_since (start);
      free (html);

      start = g_get_monotonic_time ();
      page = sanasto_renderer_render_page (warm_glossary, entry, NULL);
      render_ms += ms_since (start);
      n_rendered++;
    }

  printf ("\nsanasto-bench: %u articles, %.1f MB of Markdown, index %.1f MB, %d cores\n\n",
          n_items, bytes / 1e6, st.st_size / 1e6, g_get_num_processors ());
  printf ("| %-50s | %13s | %-28s | %13s | %6s |\n", "measure", "sanasto", "baseline", "baseline",
          "ratio");
  printf ("|%s|%s|%s|%s|%s|\n", "----------------------------------------------------",
          "---------------", "------------------------------", "---------------", "--------");
  row ("open, no cache: load (term list)", load_ms, "read every file", read_ms);
  row ("open, no cache: full-text index build", index_ms, NULL, 0);
  row ("open, no cache: load + index", load_ms + index_ms, "read every file", read_ms);
  row ("open, warm cache: load + index", warm_load_ms + warm_index_ms, "read every file", read_ms);
  row ("open, warm cache: of which index check", warm_index_ms, NULL, 0);
  if (ours->len > 0)
    {
      double rg50 = theirs->len > 0 ? percentile (theirs, 0.5) : 0;
      double rg95 = theirs->len > 0 ? percentile (theirs, 0.95) : 0;

      row ("search p50, all kinds (50 hits, snippets)", percentile (ours, 0.5),
           "rg -i -l WORD DIR, p50", rg50);
      row ("search p95, all kinds", percentile (ours, 0.95), "rg -i -l WORD DIR, p95", rg95);
      for (guint k = 0; k < N_KINDS; k++)
        {
          g_autofree char *p50 = g_strdup_printf ("search p50: %s", kind_names[k]);
          g_autofree char *p95 = g_strdup_printf ("search p95: %s", kind_names[k]);

          if (by_kind[k]->len == 0)
            continue;
          row (p50, percentile (by_kind[k], 0.5), "rg -i -l WORD DIR, p50", rg50);
          row (p95, percentile (by_kind[k], 0.95), "rg -i -l WORD DIR, p95", rg95);
        }
    }
  if (n_rendered > 0)
    row ("render page, mean", render_ms / n_rendered, "cmark_markdown_to_html, mean",
         cmark_ms / n_rendered);
  printf ("\n%u queries (%.1f hits on average), %u rg runs, %u pages rendered\n",
          queries->len, (double)total_hits / MAX (1, queries->len), theirs->len, n_rendered);

  fflush (stdout);

  if (large)
    bench_large (tmp);

  for (guint k = 0; k < N_KINDS; k++)
    g_array_unref (by_kind[k]);

  g_clear_object (&warm_index);
  if (!keep)
    remove_tree (tmp);
  else
    fprintf (stderr, "Kept %s\n", tmp);

  return EXIT_SUCCESS;
}
