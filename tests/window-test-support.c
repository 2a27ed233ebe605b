/* window-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "window-test-support.h"

/* A slow machine must not fail the tests, a hang must. After this long a wait says what it
 * still waits for and what it sees; it gives up at GIVE_UP_FACTOR times as long. Measured
 * on two cores shared with two busy loops and other builds: a single wait for the first
 * article took 60 s and then passed, so 60 s was a limit that load alone could reach. */
static int wait_seconds = 60;
#define GIVE_UP_FACTOR 4

/* Sets after how long sanasto_test_wait_until() and sanasto_test_run_script() report that
 * they are still waiting (60 seconds unless set); they give up at four times that. */
void
sanasto_test_set_wait_seconds (int seconds)
{
  wait_seconds = seconds;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @condition holds; a hang fails the test with g_error(),
 * saying what @describe (if any) saw then. */
void
sanasto_test_wait_until_described (SanastoTestCondition condition,
                                   SanastoTestDescribe  describe,
                                   gpointer             data,
                                   const char          *what)
{
  gint64 start = g_get_monotonic_time ();
  gint64 report = start + (gint64) wait_seconds * G_USEC_PER_SEC;
  gint64 deadline = start + (gint64) wait_seconds * GIVE_UP_FACTOR * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (!condition (data))
    {
      gint64 now = g_get_monotonic_time ();

      if (now > report)
        {
          g_autofree char *seen = describe ? describe (data) : NULL;
          int waited = (int) ((now - start) / G_USEC_PER_SEC);

          if (now > deadline)
            g_error ("Gave up waiting for %s after %d s%s%s", what, waited, seen ? "; " : "",
                     seen ? seen : "");
          g_test_message ("Still waiting for %s after %d s%s%s", what, waited,
                          seen ? "; " : "", seen ? seen : "");
          report += (gint64) wait_seconds * G_USEC_PER_SEC;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

/* Iterates the main context until @condition holds; a hang fails the test with g_error(). */
void
sanasto_test_wait_until (SanastoTestCondition condition,
                         gpointer             data,
                         const char          *what)
{
  sanasto_test_wait_until_described (condition, NULL, data, what);
}

/* Lets pending redraws and signals run without waiting for anything in particular. */
void
sanasto_test_settle (int milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  gboolean  done;
  char     *result;
} ScriptResult;

static void
script_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScriptResult *script = user_data;
  g_autoptr(JSCValue) value = NULL;

  /* An error (the page is between two documents) reads as no answer; callers wait. */
  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  if (value != NULL && jsc_value_is_string (value))
    script->result = jsc_value_to_string (value);
  script->done = TRUE;
}

/* Runs a script in the page (page scripts are off; this still works) and returns its string
 * result, or NULL. */
char *
sanasto_test_run_script (WebKitWebView *web_view,
                         const char    *script)
{
  ScriptResult result = { FALSE, NULL };
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_seconds * GIVE_UP_FACTOR *
                    G_USEC_PER_SEC;

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, script_done_cb,
                                       &result);
  while (!result.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for the script %s", script);
      g_main_context_iteration (NULL, TRUE);
    }
  return result.result;
}

/* Removes a folder and everything in it; symbolic links are removed, never followed. */
void
sanasto_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sanasto_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* An empty folder of the test's own in the build tree (G_TEST_BUILDDIR, else beside the test
 * program), for XDG_DATA_HOME or XDG_CACHE_HOME: emptied now, not when the test ends. A
 * temporary folder removed at the end was written again by what outlives g_test_run() (a
 * history save in a worker thread, the Mesa shader cache of a closing web process) and was
 * left behind in /tmp. What is written after the end stays in the build tree until the next
 * run empties the folder. */
char *
sanasto_test_fresh_dir (const char *argv0,
                        const char *name)
{
  g_autofree char *program_dir = g_path_get_dirname (argv0);
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = NULL;

  if (build_dir == NULL)
    build_dir = program_dir;
  path = g_build_filename (build_dir, name, NULL);
  if (!g_path_is_absolute (path))
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *relative = g_steal_pointer (&path);

      path = g_build_filename (cwd, relative, NULL);
    }
  sanasto_test_remove_tree (path);
  if (g_mkdir_with_parents (path, 0700) != 0)
    g_error ("Cannot create %s: %s", path, g_strerror (errno));
  return g_steal_pointer (&path);
}
