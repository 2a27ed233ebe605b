/* window-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "window-test-support.h"

/* Generous: a slow machine must not fail the tests, a hang must. */
static int wait_seconds = 60;

/* Sets how long sanasto_test_wait_until() and sanasto_test_run_script() wait before they
 * give up (60 seconds unless set). */
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

/* Iterates the main context until @condition holds; a hang fails the test with g_error(). */
void
sanasto_test_wait_until (SanastoTestCondition condition,
                         gpointer             data,
                         const char          *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_seconds * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
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
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_seconds * G_USEC_PER_SEC;

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
