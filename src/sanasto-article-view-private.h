/* sanasto-article-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "sanasto-article-view.h"
#include "sanasto-index.h"

G_BEGIN_DECLS

/* What opens http(s) and mailto links; the tests capture the URI instead of launching. */
typedef void (*SanastoUriLauncher) (GtkWidget  *widget,
                                    const char *uri,
                                    gpointer    user_data);

void           _sanasto_article_view_set_launcher (SanastoArticleView *self,
                                                   SanastoUriLauncher  launcher,
                                                   gpointer            user_data);
WebKitWebView *_sanasto_article_view_get_web_view (SanastoArticleView *self);
/* The glossary's index, for the "Referenced by" section of each page; NULL or not ready
 * yet: pages are shown without it. */
void           _sanasto_article_view_set_index    (SanastoArticleView *self,
                                                   SanastoIndex       *index);
/* TRUE while a page load is in progress. */
gboolean       _sanasto_article_view_is_loading   (SanastoArticleView *self);
/* The same folder reloaded: keeps the page, its scroll position and history (reload). */
void           _sanasto_article_view_replace_glossary (SanastoArticleView *self,
                                                       SanastoGlossary    *glossary);
/* The title of the status page shown instead of the page, or NULL while the page shows. */
const char    *_sanasto_article_view_get_error    (SanastoArticleView *self);

G_END_DECLS
