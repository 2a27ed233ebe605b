/* sanasto-article-style.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* The reader's font choices (article-font-size, article-font-family) as a user stylesheet,
 * which outranks the page's own and needs no page scripts. */

/* size 0 and family NULL or "" keep the page's own; family is quoted and escaped, so any
 * string is safe. Returns "" when there is nothing to override. */
char *sanasto_article_style_build_css (int         size,
                                       const char *family);
/* Applies the settings to web_view now and whenever they change, until web_view goes. */
void  sanasto_article_style_attach    (WebKitWebView *web_view,
                                       GSettings     *settings);

G_END_DECLS
