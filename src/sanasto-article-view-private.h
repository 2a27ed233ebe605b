/* sanasto-article-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "sanasto-article-view.h"

G_BEGIN_DECLS

/* What opens http(s) and mailto links; the tests capture the URI instead of launching. */
typedef void (*SanastoUriLauncher) (GtkWidget  *widget,
                                    const char *uri,
                                    gpointer    user_data);

void           _sanasto_article_view_set_launcher (SanastoArticleView *self,
                                                   SanastoUriLauncher  launcher,
                                                   gpointer            user_data);
WebKitWebView *_sanasto_article_view_get_web_view (SanastoArticleView *self);
/* TRUE while a page load is in progress. */
gboolean       _sanasto_article_view_is_loading   (SanastoArticleView *self);
/* The title of the status page shown instead of the page, or NULL while the page shows. */
const char    *_sanasto_article_view_get_error    (SanastoArticleView *self);

G_END_DECLS
