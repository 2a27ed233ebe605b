/* sanasto-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sanasto-text.h"

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

char *
sanasto_text_fold (const char *text,
                   gssize      length)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  /* Most slugs are ASCII: skip the normalization round trip for them. */
  if (is_ascii (text, length))
    return g_ascii_strdown (text, length);

  folded = g_utf8_casefold (text, length);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_separator (gunichar c)
{
  return c == '_' || c == '-' || g_unichar_isspace (c) || c == 0x2010 || c == 0x2013;
}

static char *
join_slug (const char *text,
           const char *separator)
{
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* ASCII, as nearly every slug and many titles are: one pass over the bytes. The loader
   * and the link resolver call this for every entry and every link. */
  {
    gsize length = strlen (text);

    if (is_ascii (text, length))
      {
        gsize separator_length = strlen (separator);

        g_assert (separator_length <= 1);
        /* A run of separators becomes one separator of at most one byte: never longer. */
        char *ascii = g_malloc (length + 1);
        char *q = ascii;

        for (const char *p = text; *p; p++)
          {
            char c = *p;

            if (c == '_' || c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                c == '\f')
              {
                pending = q > ascii;
                continue;
              }
            if (pending)
              {
                memcpy (q, separator, separator_length);
                q += separator_length;
              }
            pending = FALSE;
            *q++ = g_ascii_tolower (c);
          }
        *q = '\0';
        return ascii;
      }
  }

  folded = sanasto_text_fold (text, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append (out, separator);
      pending = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
sanasto_text_normalize_slug (const char *text)
{
  return join_slug (text, "-");
}

char *
sanasto_text_squash_slug (const char *text)
{
  return join_slug (text, "");
}

char *
sanasto_text_collapse_space (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
sanasto_text_shorten (const char *text,
                      gsize       max_chars)
{
  const char *cut;
  const char *space = NULL;
  gsize n = 0;
  g_autofree char *head = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  for (cut = text; *cut && n < max_chars; cut = g_utf8_next_char (cut), n++)
    if (*cut == ' ')
      space = cut;

  if (*cut == '\0')
    return g_strdup (text);

  /* Cut at the last word boundary unless that throws most of the text away. */
  if (space != NULL && (gsize) (space - text) > max_chars / 2)
    cut = space;

  head = g_strndup (text, cut - text);
  g_strchomp (head);
  while (*head && strchr (",;:-", head[strlen (head) - 1]) != NULL)
    head[strlen (head) - 1] = '\0';

  return g_strconcat (head, "…", NULL);
}

guint
sanasto_text_edit_distance (const char *a,
                            gsize       a_len,
                            const char *b,
                            gsize       b_len,
                            guint       max_distance)
{
  guint stack_rows[3][64];
  g_autofree guint *heap_rows = NULL;
  guint *prev2, *prev, *cur;

  if ((a_len > b_len ? a_len - b_len : b_len - a_len) > max_distance)
    return max_distance + 1;
  if (a_len == 0 || b_len == 0)
    return MAX (a_len, b_len);

  if (b_len + 1 <= G_N_ELEMENTS (stack_rows[0]))
    {
      prev2 = stack_rows[0];
      prev = stack_rows[1];
      cur = stack_rows[2];
    }
  else
    {
      heap_rows = g_new (guint, 3 * (b_len + 1));
      prev2 = heap_rows;
      prev = heap_rows + b_len + 1;
      cur = heap_rows + 2 * (b_len + 1);
    }

  for (gsize j = 0; j <= b_len; j++)
    prev[j] = j;

  for (gsize i = 1; i <= a_len; i++)
    {
      guint row_min;
      guint *tmp;

      cur[0] = i;
      row_min = cur[0];
      for (gsize j = 1; j <= b_len; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint v = MIN (prev[j] + 1, cur[j - 1] + 1);

          v = MIN (v, prev[j - 1] + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, prev2[j - 2] + 1);
          cur[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > max_distance)
        return max_distance + 1;

      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  return MIN (prev[b_len], max_distance + 1);
}

guint64
sanasto_text_signature (const char *text,
                        gsize       length)
{
  guint8 counts[16] = { 0 };
  guint64 signature = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      guint bucket = (c ^ (c >> 4)) & 15;

      if (counts[bucket] < 15)
        counts[bucket]++;
    }
  for (guint i = 0; i < 16; i++)
    signature |= (guint64) counts[i] << (4 * i);

  return signature;
}

guint
sanasto_text_signature_distance (guint64 a,
                                 guint64 b)
{
  guint total = 0;

  /* A substitution changes two counts by one, an insertion or deletion one count: half the
   * difference of the histograms never exceeds the edit distance. Saturated counts only make
   * the bound smaller. */
  for (guint i = 0; i < 16; i++)
    {
      int x = (a >> (4 * i)) & 15;
      int y = (b >> (4 * i)) & 15;

      total += ABS (x - y);
    }

  return (total + 1) / 2;
}

guint64
sanasto_text_letter_mask (const char *text,
                          gsize       length)
{
  guint64 mask = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      guint bit;

      if (c >= 'a' && c <= 'z')
        bit = c - 'a';
      else if (c >= '0' && c <= '9')
        bit = 26 + c - '0';
      else if (c == '-')
        bit = 36;
      else
        bit = 37 + c % 27;
      mask |= G_GUINT64_CONSTANT (1) << bit;
    }

  return mask;
}

char *
sanasto_text_decode_entities (const char *text)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", "\u00a0" }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" },
    { "rsquo", "’" }, { "lsquo", "‘" }, { "rdquo", "”" }, { "ldquo", "“" },
  };
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  for (p = text; *p;)
    {
      const char *semi;
      gboolean done = FALSE;

      if (*p != '&' || (semi = strchr (p, ';')) == NULL || semi - p > 10)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          char *end = NULL;
          guint64 code = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (end == semi && code > 0 && code <= 0x10FFFF && g_unichar_validate ((gunichar) code))
            {
              g_string_append_unichar (out, (gunichar) code);
              done = TRUE;
            }
        }
      else
        for (guint i = 0; i < G_N_ELEMENTS (named) && !done; i++)
          if ((gsize) (semi - p - 1) == strlen (named[i].name) &&
              strncmp (p + 1, named[i].name, semi - p - 1) == 0)
            {
              g_string_append (out, named[i].text);
              done = TRUE;
            }

      if (done)
        p = semi + 1;
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}
