/* sanasto-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sanasto-entry.h"
#include "sanasto-glossary-private.h"

struct _SanastoEntry
{
  GObject       parent_instance;

  char         *path;
  const char   *language;     /* interned: a glossary of 100,000 entries has a few languages */
  char         *slug;
  char         *title;
  char         *description;
  const char  **keywords;     /* interned: a few categories repeat over thousands of terms */
  char        **aliases;
  char         *sort_key;
  gint64        mtime;        /* of the file when it was read, microseconds; 0: unknown */
  gint64        size;
  guint         draft : 1;
};

G_DEFINE_FINAL_TYPE (SanastoEntry, sanasto_entry, G_TYPE_OBJECT)

/* Read-only, for GtkExpression bindings in lists; an entry never changes once loaded. */
enum {
  PROP_0,
  PROP_PATH,
  PROP_LANGUAGE,
  PROP_SLUG,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static char **
copy_strv_or_null (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;
  return g_strdupv ((char **) strv);
}

static void
sanasto_entry_finalize (GObject *object)
{
  SanastoEntry *self = SANASTO_ENTRY (object);

  g_free (self->path);
  g_free (self->slug);
  g_free (self->title);
  g_free (self->description);
  g_free (self->keywords);
  g_strfreev (self->aliases);
  g_free (self->sort_key);

  G_OBJECT_CLASS (sanasto_entry_parent_class)->finalize (object);
}

static void
sanasto_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SanastoEntry *self = SANASTO_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, sanasto_entry_get_description (self));
      break;
    case PROP_DRAFT:
      g_value_set_boolean (value, self->draft);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sanasto_entry_class_init (SanastoEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sanasto_entry_finalize;
  object_class->get_property = sanasto_entry_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_DRAFT] = g_param_spec_boolean ("draft", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sanasto_entry_init (SanastoEntry *self)
{
  self->language = "";
}

SanastoEntry *
sanasto_entry_new (const char *path,
                   const char *language,
                   const char *slug,
                   const char *title)
{
  SanastoEntry *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  self = g_object_new (SANASTO_TYPE_ENTRY, NULL);
  self->path = g_strdup (path);
  self->language = g_intern_string (language ? language : "");
  self->slug = g_strdup (slug);
  self->title = g_strdup (title ? title : slug);

  return self;
}

void
sanasto_entry_set_description (SanastoEntry *self,
                               const char   *description)
{
  g_return_if_fail (SANASTO_IS_ENTRY (self));

  g_free (self->description);
  self->description = description && *description ? g_strdup (description) : NULL;
}

void
sanasto_entry_set_keywords (SanastoEntry       *self,
                            const char * const *keywords)
{
  g_return_if_fail (SANASTO_IS_ENTRY (self));

  g_clear_pointer (&self->keywords, g_free);
  if (keywords != NULL && keywords[0] != NULL)
    {
      guint n = g_strv_length ((char **) keywords);

      self->keywords = g_new (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->keywords[i] = g_intern_string (keywords[i]);
      self->keywords[n] = NULL;
    }
}

void
sanasto_entry_set_aliases (SanastoEntry       *self,
                           const char * const *aliases)
{
  g_return_if_fail (SANASTO_IS_ENTRY (self));

  g_strfreev (self->aliases);
  self->aliases = copy_strv_or_null (aliases);
}

void
sanasto_entry_set_draft (SanastoEntry *self,
                         gboolean      draft)
{
  g_return_if_fail (SANASTO_IS_ENTRY (self));

  self->draft = !!draft;
}

void
sanasto_entry_set_sort_key (SanastoEntry *self,
                            const char   *sort_key)
{
  g_return_if_fail (SANASTO_IS_ENTRY (self));

  g_free (self->sort_key);
  self->sort_key = g_strdup (sort_key);
}

const char *
sanasto_entry_get_path (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->path;
}

const char *
sanasto_entry_get_language (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->language;
}

const char *
sanasto_entry_get_slug (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->slug;
}

const char *
sanasto_entry_get_title (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->title;
}

const char *
sanasto_entry_get_description (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->description ? self->description : "";
}

const char * const *
sanasto_entry_get_keywords (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->keywords ? self->keywords : empty_strv;
}

const char * const *
sanasto_entry_get_aliases (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->aliases ? (const char * const *) self->aliases : empty_strv;
}

gboolean
sanasto_entry_get_draft (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), FALSE);

  return self->draft;
}

const char *
sanasto_entry_get_sort_key (SanastoEntry *self)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), NULL);

  return self->sort_key ? self->sort_key : self->title;
}

void
_sanasto_entry_set_stamp (SanastoEntry *self,
                          gint64        mtime,
                          gint64        size)
{
  self->mtime = mtime;
  self->size = size;
}

gboolean
_sanasto_entry_get_stamp (SanastoEntry *self,
                          gint64       *mtime,
                          gint64       *size)
{
  *mtime = self->mtime;
  *size = self->size;
  return self->mtime != 0;
}

gboolean
_sanasto_entry_has_sort_key (SanastoEntry *self)
{
  return self->sort_key != NULL;
}

static gboolean
strv_equal_or_empty (const char * const *a,
                     const char * const *b)
{
  return g_strv_equal (a != NULL ? a : empty_strv, b != NULL ? b : empty_strv);
}

gboolean
sanasto_entry_equal (SanastoEntry *self,
                     SanastoEntry *other)
{
  g_return_val_if_fail (SANASTO_IS_ENTRY (self), FALSE);
  g_return_val_if_fail (SANASTO_IS_ENTRY (other), FALSE);

  if (self == other)
    return TRUE;
  return self->mtime == other->mtime && self->size == other->size &&
         self->draft == other->draft &&
         g_str_equal (self->path, other->path) &&
         g_str_equal (self->language, other->language) &&
         g_str_equal (self->slug, other->slug) &&
         g_str_equal (self->title, other->title) &&
         g_strcmp0 (self->description, other->description) == 0 &&
         strv_equal_or_empty (self->keywords, other->keywords) &&
         strv_equal_or_empty ((const char * const *) self->aliases,
                              (const char * const *) other->aliases);
}

void
_sanasto_entry_take_sort_key (SanastoEntry *self,
                              char         *sort_key)
{
  g_free (self->sort_key);
  self->sort_key = sort_key;
}
