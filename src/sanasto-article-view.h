/* sanasto-article-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sanasto-glossary.h"

G_BEGIN_DECLS

#define SANASTO_TYPE_ARTICLE_VIEW (sanasto_article_view_get_type ())

/* The article pane: a WebKitWebView of its own context, serving the glossary through the
 * sanasto:// scheme, with a status page in its place when a page cannot be shown. */
G_DECLARE_FINAL_TYPE (SanastoArticleView, sanasto_article_view, SANASTO, ARTICLE_VIEW, AdwBin)

GtkWidget       *sanasto_article_view_new            (void);

void             sanasto_article_view_set_glossary   (SanastoArticleView *self,
                                                      SanastoGlossary    *glossary);
SanastoGlossary *sanasto_article_view_get_glossary   (SanastoArticleView *self);

void             sanasto_article_view_load_entry     (SanastoArticleView *self,
                                                      SanastoEntry       *entry);
/* The entry shown (follows back/forward and links), or NULL. */
SanastoEntry    *sanasto_article_view_get_entry      (SanastoArticleView *self);
const char      *sanasto_article_view_get_uri        (SanastoArticleView *self);

gboolean         sanasto_article_view_can_go_back    (SanastoArticleView *self);
gboolean         sanasto_article_view_can_go_forward (SanastoArticleView *self);
void             sanasto_article_view_go_back        (SanastoArticleView *self);
void             sanasto_article_view_go_forward     (SanastoArticleView *self);
void             sanasto_article_view_reload         (SanastoArticleView *self);

/* One of the fixed zoom steps; returns the level set. */
double           sanasto_article_view_get_zoom       (SanastoArticleView *self);
void             sanasto_article_view_set_zoom       (SanastoArticleView *self,
                                                      double              level);
gboolean         sanasto_article_view_zoom_step      (SanastoArticleView *self,
                                                      int                 direction);

/* Find in page; text NULL or "" ends the search. backwards: the previous match. */
void             sanasto_article_view_find           (SanastoArticleView *self,
                                                      const char         *text);
void             sanasto_article_view_find_next      (SanastoArticleView *self,
                                                      gboolean            backwards);

void             sanasto_article_view_print          (SanastoArticleView *self);

G_END_DECLS
