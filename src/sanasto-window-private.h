/* sanasto-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests need to drive the window as a person would.
 */

#pragma once

#include "sanasto-article-view.h"
#include "sanasto-glossary.h"
#include "sanasto-term-matcher.h"
#include "sanasto-window.h"

G_BEGIN_DECLS

/* Shared by sanasto-window.c and sanasto-window-actions.c. */
struct _SanastoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *sidebar_title;
  GtkDropDown          *language_dropdown;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkSpinner           *spinner;
  GtkListView          *list_view;
  AdwStatusPage        *sidebar_status;
  AdwWindowTitle       *article_title;
  GtkSearchBar         *find_bar;
  GtkSearchEntry       *find_entry;
  GtkLabel             *find_label;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  AdwStatusPage        *content_status;
  GtkWidget            *content_status_button;
  SanastoArticleView   *article_view;
  GMenu                *recent_menu;

  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *folder;
  char                 *pending_term;
  char                 *term_after_check; /* not in the list from the index: asked again once
                                           * the folder is checked */
  SanastoGlossary      *glossary;
  SanastoTermMatcher   *matcher;
  GtkSingleSelection   *selection;
  char                **languages;
  char                 *language;
  char                 *last_toast;

  gboolean              loading;
  gboolean              syncing_selection;

  /* Bookmarks, history, contents, preferences: sanasto-window-reading.c. */
  struct _SanastoWindowReading *reading;
  /* Index, full-text hits, link preview: sanasto-window-search.c. */
  struct _SanastoWindowSearch  *search;
  /* File monitors and live reload: sanasto-window-reload.c. */
  struct _SanastoWindowReload  *reload;
};

/* Shows a reloaded glossary of the same folder (sanasto-window-reload.c): keeps the language,
 * the search text and the entry shown (by language and slug); its page is loaded again only
 * when page_changed (its file changed); an entry that is gone leaves the "no longer in this
 * glossary" state. */
/* A weak reference to self for an async callback's user_data, and the window back from it
 * (NULL once the window is gone; frees the reference). */
GWeakRef           *_sanasto_window_weak_ref_new     (SanastoWindow      *self);
SanastoWindow      *_sanasto_window_weak_ref_steal   (GWeakRef           *ref);
/* The term matcher for glossary's list (any thread). */
SanastoTermMatcher *_sanasto_window_build_matcher    (SanastoWindow      *self,
                                                      SanastoGlossary    *glossary);
/* The glossary from the index was checked against its folder (and replaced if it changed). */
void                _sanasto_window_check_done       (SanastoWindow      *self);
/* Tells, in a toast, how many files of glossary could not be read. */
void                _sanasto_window_report_problems  (SanastoWindow      *self,
                                                      SanastoGlossary    *glossary);
void                _sanasto_window_replace_glossary (SanastoWindow      *self,
                                                      SanastoGlossary    *glossary,
                                                      SanastoTermMatcher *matcher,
                                                      gboolean            page_changed);

/* Installs the win.* actions and their key bindings (sanasto-window-actions.c). */
void                _sanasto_window_class_add_actions (GtkWidgetClass *widget_class);

SanastoArticleView *sanasto_window_get_article_view (SanastoWindow *self);
GtkEditable        *_sanasto_window_get_search_entry (SanastoWindow *self);
GtkListView        *_sanasto_window_get_list_view    (SanastoWindow *self);
GtkDropDown        *_sanasto_window_get_language_switcher (SanastoWindow *self);
/* The list's model of matching entries (a SanastoTermMatcher), or NULL before loading. */
GListModel         *_sanasto_window_get_matches      (SanastoWindow *self);
/* TRUE while a folder is being loaded. */
gboolean            _sanasto_window_is_loading       (SanastoWindow *self);
/* The title of the last toast shown, or NULL. */
const char         *_sanasto_window_get_last_toast   (SanastoWindow *self);
/* The name of the visible child of the content stack ("article" or "status"). */
const char         *_sanasto_window_get_content_state (SanastoWindow *self);
/* The name of the visible child of the sidebar stack ("loading", "list" or "status"). */
const char         *_sanasto_window_get_sidebar_state (SanastoWindow *self);

G_END_DECLS
