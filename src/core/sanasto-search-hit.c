/* sanasto-search-hit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sanasto-search-hit.h"

#include <string.h>

struct _SanastoSearchHit
{
  GObject             parent_instance;

  SanastoEntry       *entry;
  SanastoSearchMatch  match;
  gboolean            via_alias;
  char               *snippet;
  char               *link_target;
  char               *anchor_text;
  int                 line;
};

G_DEFINE_FINAL_TYPE (SanastoSearchHit, sanasto_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces the marks by open and close; the text between is markup-escaped when asked. */
static char *
format_snippet (const char *snippet,
                const char *open,
                const char *close,
                gboolean    escape)
{
  GString *out = g_string_sized_new (strlen (snippet) + 32);
  const char *p = snippet;

  while (*p != '\0')
    {
      gsize span = strcspn (p, SANASTO_SEARCH_HIT_MARK_START SANASTO_SEARCH_HIT_MARK_END);

      if (span > 0)
        {
          if (escape)
            {
              g_autofree char *escaped = g_markup_escape_text (p, span);
              g_string_append (out, escaped);
            }
          else
            g_string_append_len (out, p, span);
          p += span;
        }

      if (*p == SANASTO_SEARCH_HIT_MARK_START[0])
        g_string_append (out, open);
      else if (*p == SANASTO_SEARCH_HIT_MARK_END[0])
        g_string_append (out, close);
      else
        break;
      p++;
    }

  return g_string_free (out, FALSE);
}

static void
sanasto_search_hit_finalize (GObject *object)
{
  SanastoSearchHit *self = (SanastoSearchHit *)object;

  g_clear_object (&self->entry);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->link_target, g_free);
  g_clear_pointer (&self->anchor_text, g_free);

  G_OBJECT_CLASS (sanasto_search_hit_parent_class)->finalize (object);
}

static void
sanasto_search_hit_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SanastoSearchHit *self = SANASTO_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sanasto_search_hit_class_init (SanastoSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sanasto_search_hit_finalize;
  object_class->get_property = sanasto_search_hit_get_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL,
                         SANASTO_TYPE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sanasto_search_hit_init (SanastoSearchHit *self)
{
}

SanastoSearchHit *
sanasto_search_hit_new (SanastoEntry       *entry,
                        SanastoSearchMatch  match,
                        gboolean            via_alias,
                        const char         *snippet)
{
  SanastoSearchHit *self;

  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);

  self = g_object_new (SANASTO_TYPE_SEARCH_HIT, NULL);
  self->entry = g_object_ref (entry);
  self->match = match;
  self->via_alias = !!via_alias;
  self->snippet = g_strdup (snippet != NULL ? snippet : "");

  return self;
}

SanastoSearchHit *
sanasto_search_hit_new_link (SanastoEntry *source,
                             const char   *target,
                             const char   *anchor_text,
                             int           line,
                             const char   *context)
{
  SanastoSearchHit *self;

  g_return_val_if_fail (target != NULL, NULL);

  self = sanasto_search_hit_new (source, SANASTO_SEARCH_MATCH_LINK, FALSE, context);
  self->link_target = g_strdup (target);
  self->anchor_text = g_strdup (anchor_text != NULL ? anchor_text : "");
  self->line = line;

  return self;
}

SanastoEntry *
sanasto_search_hit_get_entry (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return self->entry;
}

SanastoSearchMatch
sanasto_search_hit_get_match (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), SANASTO_SEARCH_MATCH_FULL_TEXT);

  return self->match;
}

gboolean
sanasto_search_hit_get_via_alias (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), FALSE);

  return self->via_alias;
}

const char *
sanasto_search_hit_get_snippet (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return self->snippet;
}

char *
sanasto_search_hit_get_snippet_markup (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return format_snippet (self->snippet, "<b>", "</b>", TRUE);
}

char *
sanasto_search_hit_get_snippet_text (SanastoSearchHit *self,
                                     const char       *open,
                                     const char       *close)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return format_snippet (self->snippet, open != NULL ? open : "", close != NULL ? close : "",
                         FALSE);
}

const char *
sanasto_search_hit_get_link_target (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return self->link_target;
}

const char *
sanasto_search_hit_get_anchor_text (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), NULL);

  return self->anchor_text;
}

int
sanasto_search_hit_get_line (SanastoSearchHit *self)
{
  g_return_val_if_fail (SANASTO_IS_SEARCH_HIT (self), 0);

  return self->line;
}
