/* sanasto-entry-ref.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SANASTO_TYPE_ENTRY_REF (sanasto_entry_ref_get_type ())

/* A remembered entry of some glossary (a bookmark, a history item): it names the entry
 * rather than holding it, so it outlives the glossary being open. */
typedef struct
{
  char   *root;      /* the glossary folder, canonical absolute path */
  char   *language;  /* "" for a glossary with one unnamed language */
  char   *slug;
  char   *title;     /* as it was when remembered, to show without loading the glossary */
  gint64  time;      /* when it was remembered, seconds since the epoch (UTC) */
} SanastoEntryRef;

GType            sanasto_entry_ref_get_type (void) G_GNUC_CONST;
SanastoEntryRef *sanasto_entry_ref_new      (const char            *root,
                                             const char            *language,
                                             const char            *slug,
                                             const char            *title,
                                             gint64                 time);
SanastoEntryRef *sanasto_entry_ref_copy     (const SanastoEntryRef *ref);
void             sanasto_entry_ref_free     (SanastoEntryRef       *ref);
/* Whether ref names this entry (the title and time do not matter). */
gboolean         sanasto_entry_ref_matches  (const SanastoEntryRef *ref,
                                             const char            *root,
                                             const char            *language,
                                             const char            *slug);

/* Copies of the refs of root (all when NULL), newest first; refs is kept oldest first. */
GPtrArray       *sanasto_entry_ref_list_newest_first (GPtrArray  *refs,
                                                      const char *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SanastoEntryRef, sanasto_entry_ref_free)

G_END_DECLS
