/* sanasto-front-matter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the front matter of an article is. */
typedef enum
{
  SANASTO_FRONT_MATTER_NONE,          /* the text does not start with "---" */
  SANASTO_FRONT_MATTER_CLOSED,        /* "---" ... "---" found */
  SANASTO_FRONT_MATTER_UNTERMINATED,  /* opened but never closed in the text given */
} SanastoFrontMatterKind;

typedef struct _SanastoFrontMatter SanastoFrontMatter;

/* Finds the front matter in text (BOM already removed). CLOSED: the YAML is
 * text[*yaml_start, *yaml_end) and the body starts at *body_start. Otherwise *body_start is
 * 0. */
SanastoFrontMatterKind sanasto_front_matter_locate   (const char          *text,
                                                      gsize                length,
                                                      gsize               *yaml_start,
                                                      gsize               *yaml_end,
                                                      gsize               *body_start);

/* Whether the text between the fences reads as front matter at all: empty, or with a
 * "key:" line. A Markdown file that opens with a rule ("---") and has another one further
 * down is not front matter. */
gboolean               sanasto_front_matter_is_plausible (const char          *yaml,
                                                          gsize                length);

/* Parses YAML front matter (valid UTF-8, without the "---" lines). Invalid YAML is read
 * leniently as "key: value" lines and "- item" lists; *was_valid tells which. Aliases are
 * never expanded. Never NULL. */
SanastoFrontMatter    *sanasto_front_matter_parse    (const char          *yaml,
                                                      gsize                length,
                                                      gboolean            *was_valid);
void                   sanasto_front_matter_free     (SanastoFrontMatter  *front_matter);

/* Keys compare without case. A scalar's text (white space trimmed), or for a list its first
 * non-empty item; NULL when the key is absent or empty. */
const char            *sanasto_front_matter_get_string  (SanastoFrontMatter *front_matter,
                                                         const char         *key);
/* A list's non-empty items, or a scalar as one item; NULL when absent. Free with
 * g_strfreev(). */
char                 **sanasto_front_matter_get_list    (SanastoFrontMatter *front_matter,
                                                         const char         *key);
/* A list's items, or a scalar split at commas; items trimmed, empty ones dropped. */
char                 **sanasto_front_matter_get_comma_list (SanastoFrontMatter *front_matter,
                                                            const char         *key);
gboolean               sanasto_front_matter_get_boolean (SanastoFrontMatter *front_matter,
                                                         const char         *key,
                                                         gboolean            default_value);
guint                  sanasto_front_matter_get_n_keys  (SanastoFrontMatter *front_matter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SanastoFrontMatter, sanasto_front_matter_free)

G_END_DECLS
