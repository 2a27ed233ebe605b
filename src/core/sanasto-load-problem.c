/* sanasto-load-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sanasto-load-problem.h"

G_DEFINE_BOXED_TYPE (SanastoLoadProblem, sanasto_load_problem,
                     sanasto_load_problem_copy, sanasto_load_problem_free)

SanastoLoadProblem *
sanasto_load_problem_new (const char *path,
                          const char *reason,
                          gboolean    skipped)
{
  SanastoLoadProblem *problem = g_new0 (SanastoLoadProblem, 1);

  /* Paths come from the file system and may not be UTF-8; the problem is for display. */
  problem->path = path ? g_filename_display_name (path) : g_strdup ("");
  problem->reason = g_strdup (reason ? reason : "");
  problem->skipped = !!skipped;

  return problem;
}

SanastoLoadProblem *
sanasto_load_problem_copy (const SanastoLoadProblem *problem)
{
  SanastoLoadProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new0 (SanastoLoadProblem, 1);
  copy->path = g_strdup (problem->path);
  copy->reason = g_strdup (problem->reason);
  copy->skipped = problem->skipped;

  return copy;
}

void
sanasto_load_problem_free (SanastoLoadProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->reason);
  g_free (problem);
}
