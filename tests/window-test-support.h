/* window-test-support.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the window tests share: waiting on the main context, running a script in the
 * article's web view, and removing a temporary folder.
 */

#pragma once

#include <glib.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

typedef gboolean (*SanastoTestCondition) (gpointer data);
/* What the test saw when it gave up, for the failure message. Newly allocated. */
typedef char    *(*SanastoTestDescribe)  (gpointer data);

void  sanasto_test_set_wait_seconds (int                  seconds);
void  sanasto_test_wait_until       (SanastoTestCondition condition,
                                     gpointer             data,
                                     const char          *what);
void  sanasto_test_wait_until_described (SanastoTestCondition condition,
                                        SanastoTestDescribe  describe,
                                        gpointer             data,
                                        const char          *what);
void  sanasto_test_settle           (int                  milliseconds);
char *sanasto_test_run_script       (WebKitWebView       *web_view,
                                     const char          *script);
void  sanasto_test_remove_tree      (const char          *path);
char *sanasto_test_fresh_dir       (const char          *argv0,
                                     const char          *name);

G_END_DECLS
