/* sanasto-link-resolver.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

typedef enum
{
  SANASTO_LINK_INTERNAL,    /* an entry of this glossary */
  SANASTO_LINK_EXTERNAL,    /* http:, https:, mailto: - for the desktop's browser */
  SANASTO_LINK_UNRESOLVED,  /* looks like an entry link but names none */
  SANASTO_LINK_FILE,        /* a non-article file inside the root (an image): relative path */
  SANASTO_LINK_UNSAFE,      /* javascript:, data:, other schemes, escapes from the root: drop */
} SanastoLinkKind;

typedef struct
{
  SanastoLinkKind  kind;
  SanastoEntry    *entry;         /* INTERNAL: the target (owned by the glossary) */
  char            *fragment;      /* INTERNAL: decoded fragment without '#', or NULL */
  char            *file_path;     /* FILE: path relative to the root, '/'-separated */
  gboolean         via_fallback;  /* INTERNAL: found in another language than the source's */
  gboolean         via_alias;     /* INTERNAL: matched an alias, not a slug */
} SanastoLink;

void          sanasto_link_clear              (SanastoLink     *link);

/* Resolves target (the raw destination of a Markdown link) as written in the article of
 * from (may be NULL: then the fallback language and the root are the context). */
void          sanasto_link_resolver_resolve   (SanastoGlossary *glossary,
                                               SanastoEntry    *from,
                                               const char      *target,
                                               SanastoLink     *out);

/* For an unresolved target: an entry close enough to say "did you mean", or NULL. */
SanastoEntry *sanasto_link_resolver_suggest   (SanastoGlossary *glossary,
                                               SanastoEntry    *from,
                                               const char      *target);

G_END_DECLS
