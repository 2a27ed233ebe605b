/* sanasto-front-matter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <yaml.h>

#include "sanasto-front-matter.h"

typedef struct
{
  char      *key;
  char      *scalar;  /* NULL for a list */
  GPtrArray *items;   /* NULL for a scalar */
} Field;

struct _SanastoFrontMatter
{
  GPtrArray *fields;
};

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->key);
  g_free (field->scalar);
  g_clear_pointer (&field->items, g_ptr_array_unref);
  g_free (field);
}

static Field *
add_field (SanastoFrontMatter *self,
           const char         *key,
           gssize              key_length)
{
  Field *field = g_new0 (Field, 1);

  field->key = key_length < 0 ? g_strdup (key) : g_strndup (key, key_length);
  g_strstrip (field->key);
  g_ptr_array_add (self->fields, field);

  return field;
}

static void
field_add_item (Field      *field,
                const char *text,
                gsize       length)
{
  if (field->items == NULL)
    field->items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (field->items, g_strstrip (g_strndup (text, length)));
}

static SanastoFrontMatter *
front_matter_new (void)
{
  SanastoFrontMatter *self = g_new0 (SanastoFrontMatter, 1);

  self->fields = g_ptr_array_new_with_free_func (field_free);
  return self;
}

void
sanasto_front_matter_free (SanastoFrontMatter *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/* Returns the length of a line that closes the front matter ("---" or "...", trailing
 * white space allowed), or 0. */
static gboolean
is_fence (const char *line,
          gsize       length,
          gboolean    opening)
{
  gsize i;

  if (length < 3)
    return FALSE;
  if (strncmp (line, "---", 3) != 0 && (opening || strncmp (line, "...", 3) != 0))
    return FALSE;
  for (i = 3; i < length; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

SanastoFrontMatterKind
sanasto_front_matter_locate (const char *text,
                             gsize       length,
                             gsize      *yaml_start,
                             gsize      *yaml_end,
                             gsize      *body_start)
{
  const char *end = text + length;
  const char *line;
  const char *newline;

  *yaml_start = *yaml_end = *body_start = 0;

  newline = memchr (text, '\n', length);
  if (!is_fence (text, newline ? (gsize) (newline - text) : length, TRUE))
    return SANASTO_FRONT_MATTER_NONE;
  if (newline == NULL)
    return SANASTO_FRONT_MATTER_UNTERMINATED;

  *yaml_start = newline + 1 - text;
  for (line = newline + 1; line < end; line = newline + 1)
    {
      newline = memchr (line, '\n', end - line);
      if (is_fence (line, newline ? (gsize) (newline - line) : (gsize) (end - line), FALSE))
        {
          *yaml_end = line - text;
          *body_start = newline ? (gsize) (newline + 1 - text) : length;
          return SANASTO_FRONT_MATTER_CLOSED;
        }
      if (newline == NULL)
        break;
    }

  *yaml_start = 0;
  return SANASTO_FRONT_MATTER_UNTERMINATED;
}

/* The strict reader: libyaml's event API, so anchors and aliases are never expanded (an
 * alias is simply ignored) and nothing is built that we do not keep. */
static gboolean
parse_yaml (SanastoFrontMatter *self,
            const char         *yaml,
            gsize               length)
{
  yaml_parser_t parser;
  yaml_event_t event;
  gboolean ok = TRUE;
  gboolean done = FALSE;
  int depth = 0;          /* 1 inside the top mapping */
  int skip_depth = 0;     /* > 0 while skipping a nested value */
  Field *current = NULL;  /* the field whose value comes next */
  gboolean in_list = FALSE;
  gboolean expect_key = TRUE;
  gboolean seen_mapping = FALSE;

  if (!yaml_parser_initialize (&parser))
    return FALSE;
  yaml_parser_set_input_string (&parser, (const unsigned char *) yaml, length);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        {
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_NO_EVENT:
          break;

        case YAML_DOCUMENT_END_EVENT:
          /* Only the first document is the front matter. */
          done = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (skip_depth > 0)
            skip_depth++;
          else if (depth == 0)
            {
              if (event.type != YAML_MAPPING_START_EVENT)
                ok = FALSE, done = TRUE;
              depth = 1;
              seen_mapping = TRUE;
            }
          else if (expect_key)
            skip_depth = 1;  /* a complex key: skip it; its value follows */
          else if (event.type == YAML_SEQUENCE_START_EVENT && !in_list && current != NULL)
            {
              in_list = TRUE;
              if (current->items == NULL)
                current->items = g_ptr_array_new_with_free_func (g_free);
            }
          else
            skip_depth = 1;
          break;

        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          if (skip_depth > 0)
            {
              if (--skip_depth == 0 && !in_list)
                {
                  expect_key = !expect_key;
                  if (expect_key)
                    current = NULL;
                }
            }
          else if (in_list)
            {
              in_list = FALSE;
              expect_key = TRUE;
              current = NULL;
            }
          else if (depth == 1)
            {
              depth = 0;
              done = TRUE;
            }
          break;

        case YAML_SCALAR_EVENT:
          if (skip_depth > 0 || depth == 0)
            break;
          if (in_list)
            field_add_item (current, (const char *) event.data.scalar.value,
                            event.data.scalar.length);
          else if (expect_key)
            {
              current = add_field (self, (const char *) event.data.scalar.value,
                                   event.data.scalar.length);
              expect_key = FALSE;
            }
          else
            {
              if (current != NULL)
                current->scalar = g_strstrip (g_strndup ((const char *) event.data.scalar.value,
                                                         event.data.scalar.length));
              expect_key = TRUE;
              current = NULL;
            }
          break;

        case YAML_ALIAS_EVENT:
          /* Never expanded ("billion laughs"): a value that is an alias is simply absent. */
          if (skip_depth > 0 || depth == 0 || in_list)
            break;
          if (expect_key)
            skip_depth = 0, expect_key = FALSE, current = NULL;
          else
            expect_key = TRUE, current = NULL;
          break;

        default:
          break;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);

  /* A document that is only a scalar ("just some text") is not front matter. */
  if (ok && !seen_mapping)
    {
      for (gsize i = 0; i < length; i++)
        if (!g_ascii_isspace (yaml[i]) && yaml[i] != '#')
          return FALSE;
        else if (yaml[i] == '#')
          while (i < length && yaml[i] != '\n')
            i++;
    }

  return ok;
}

static char *
unquote (const char *text,
         gsize       length)
{
  while (length > 0 && g_ascii_isspace (*text))
    text++, length--;
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;

  if (length >= 2 && (text[0] == '"' || text[0] == '\'') && text[length - 1] == text[0])
    return g_strndup (text + 1, length - 2);
  /* Cut off mid-sentence: an opening quote that never closes. */
  if (length >= 1 && (text[0] == '"' || text[0] == '\''))
    return g_strndup (text + 1, length - 1);

  return g_strndup (text, length);
}

static void
add_flow_items (Field      *field,
                const char *text)
{
  const char *p = text + 1;  /* after '[' */

  if (field->items == NULL)
    field->items = g_ptr_array_new_with_free_func (g_free);

  while (*p && *p != ']')
    {
      const char *start;
      char quote = 0;

      while (*p == ' ' || *p == '\t')
        p++;
      start = p;
      if (*p == '"' || *p == '\'')
        {
          quote = *p++;
          while (*p && *p != quote)
            p++;
          if (*p)
            p++;
        }
      while (*p && *p != ',' && *p != ']')
        p++;
      g_ptr_array_add (field->items, unquote (start, p - start));
      if (*p == ',')
        p++;
    }
}

static int
key_length (const char *line)
{
  int i;

  for (i = 0; line[i]; i++)
    {
      if (line[i] == ':' && (line[i + 1] == '\0' || line[i + 1] == ' ' || line[i + 1] == '\t'))
        return i;
      if (!g_ascii_isalnum (line[i]) && line[i] != '_' && line[i] != '-' && line[i] != '.'
          && line[i] != ' ')
        return -1;
    }

  return -1;
}

typedef enum { MODE_NONE, MODE_PENDING, MODE_SCALAR, MODE_LIST, MODE_LITERAL, MODE_FOLDED } Mode;

/* The lenient reader for front matter that is not valid YAML (unquoted ": ", tabs, text cut
 * off): top-level "key: value" lines, "- item" lists and indented continuation lines. */
static void
parse_lines (SanastoFrontMatter *self,
             const char         *yaml,
             gsize               length)
{
  g_autofree char *copy = g_strndup (yaml, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  Field *field = NULL;
  Mode mode = MODE_NONE;
  GString *block = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *trimmed;
      int klen;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      trimmed = line;
      while (*trimmed == ' ' || *trimmed == '\t')
        trimmed++;

      if (*trimmed == '\0')
        {
          if (mode == MODE_LITERAL || mode == MODE_FOLDED)
            g_string_append_c (block, '\n');
          continue;
        }

      if (trimmed == line && *line != '#' && *line != '-' && (klen = key_length (line)) > 0)
        {
          const char *value = line + klen + 1;

          if (block != NULL)
            {
              field->scalar = g_strstrip (g_string_free (block, FALSE));
              block = NULL;
            }

          field = add_field (self, line, klen);
          while (*value == ' ' || *value == '\t')
            value++;

          if (*value == '\0')
            mode = MODE_PENDING;
          else if ((*value == '|' || *value == '>') && strspn (value + 1, "+-0123456789 ") ==
                   strlen (value + 1))
            {
              mode = *value == '|' ? MODE_LITERAL : MODE_FOLDED;
              block = g_string_new (NULL);
            }
          else if (*value == '[')
            {
              add_flow_items (field, value);
              mode = MODE_NONE;
            }
          else
            {
              field->scalar = unquote (value, strlen (value));
              mode = MODE_SCALAR;
            }
          continue;
        }

      if (field == NULL || *trimmed == '#')
        continue;

      if ((mode == MODE_PENDING || mode == MODE_LIST) &&
          trimmed[0] == '-' && (trimmed[1] == ' ' || trimmed[1] == '\0'))
        {
          if (field->items == NULL)
            field->items = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (field->items, unquote (trimmed + 1, strlen (trimmed + 1)));
          mode = MODE_LIST;
          continue;
        }

      if (trimmed == line)
        continue;  /* not indented and not a key: stray text */

      switch (mode)
        {
        case MODE_LITERAL:
          g_string_append (block, trimmed);
          g_string_append_c (block, '\n');
          break;
        case MODE_FOLDED:
          if (block->len > 0 && block->str[block->len - 1] != '\n')
            g_string_append_c (block, ' ');
          g_string_append (block, trimmed);
          break;
        case MODE_PENDING:
          field->scalar = unquote (trimmed, strlen (trimmed));
          mode = MODE_SCALAR;
          break;
        case MODE_SCALAR:
          {
            g_autofree char *more = unquote (trimmed, strlen (trimmed));
            char *joined = g_strconcat (field->scalar, " ", more, NULL);

            g_free (field->scalar);
            field->scalar = joined;
          }
          break;
        case MODE_LIST:
        case MODE_NONE:
        default:
          break;
        }
    }

  if (block != NULL)
    field->scalar = g_strstrip (g_string_free (block, FALSE));
}

gboolean
sanasto_front_matter_is_plausible (const char *yaml,
                                   gsize       length)
{
  g_autofree char *copy = g_strndup (yaml, length);
  gboolean blank = TRUE;
  char *line = copy;

  while (line != NULL)
    {
      char *next = strchr (line, '\n');

      if (next != NULL)
        *next++ = '\0';
      g_strchomp (line);
      if (*line != '\0' && *line != '#')
        blank = FALSE;
      if (key_length (line) > 0 || g_str_has_prefix (line, "\"") || g_str_has_prefix (line, "'"))
        return TRUE;
      line = next;
    }

  return blank;
}

SanastoFrontMatter *
sanasto_front_matter_parse (const char *yaml,
                            gsize       length,
                            gboolean   *was_valid)
{
  SanastoFrontMatter *self = front_matter_new ();
  gboolean valid;

  valid = parse_yaml (self, yaml, length);
  if (!valid)
    {
      g_ptr_array_set_size (self->fields, 0);
      parse_lines (self, yaml, length);
    }

  if (was_valid)
    *was_valid = valid;

  return self;
}

static Field *
find_field (SanastoFrontMatter *self,
            const char         *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_ascii_strcasecmp (field->key, key) == 0)
        return field;
    }

  return NULL;
}

const char *
sanasto_front_matter_get_string (SanastoFrontMatter *self,
                                 const char         *key)
{
  Field *field;

  g_return_val_if_fail (self != NULL, NULL);

  if ((field = find_field (self, key)) == NULL)
    return NULL;
  if (field->scalar != NULL)
    return *field->scalar ? field->scalar : NULL;
  for (guint i = 0; field->items && i < field->items->len; i++)
    {
      const char *item = g_ptr_array_index (field->items, i);

      if (*item)
        return item;
    }

  return NULL;
}

static char **
collect_items (Field    *field,
               gboolean  split_commas)
{
  GPtrArray *out = g_ptr_array_new ();

  if (field->scalar != NULL)
    {
      if (split_commas)
        {
          g_auto(GStrv) parts = g_strsplit (field->scalar, ",", -1);

          for (guint i = 0; parts[i]; i++)
            if (*g_strstrip (parts[i]))
              g_ptr_array_add (out, g_strdup (parts[i]));
        }
      else if (*field->scalar)
        g_ptr_array_add (out, g_strdup (field->scalar));
    }

  for (guint i = 0; field->items && i < field->items->len; i++)
    {
      const char *item = g_ptr_array_index (field->items, i);

      if (*item)
        g_ptr_array_add (out, g_strdup (item));
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

char **
sanasto_front_matter_get_list (SanastoFrontMatter *self,
                               const char         *key)
{
  Field *field;

  g_return_val_if_fail (self != NULL, NULL);

  if ((field = find_field (self, key)) == NULL)
    return NULL;
  return collect_items (field, FALSE);
}

char **
sanasto_front_matter_get_comma_list (SanastoFrontMatter *self,
                                     const char         *key)
{
  Field *field;

  g_return_val_if_fail (self != NULL, NULL);

  if ((field = find_field (self, key)) == NULL)
    return NULL;
  return collect_items (field, TRUE);
}

gboolean
sanasto_front_matter_get_boolean (SanastoFrontMatter *self,
                                  const char         *key,
                                  gboolean            default_value)
{
  const char *value = sanasto_front_matter_get_string (self, key);

  if (value == NULL)
    return default_value;
  if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
      g_ascii_strcasecmp (value, "on") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
      g_ascii_strcasecmp (value, "off") == 0)
    return FALSE;

  return default_value;
}

guint
sanasto_front_matter_get_n_keys (SanastoFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->fields->len;
}
