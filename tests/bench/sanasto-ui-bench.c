/* sanasto-ui-bench.c: speed and memory of opening a glossary in the real window.
 *
 * dbus-run-session -- xvfb-run -a sanasto-ui-bench [--timeout SECONDS] [--cache CACHE] DIR
 *
 * Does in one process what a person does: opens DIR in a new window with no index (cold), waits
 * for the term list, the first article and the index, closes the window; then opens DIR again
 * in a new window (warm: the term list comes from the index and is checked against the folder
 * in the background) and waits for the list, the first article, the index and the check.
 * Prints the wall and CPU time (this process, every thread; WebKit's processes are not in it)
 * from sanasto_window_open_folder() to each of these, the memory of the process, and the time
 * to stat every file of DIR measured in the same run.
 *
 * The index, settings and history go to a temporary folder of its own, removed at the end by
 * a parent process that waits for WebKit's processes too. With --cache, the index is kept
 * there: a second run with the same CACHE times a warm open in a fresh process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-support.h"
#include "sanasto-article-view-private.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reload-private.h"
#include "sanasto-window-search-private.h"
#include "window-test-support.h"

/* What a person waits for after opening a folder, in the order they usually come. */
typedef enum
{
  MILESTONE_LIST,
  MILESTONE_ARTICLE,
  MILESTONE_INDEX,
  MILESTONE_CHECK,
  N_MILESTONES
} Milestone;

static const char * const milestone_names[N_MILESTONES] = {
  "term list shown",
  "first article shown",
  "index ready",
  "folder checked (background)",
};

typedef struct
{
  SanastoWindow *window;
  gint64         start_wall;
  double         start_cpu;
  gboolean       expect_check;
  gboolean       reached[N_MILESTONES];
  double         wall[N_MILESTONES];
  double         cpu[N_MILESTONES];
  double         rss_at[N_MILESTONES];  /* MB, when reached */
  guint          rows;
  guint          entries;
  gboolean       from_index;
  guint          files_read;
  guint          reloads;
  gboolean       replaced;
  gboolean       load_failed;  /* the page load under way failed or was cancelled */
  GListModel    *listed;       /* the list's model when first shown; not a reference */
  char          *first_title;
  /* Memory, in MB: with the window shown before the folder is opened, and when all is done. */
  double         empty_rss;
  double         peak;
  double         rss;
  double         rss_anon;
  double         rss_file;
  double         children_rss;
  guint          n_children;
} Open;

static int timeout_seconds = 1200;
static char *cache_option;
static gboolean run_option;

static const GOptionEntry options[] = {
  { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_seconds,
    "Give up when one open takes longer (default 1200)", "SECONDS" },
  /* Run twice with the same --cache to time a warm open in a fresh process, the first. */
  { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_option,
    "Keep the index in CACHE (an XDG_CACHE_HOME), not in a temporary folder; an index already "
    "there makes the first open warm too", "CACHE" },
  /* Internal: the measuring process, under a parent that cleans up after it (main()). */
  { "run", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &run_option, NULL, NULL },
  { NULL }
};

/* Forgets the peak resident memory so far (Linux 4.0 and later), so that the next open's peak
 * is its own. FALSE when the kernel refuses. */
static gboolean
reset_peak_rss (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  gboolean done;

  if (fd < 0)
    return FALSE;
  done = write (fd, "5", 1) == 1;
  close (fd);
  return done;
}

static int
parent_of (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  const char *end;
  char state;
  int ppid;

  /* The name in parentheses may hold spaces: the fields that follow come after its last ')'. */
  if (!g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL ||
      sscanf (end + 1, " %c %d", &state, &ppid) != 2)
    return -1;
  return ppid;
}

/* Resident memory of every process started by this one (WebKit's web and network processes,
 * their sandbox), in MB; n is set to how many there are. Each is listed on stderr. */
static double
descendants_rss_mb (guint *n)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  GHashTableIter iter;
  gpointer key, value;
  const char *name;
  double total = 0;
  int self = getpid ();

  *n = 0;
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      int ppid;

      if (!g_ascii_isdigit (name[0]) || (ppid = parent_of (name)) < 0)
        continue;
      g_hash_table_insert (parents, GINT_TO_POINTER (atoi (name)), GINT_TO_POINTER (ppid));
    }

  g_hash_table_iter_init (&iter, parents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int ancestor = GPOINTER_TO_INT (value);

      for (guint depth = 0; ancestor > 1 && ancestor != self && depth < 64; depth++)
        ancestor = GPOINTER_TO_INT (g_hash_table_lookup (parents, GINT_TO_POINTER (ancestor)));
      if (ancestor == self)
        {
          g_autofree char *path = g_strdup_printf ("/proc/%d/status", GPOINTER_TO_INT (key));
          g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", GPOINTER_TO_INT (key));
          g_autofree char *comm = NULL;
          double rss = sanasto_bench_status_mb (path, "VmRSS:");

          g_file_get_contents (comm_path, &comm, NULL, NULL);
          fprintf (stderr, "  child %d %s: %.1f MB\n", GPOINTER_TO_INT (key),
                   comm != NULL ? g_strstrip (comm) : "?", rss);
          total += rss;
          (*n)++;
        }
    }
  return total;
}

/* Baseline: what any check for changed files costs, one fstatat() per file in a walk of the
 * folders (as in sanasto-bench.c). */
static void
reach (Open      *open_,
       Milestone  milestone)
{
  if (open_->reached[milestone])
    return;
  open_->reached[milestone] = TRUE;
  open_->wall[milestone] = sanasto_bench_ms_since (open_->start_wall);
  open_->cpu[milestone] = sanasto_bench_cpu_ms () - open_->start_cpu;
  open_->rss_at[milestone] = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");
  fprintf (stderr, "  %-28s %10.1f ms\n", milestone_names[milestone], open_->wall[milestone]);
}

/* The page of an entry finished loading: the first article is on screen. A signal rather than
 * polling, so that the time is the moment WebKit says so. */
static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 Open            *open_)
{
  SanastoArticleView *view = sanasto_window_get_article_view (open_->window);
  SanastoEntry *entry = sanasto_article_view_get_entry (view);

  if (event == WEBKIT_LOAD_STARTED)
    open_->load_failed = FALSE;
  /* A cancelled load (another page asked for) finishes too, with nothing shown. */
  if (event != WEBKIT_LOAD_FINISHED || entry == NULL || open_->load_failed ||
      open_->reached[MILESTONE_ARTICLE])
    return;
  reach (open_, MILESTONE_ARTICLE);
  open_->first_title = g_strdup (sanasto_entry_get_title (entry));
}

static void
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                Open            *open_)
{
  open_->load_failed = TRUE;
  if (!g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    g_error ("The article %s failed to load: %s", uri, error->message);
}

/* Records every milestone reached since the last look; TRUE once all expected are. */
static gboolean
look (Open *open_)
{
  SanastoWindow *window = open_->window;
  GListModel *matches = _sanasto_window_get_matches (window);
  SanastoIndex *index = _sanasto_window_get_index (window);

  if (!_sanasto_window_is_loading (window) && matches != NULL &&
      g_strcmp0 (_sanasto_window_get_sidebar_state (window), "list") == 0)
    {
      if (!open_->reached[MILESTONE_LIST])
        {
          SanastoGlossary *glossary = sanasto_window_get_glossary (window);

          open_->rows = g_list_model_get_n_items (matches);
          open_->entries = g_list_model_get_n_items (G_LIST_MODEL (glossary));
          open_->from_index = sanasto_glossary_is_from_index (glossary);
          open_->listed = matches;
          /* Only a term list from the index is checked against the folder. */
          open_->expect_check = open_->from_index;
        }
      reach (open_, MILESTONE_LIST);
    }
  if (open_->reached[MILESTONE_LIST] && !_sanasto_window_is_indexing (window) && index != NULL &&
      sanasto_index_is_ready (index))
    {
      if (!open_->reached[MILESTONE_INDEX])
        open_->files_read = sanasto_index_get_files_read (index);
      reach (open_, MILESTONE_INDEX);
    }
  if (open_->reached[MILESTONE_LIST] && open_->expect_check &&
      _sanasto_window_get_reloads_done (window) >= 1 && !_sanasto_window_is_reloading (window))
    reach (open_, MILESTONE_CHECK);

  return open_->reached[MILESTONE_LIST] && open_->reached[MILESTONE_ARTICLE] &&
         open_->reached[MILESTONE_INDEX] &&
         (open_->reached[MILESTONE_CHECK] || !open_->expect_check);
}

static gboolean
mapped (SanastoWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Opens dir in a new window and waits for everything a person waits for; closes the window
 * and waits until it is gone. The peak memory is read before closing. */
static void
open_in_window (const char *label,
                const char *dir,
                Open       *open_)
{
  SanastoWindow *window = sanasto_window_new (NULL);
  WebKitWebView *web_view;
  gint64 deadline;
  guint wake;

  fprintf (stderr, "%s open of %s\n", label, dir);
  open_->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&open_->window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  sanasto_test_wait_until ((SanastoTestCondition) mapped, window, "the window to show");

  web_view = _sanasto_article_view_get_web_view (sanasto_window_get_article_view (window));
  g_signal_connect (web_view, "load-changed", G_CALLBACK (load_changed_cb), open_);
  g_signal_connect (web_view, "load-failed", G_CALLBACK (load_failed_cb), open_);
  open_->empty_rss = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");

  open_->start_wall = g_get_monotonic_time ();
  open_->start_cpu = sanasto_bench_cpu_ms ();
  sanasto_window_open_folder (window, dir, NULL);

  /* One loop for every milestone: they may come in any order (a small folder's index can be
   * ready before its first page). Every change happens in a main context callback, so looking
   * after each iteration times it to the callback. */
  deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  wake = g_timeout_add (20, wake_cb, NULL);
  while (!look (open_))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The %s open gave up after %d s", label, timeout_seconds);
      if (!_sanasto_window_is_loading (window) &&
          g_strcmp0 (_sanasto_window_get_sidebar_state (window), "status") == 0)
        g_error ("The window shows no terms for %s", dir);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);

  open_->reloads = _sanasto_window_get_reload_count (window);
  /* The check replaces the term list only when the folder changed while the window was shut. */
  open_->replaced = _sanasto_window_get_matches (window) != open_->listed;
  open_->peak = sanasto_bench_status_mb ("/proc/self/status", "VmHWM:");
  open_->rss = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");
  open_->rss_anon = sanasto_bench_status_mb ("/proc/self/status", "RssAnon:");
  open_->rss_file = sanasto_bench_status_mb ("/proc/self/status", "RssFile:");
  open_->children_rss = descendants_rss_mb (&open_->n_children);

  g_signal_handlers_disconnect_by_data (web_view, open_);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Finalized before the next open; a window kept alive by a reference somewhere only delays
   * us. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (open_->window != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  if (open_->window != NULL)
    {
      fprintf (stderr, "The %s window was not finalized within 10 s\n", label);
      g_object_remove_weak_pointer (G_OBJECT (open_->window), (gpointer *)&open_->window);
      open_->window = NULL;
    }
  sanasto_test_settle (500);
}

static void
table_head (void)
{
  printf ("| %-50s | %13s | %13s | %10s | %-20s | %13s | %8s |\n", "measure", "wall", "CPU",
          "VmRSS", "baseline", "baseline", "ratio");
  printf ("|%s|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------------------",
          "---------------", "---------------", "------------", "----------------------",
          "---------------", "----------");
}

/* rss < 0: not measured. The ratio is wall / baseline. */
static void
row (const char *what,
     double      wall,
     double      cpu,
     double      rss,
     const char *baseline_name,
     double      baseline)
{
  g_autofree char *rss_text = rss >= 0 ? g_strdup_printf ("%7.1f MB", rss) : g_strdup ("");

  if (baseline_name != NULL && baseline > 0)
    printf ("| %-50s | %10.1f ms | %10.1f ms | %10s | %-20s | %10.1f ms | %8.2f |\n", what, wall,
            cpu, rss_text, baseline_name, baseline, wall / baseline);
  else
    printf ("| %-50s | %10.1f ms | %10.1f ms | %10s | %-20s | %13s | %8s |\n", what, wall, cpu,
            rss_text, "", "", "");
}

static void
mem_row (const char *label,
         const char *what,
         double      mb)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", label, what);

  printf ("| %-66s | %10.1f |\n", text, mb);
}

/* "cold (no index)", "warm (index)": how the list came. */
static char *
label_of (const char *name,
          Open       *open_)
{
  return g_strdup_printf ("%s (%s)", name, open_->from_index ? "index" : "no index");
}

static void
rows_of (const char *label,
         Open       *open_,
         double      stat_ms)
{
  for (guint m = 0; m < N_MILESTONES; m++)
    {
      g_autofree char *what = g_strdup_printf ("%s: %s", label, milestone_names[m]);

      if (!open_->reached[m])
        printf ("| %-50s | %13s | %13s | %10s | %-20s | %13s | %8s |\n", what, "(none)", "", "",
                "", "", "");
      else if (m == MILESTONE_LIST || m == MILESTONE_CHECK)
        row (what, open_->wall[m], open_->cpu[m], open_->rss_at[m], "stat every file", stat_ms);
      else
        row (what, open_->wall[m], open_->cpu[m], open_->rss_at[m], NULL, 0);
    }
}

static void
load_average (char *text,
              gsize size)
{
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) fields = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL) &&
      g_strv_length (fields = g_strsplit (loadavg, " ", 4)) >= 3)
    g_snprintf (text, size, "%s %s %s", fields[0], fields[1], fields[2]);
  else
    g_snprintf (text, size, "unknown");
}

static void
describe (const char *label,
          Open       *open_)
{
  const char *title = open_->first_title != NULL ? open_->first_title : "";

  printf ("%s: term list %s the index; first article \"%s\"; the index read %u files; ",
          label, open_->from_index ? "from" : "read without", title, open_->files_read);
  if (open_->expect_check)
    printf ("the check against the folder %s the term list (%u reload(s)).\n",
            open_->replaced ? "replaced" : "kept", open_->reloads);
  else
    printf ("no check against the folder (nothing to check).\n");
}

/* The measuring process: the environment is set (main()). */
static int
run (const char *dir)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  Open cold = { NULL, }, warm = { NULL, };
  double stat_ms, start_rss, closed_rss, trimmed_rss;
  guint n_files;
  gboolean peak_reset;
  char load_before[64], load_after[64];

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  if (schema == NULL)
    {
      g_printerr ("sanasto-ui-bench: no settings schema %s in %s (build data/gschemas.compiled)"
                  "\n", APP_ID, g_getenv ("GSETTINGS_SCHEMA_DIR"));
      return 1;
    }

  load_average (load_before, sizeof load_before);
  start_rss = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");

  open_in_window ("First", dir, &cold);
  /* What the cold open's window left behind; then the heap glibc keeps for reuse is handed
   * back, and the peak forgotten, so that the warm open's figures are its own, as in a fresh
   * process. The lifetime peak is the larger of the two peaks. */
  closed_rss = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");
  malloc_trim (0);
  trimmed_rss = sanasto_bench_status_mb ("/proc/self/status", "VmRSS:");
  peak_reset = reset_peak_rss ();
  open_in_window ("Second", dir, &warm);

  /* The baseline after the app's work, so that it warms nothing for it. */
  stat_ms = sanasto_bench_stat_all_files (dir, &n_files);
  load_average (load_after, sizeof load_after);

  first = label_of (cold.from_index ? "1st open" : "cold", &cold);
  second = label_of (warm.from_index ? "warm" : "2nd open", &warm);
  printf ("\nsanasto-ui-bench: %s, %u files, %u entries, %u rows in the term list, "
          "%d cores, load average %s before, %s after\n\n", dir, n_files, warm.entries,
          warm.rows, g_get_num_processors (), load_before, load_after);
  table_head ();
  rows_of (first, &cold, stat_ms);
  rows_of (second, &warm, stat_ms);
  row ("baseline: stat every file", stat_ms, 0, -1, NULL, 0);

  printf ("\n| %-66s | %10s |\n", "memory of the UI process (WebKit's processes apart)", "MB");
  printf ("|%s|%s|\n", "--------------------------------------------------------------------",
          "------------");
  mem_row ("baseline", "resident after adw_init(), no window (VmRSS)", start_rss);
  mem_row ("baseline", "resident, empty window shown (VmRSS)", cold.empty_rss);
  mem_row (first, "peak resident (VmHWM)", cold.peak);
  mem_row (first, "resident when done (VmRSS)", cold.rss);
  mem_row (first, "window closed: resident (VmRSS)", closed_rss);
  mem_row (first, "window closed: after malloc_trim() (VmRSS)", trimmed_rss);
  mem_row (second, "resident before, new empty window (VmRSS)", warm.empty_rss);
  if (peak_reset)
    {
      mem_row (second, "peak resident of this open alone (VmHWM)", warm.peak);
      mem_row (second, "peak resident over the process's life (VmHWM)",
               MAX (cold.peak, warm.peak));
    }
  else
    mem_row (second, "peak resident over the process's life (VmHWM)", warm.peak);
  mem_row (second, "resident when done (VmRSS)", warm.rss);
  mem_row (second, "added by the open (VmRSS done - empty window)", warm.rss - warm.empty_rss);
  mem_row (second, "of which anonymous (RssAnon)", warm.rss_anon);
  mem_row (second, "of which file-backed, libraries too (RssFile)", warm.rss_file);
  mem_row (second, "WebKit's and other child processes (VmRSS sum)", warm.children_rss);

  printf ("\n");
  describe ("1st open", &cold);
  describe ("2nd open", &warm);
  printf ("Processes started by the UI process (WebKit's, their sandbox) running: %u after the "
          "1st open, %u after the 2nd.\n", cold.n_children, warm.n_children);
  if (!peak_reset)
    printf ("The kernel refused to reset the peak (/proc/self/clear_refs): the 2nd open's "
            "peak includes the 1st.\n");
  printf ("Times run from sanasto_window_open_folder(); CPU is this process's, all threads, "
          "user + system. GSK_RENDERER=%s.\n",
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "(default)");
  fflush (stdout);

  g_free (cold.first_title);
  g_free (warm.first_title);
  return warm.from_index ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Waits for the measuring process and for everything it started: WebKit's processes outlive
 * the window and write to the cache (Mesa's shader cache) until they exit, after the
 * measuring process. As a subreaper, this process inherits them when orphaned. */
static int
run_and_reap (char **argv)
{
  g_autoptr(GPtrArray) child_argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid child;
  int child_status = 0;
  gint64 deadline = 0;

  prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  g_ptr_array_add (child_argv, "/proc/self/exe");
  g_ptr_array_add (child_argv, "--run");
  for (int i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (child_argv, argv[i]);
  g_ptr_array_add (child_argv, NULL);
  if (!g_spawn_async (NULL, (char **)child_argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CHILD_INHERITS_STDIN |
                      G_SPAWN_LEAVE_DESCRIPTORS_OPEN, NULL, NULL, &child, &error))
    {
      g_printerr ("sanasto-ui-bench: %s\n", error->message);
      return 1;
    }

  for (;;)
    {
      int status;
      pid_t pid = waitpid (-1, &status, deadline == 0 ? 0 : WNOHANG);

      if (pid == child)
        {
          child_status = status;
          deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
        }
      else if (pid == 0)
        {
          if (g_get_monotonic_time () > deadline)
            {
              g_printerr ("sanasto-ui-bench: processes left running after 30 s\n");
              break;
            }
          g_usleep (50000);
        }
      else if (pid < 0)
        break;
    }

  if (WIFEXITED (child_status))
    return WEXITSTATUS (child_status);
  g_printerr ("sanasto-ui-bench: the measuring process died (status %d)\n", child_status);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  int status;

  g_option_context_add_main_entries (context, options, NULL);
  g_option_context_set_summary (context, "Times opening DIR in the real window, cold then "
                                "warm. Run under dbus-run-session -- xvfb-run -a.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("sanasto-ui-bench: %s\n", error != NULL ? error->message : "one folder, please");
      return 2;
    }
  dir = g_canonicalize_filename (argv[1], NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("sanasto-ui-bench: %s is not a folder\n", dir);
      return 2;
    }

  if (run_option)
    {
      adw_init ();
      sanasto_test_set_wait_seconds (timeout_seconds);
      status = run (dir);
      g_free (cache_option);
      return status;
    }

  /* A cache, settings and data of our own, so that "cold" means no index (and no shader cache)
   * and nothing of the user's is touched. */
  tmp = g_dir_make_tmp ("sanasto-ui-bench-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);
  if (cache_option != NULL)
    cache = g_canonicalize_filename (cache_option, NULL);
  else
    cache = g_build_filename (tmp, "cache", NULL);
  config = g_build_filename (tmp, "config", NULL);
  data = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  /* Uninstalled: the schema compiled in the build tree. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);

  status = run_and_reap (args);
  sanasto_test_remove_tree (tmp);
  g_free (cache_option);
  return status;
}
