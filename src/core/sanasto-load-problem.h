/* sanasto-load-problem.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_LOAD_PROBLEM (sanasto_load_problem_get_type ())

/* A file of the glossary folder that could not be read or parsed as it should, and why.
 * "skipped" tells whether the article was left out or kept as well as it could be. */
typedef struct
{
  char     *path;     /* relative to the root, valid UTF-8 (escaped for display) */
  char     *reason;   /* a sentence for the user */
  gboolean  skipped;
} SanastoLoadProblem;

GType               sanasto_load_problem_get_type (void) G_GNUC_CONST;
SanastoLoadProblem *sanasto_load_problem_new      (const char         *path,
                                                   const char         *reason,
                                                   gboolean            skipped);
SanastoLoadProblem *sanasto_load_problem_copy     (const SanastoLoadProblem *problem);
void                sanasto_load_problem_free     (SanastoLoadProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SanastoLoadProblem, sanasto_load_problem_free)

G_END_DECLS
