/* sanasto-link-resolver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sanasto-link-resolver.h"
#include "sanasto-glossary-private.h"
#include "sanasto-text.h"

void
sanasto_link_clear (SanastoLink *link)
{
  if (link == NULL)
    return;

  g_clear_pointer (&link->fragment, g_free);
  g_clear_pointer (&link->file_path, g_free);
  link->entry = NULL;
  link->kind = SANASTO_LINK_UNRESOLVED;
  link->via_fallback = FALSE;
  link->via_alias = FALSE;
}

/* The target as browsers read it: no surrounding white space, no tabs or newlines inside. */
static char *
clean_target (const char *target)
{
  GString *out = g_string_sized_new (strlen (target));

  for (const char *p = target; *p; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r')
      g_string_append_c (out, *p);

  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len >= 2 && out->str[0] == '<' && out->str[out->len - 1] == '>')
    {
      g_string_truncate (out, out->len - 1);
      g_string_erase (out, 0, 1);
    }

  return g_string_free (out, FALSE);
}

/* Length of a URI scheme at the start of text ("https" of "https://..."), or 0. */
static gsize
scheme_length (const char *text)
{
  gsize i;

  if (!g_ascii_isalpha (text[0]))
    return 0;
  for (i = 1; text[i]; i++)
    {
      if (text[i] == ':')
        return i;
      if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '-' && text[i] != '.')
        return 0;
    }

  return 0;
}

typedef struct
{
  SanastoGlossary *glossary;
  const char      *source_language;
  GPtrArray       *order;  /* SanastoGlossaryLanguage, the order to look in */
} Context;

static void
context_init (Context         *ctx,
              SanastoGlossary *glossary,
              SanastoEntry    *from,
              const char      *requested_language)
{
  const char *source = from ? sanasto_entry_get_language (from)
                            : sanasto_glossary_get_fallback_language (glossary);
  const char *first = requested_language ? requested_language : source;
  SanastoGlossaryLanguage *language;
  const char * const *codes = sanasto_glossary_get_languages (glossary);

  ctx->glossary = glossary;
  ctx->source_language = source;
  ctx->order = g_ptr_array_new ();

  if ((language = _sanasto_glossary_get_language (glossary, first)) != NULL)
    g_ptr_array_add (ctx->order, language);
  language = _sanasto_glossary_get_language (glossary,
                                             sanasto_glossary_get_fallback_language (glossary));
  if (language != NULL && (ctx->order->len == 0 || g_ptr_array_index (ctx->order, 0) != language))
    g_ptr_array_add (ctx->order, language);
  for (guint i = 0; codes[i]; i++)
    {
      language = _sanasto_glossary_get_language (glossary, codes[i]);
      if (language != NULL && !g_ptr_array_find (ctx->order, language, NULL))
        g_ptr_array_add (ctx->order, language);
    }
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->order, g_ptr_array_unref);
}

/* In each language in turn: the exact slug, an alias, then a match that ignores case,
 * diacritics and '_' against '-'. */
static SanastoEntry *
find_by_name (Context    *ctx,
              const char *name,
              gboolean   *via_alias,
              gboolean   *via_fallback)
{
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < ctx->order->len; i++)
    {
      SanastoGlossaryLanguage *language = g_ptr_array_index (ctx->order, i);
      SanastoEntry *entry;
      gboolean alias = FALSE;

      /* Most links name a slug exactly: normalize only when they do not. */
      if ((entry = g_hash_table_lookup (language->slugs, name)) == NULL && normalized == NULL)
        normalized = sanasto_text_normalize_slug (name);
      if (entry == NULL && (entry = g_hash_table_lookup (language->aliases, normalized)) != NULL)
        alias = TRUE;
      if (entry == NULL && *normalized)
        entry = g_hash_table_lookup (language->normalized, normalized);

      if (entry != NULL)
        {
          *via_alias = alias;
          *via_fallback = strcmp (language->code, ctx->source_language) != 0;
          return entry;
        }
    }

  return NULL;
}

/* Splits a decoded path into segments, applying "." and ".." on top of base. FALSE when
 * ".." climbs above the root. */
static gboolean
resolve_segments (GPtrArray  *segments,
                  const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i]; i++)
    {
      if (*parts[i] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (segments->len == 0)
            return FALSE;
          g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, g_strdup (parts[i]));
    }

  return TRUE;
}

static char *
join_segments (GPtrArray *segments,
               guint      first)
{
  GString *out = g_string_new (NULL);

  for (guint i = first; i < segments->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (segments, i));
    }

  return g_string_free (out, FALSE);
}

/* A file inside the root that is not an article (an image): its path when it exists and
 * stays inside the root after symlinks. */
static gboolean
is_file_inside_root (SanastoGlossary *glossary,
                     const char      *rel)
{
  const char *root = sanasto_glossary_get_root (glossary);
  g_autofree char *full = g_build_filename (root, rel, NULL);
  g_autofree char *canonical = realpath (full, NULL);
  struct stat st;

  if (canonical == NULL || stat (canonical, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;

  return _sanasto_glossary_contains (glossary, canonical);
}

static char *
decode (const char *text)
{
  /* An escaped NUL or a broken escape gives NULL. */
  return g_uri_unescape_string (text, NULL);
}

void
sanasto_link_resolver_resolve (SanastoGlossary *glossary,
                               SanastoEntry    *from,
                               const char      *target,
                               SanastoLink     *out)
{
  g_autofree char *clean = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fragment = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *last = NULL;
  const char *requested_language = NULL;
  SanastoEntry *entry;
  Context ctx;
  gboolean absolute;
  gboolean via_alias = FALSE, via_fallback = FALSE;
  gsize scheme;
  char *hash, *query;
  guint first = 0;

  g_return_if_fail (SANASTO_IS_GLOSSARY (glossary));
  g_return_if_fail (target != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->kind = SANASTO_LINK_UNRESOLVED;

  clean = clean_target (target);

  if ((scheme = scheme_length (clean)) > 0)
    {
      g_autofree char *name = g_ascii_strdown (clean, scheme);

      if (strcmp (name, "http") == 0 || strcmp (name, "https") == 0 ||
          strcmp (name, "mailto") == 0)
        out->kind = SANASTO_LINK_EXTERNAL;
      else
        out->kind = SANASTO_LINK_UNSAFE;
      return;
    }

  /* "//host/x" leaves the glossary for somewhere unknown. */
  if (g_str_has_prefix (clean, "//") || g_str_has_prefix (clean, "\\\\"))
    {
      out->kind = SANASTO_LINK_UNSAFE;
      return;
    }

  if ((hash = strchr (clean, '#')) != NULL)
    {
      *hash = '\0';
      fragment = decode (hash + 1);
      if (fragment != NULL && *fragment == '\0')
        g_clear_pointer (&fragment, g_free);
    }
  if ((query = strchr (clean, '?')) != NULL)
    *query = '\0';

  if (*clean == '\0')
    {
      if (hash != NULL && from != NULL)
        {
          out->kind = SANASTO_LINK_INTERNAL;
          out->entry = from;
          out->fragment = g_steal_pointer (&fragment);
        }
      return;
    }

  path = decode (clean);
  if (path == NULL)
    return;
  /* Browsers read a backslash as a slash; so must the check for "..". */
  g_strdelimit (path, "\\", '/');

  absolute = path[0] == '/';
  if (!absolute && from != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (sanasto_entry_get_path (from));

      if (strcmp (dir, ".") != 0)
        resolve_segments (segments, dir);
    }
  if (!resolve_segments (segments, path))
    {
      out->kind = SANASTO_LINK_UNSAFE;
      return;
    }
  if (segments->len == 0)
    return;

  /* The path inside the root: an article, or a folder-per-entry folder. */
  joined = join_segments (segments, 0);
  {
    g_autofree char *stem = g_strndup (joined, _sanasto_glossary_strip_extension (joined));

    if ((entry = _sanasto_glossary_lookup_path (glossary, stem)) != NULL)
      {
        out->kind = SANASTO_LINK_INTERNAL;
        out->entry = entry;
        out->fragment = g_steal_pointer (&fragment);
        out->via_fallback =
          strcmp (sanasto_entry_get_language (entry),
                  from ? sanasto_entry_get_language (from)
                       : sanasto_glossary_get_fallback_language (glossary)) != 0;
        return;
      }
  }

  /* Not an article: an image or other file that is really there, not hidden. */
  {
    const char *base = g_ptr_array_index (segments, segments->len - 1);
    gboolean hidden = FALSE;

    for (guint i = 0; i < segments->len; i++)
      hidden |= ((const char *) g_ptr_array_index (segments, i))[0] == '.';

    if (!hidden && !_sanasto_glossary_is_article_name (base) &&
        _sanasto_glossary_strip_extension (base) == strlen (base) && strchr (base, '.') &&
        is_file_inside_root (glossary, joined))
      {
        out->kind = SANASTO_LINK_FILE;
        out->file_path = g_steal_pointer (&joined);
        return;
      }
  }

  /* By name: the last segment names the entry; a language code may come first. */
  if (absolute)
    {
      requested_language = _sanasto_glossary_match_language (glossary,
                                                             g_ptr_array_index (segments, 0));
      if (requested_language != NULL)
        first = 1;
    }
  if (first >= segments->len)
    return;

  {
    const char *base = g_ptr_array_index (segments, segments->len - 1);

    last = g_strndup (base, _sanasto_glossary_strip_extension (base));
    if (g_ascii_strcasecmp (last, "index") == 0 && segments->len - first >= 2)
      {
        g_free (last);
        last = g_strdup (g_ptr_array_index (segments, segments->len - 2));
      }
  }
  if (*last == '\0')
    return;

  context_init (&ctx, glossary, from, requested_language);
  entry = find_by_name (&ctx, last, &via_alias, &via_fallback);
  context_clear (&ctx);

  if (entry != NULL)
    {
      out->kind = SANASTO_LINK_INTERNAL;
      out->entry = entry;
      out->fragment = g_steal_pointer (&fragment);
      out->via_alias = via_alias;
      out->via_fallback = via_fallback;
    }
}

/* Index of the first key with length >= length. */
static guint
lower_bound_length (GArray *keys,
                    guint   length)
{
  guint lo = 0, hi = keys->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (keys, SanastoSuggestKey, mid).length < length)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Position in by_key (indices into keys, sorted by text) of the first key >= text. */
static guint
lower_bound_text (GArray     *keys,
                  GArray     *by_key,
                  const char *text)
{
  guint lo = 0, hi = by_key->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint index = g_array_index (by_key, guint, mid);

      if (strcmp (g_array_index (keys, SanastoSuggestKey, index).key, text) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Singular and plural: "servers" for "server", "boxes" for "box", and the other way round. */
static SanastoEntry *
find_plural_variant (SanastoGlossaryLanguage *language,
                     const char              *wanted,
                     gsize                    length)
{
  g_autofree char *variant = NULL;
  SanastoEntry *entry;

  if (length < 3)
    return NULL;

  if (wanted[length - 1] == 's')
    {
      variant = g_strndup (wanted, length - 1);
      if ((entry = g_hash_table_lookup (language->normalized, variant)) != NULL)
        return entry;
      if (length > 4 && wanted[length - 2] == 'e')
        {
          variant[length - 2] = '\0';
          if ((entry = g_hash_table_lookup (language->normalized, variant)) != NULL)
            return entry;
        }
      g_clear_pointer (&variant, g_free);
    }

  variant = g_strconcat (wanted, "s", NULL);
  if ((entry = g_hash_table_lookup (language->normalized, variant)) != NULL)
    return entry;
  g_free (variant);
  variant = g_strconcat (wanted, "es", NULL);
  return g_hash_table_lookup (language->normalized, variant);
}

static SanastoEntry *
suggest_in (SanastoGlossary         *glossary,
            SanastoGlossaryLanguage *language,
            SanastoEntry            *from,
            const char              *wanted)
{
  gsize wanted_len = strlen (wanted);
  /* Two edits only for long names: "inventory" is not "investor". */
  guint max = wanted_len >= 10 ? 2 : wanted_len >= 4 ? 1 : 0;
  guint64 signature = sanasto_text_signature (wanted, wanted_len);
  guint64 letters = sanasto_text_letter_mask (wanted, wanted_len);
  SanastoEntry *best = NULL;
  guint best_distance = G_MAXUINT;
  g_auto(GStrv) words = NULL;
  guint n_words;

  _sanasto_glossary_ensure_suggest (glossary, language);

  /* The article the link is in is never the answer. */
  if ((best = find_plural_variant (language, wanted, wanted_len)) != NULL && best != from)
    return best;
  best = NULL;

  /* A small edit distance: only keys of about the same length, and only those whose letters
   * are close enough, are worth the real computation. */
  if (max > 0)
    {
      guint lo = lower_bound_length (language->suggest, wanted_len - max);
      guint hi = lower_bound_length (language->suggest, wanted_len + max + 1);

      for (guint i = lo; i < hi && best_distance > 1; i++)
        {
          SanastoSuggestKey *key = &g_array_index (language->suggest, SanastoSuggestKey, i);
          guint distance;

          if (key->entry == from ||
              (guint) (__builtin_popcountll (letters ^ key->letters) + 1) / 2 > max ||
              sanasto_text_signature_distance (signature, key->signature) > max)
            continue;
          distance = sanasto_text_edit_distance (wanted, wanted_len, key->key, key->length, max);
          if (distance <= max && distance < best_distance)
            {
              best = key->entry;
              best_distance = distance;
            }
        }
      if (best != NULL)
        return best;
    }

  if (wanted_len < 5)
    return NULL;

  /* One name containing the other as whole words, for names long enough to mean it and when
   * the part is most of the whole ("cloud-computing" in "cloud-computing-basics", but not
   * "budget" in "balanced-budget"): first the longest run of the wanted words that names an
   * entry... */
  words = g_strsplit (wanted, "-", -1);
  n_words = g_strv_length (words);
  for (guint run = n_words - 1; run >= 1 && n_words > 1; run--)
    for (guint start = 0; start + run <= n_words; start++)
      {
        g_autofree char *part = NULL;
        char *saved = words[start + run];
        SanastoEntry *entry;

        words[start + run] = NULL;
        part = g_strjoinv ("-", words + start);
        words[start + run] = saved;

        if (strlen (part) >= 5 && strlen (part) * 5 >= wanted_len * 3 &&
            (entry = g_hash_table_lookup (language->normalized, part)) != NULL && entry != from)
          return entry;
      }

  /* ...then the shortest entry that starts with all of them. */
  {
    g_autofree char *prefix = g_strconcat (wanted, "-", NULL);
    gsize prefix_len = wanted_len + 1;
    SanastoSuggestKey *shortest = NULL;

    for (guint i = lower_bound_text (language->suggest, language->suggest_by_key, prefix);
         i < language->suggest_by_key->len; i++)
      {
        guint index = g_array_index (language->suggest_by_key, guint, i);
        SanastoSuggestKey *key = &g_array_index (language->suggest, SanastoSuggestKey, index);

        if (strncmp (key->key, prefix, prefix_len) != 0)
          break;
        if (key->entry != from && (shortest == NULL || key->length < shortest->length))
          shortest = key;
      }
    if (shortest != NULL && wanted_len * 5 >= shortest->length * 3)
      return shortest->entry;
  }

  return NULL;
}

SanastoEntry *
sanasto_link_resolver_suggest (SanastoGlossary *glossary,
                               SanastoEntry    *from,
                               const char      *target)
{
  g_autofree char *clean = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wanted = NULL;
  g_auto(GStrv) parts = NULL;
  const char *requested_language = NULL;
  const char *base = NULL;
  SanastoEntry *entry = NULL;
  Context ctx;
  char *cut;
  guint n;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (glossary), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  clean = clean_target (target);
  if (scheme_length (clean) > 0)
    return NULL;
  if ((cut = strpbrk (clean, "#?")) != NULL)
    *cut = '\0';
  path = decode (clean);
  if (path == NULL)
    return NULL;

  parts = g_strsplit (path, "/", -1);
  n = g_strv_length (parts);
  for (guint i = n; i-- > 0;)
    {
      gsize length = _sanasto_glossary_strip_extension (parts[i]);

      parts[i][length] = '\0';
      if (*parts[i] && strcmp (parts[i], "..") != 0 && strcmp (parts[i], ".") != 0 &&
          g_ascii_strcasecmp (parts[i], "index") != 0)
        {
          base = parts[i];
          break;
        }
    }
  if (base == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (*parts[i])
      {
        requested_language = _sanasto_glossary_match_language (glossary, parts[i]);
        break;
      }

  wanted = sanasto_text_normalize_slug (base);
  if (*wanted == '\0')
    return NULL;

  context_init (&ctx, glossary, from, requested_language);
  for (guint i = 0; i < ctx.order->len && entry == NULL; i++)
    entry = suggest_in (glossary, g_ptr_array_index (ctx.order, i), from, wanted);
  context_clear (&ctx);

  return entry;
}
