/* sanasto-term-matcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sanasto-term-matcher.h"

typedef struct
{
  const char  *language;  /* interned */
  char       **folded;    /* [0] the title, then the aliases */
} FoldedEntry;

struct _SanastoTermMatcher
{
  GObject      parent_instance;

  GListModel  *entries;
  /* The entries by position: GTK asks for items by the thousand after each change, and the
   * model's own get_item need not be O(1). */
  GPtrArray   *items;
  FoldedEntry *folded;
  guint        n_folded;

  char        *language;        /* interned */
  char        *query;
  char        *folded_query;

  /* The current result: positions in entries, best first, and how each matched. */
  GArray      *matches;
  GArray      *kinds;
  /* The same positions in model order: the candidates when the query grows. */
  GArray      *by_position;
  gboolean     computed;
};

static GType
sanasto_term_matcher_get_item_type (GListModel *model)
{
  return SANASTO_TYPE_ENTRY;
}

static guint
sanasto_term_matcher_get_n_items (GListModel *model)
{
  return SANASTO_TERM_MATCHER (model)->matches->len;
}

static gpointer
sanasto_term_matcher_get_item (GListModel *model,
                               guint       position)
{
  SanastoTermMatcher *self = SANASTO_TERM_MATCHER (model);

  if (position >= self->matches->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items,
                                          g_array_index (self->matches, guint, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sanasto_term_matcher_get_item_type;
  iface->get_n_items = sanasto_term_matcher_get_n_items;
  iface->get_item = sanasto_term_matcher_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SanastoTermMatcher, sanasto_term_matcher, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gunichar
fold_special (gunichar c,
              const char **extra)
{
  *extra = NULL;
  switch (c)
    {
    case 0x00F8: return 'o';                 /* ø */
    case 0x0142: return 'l';                 /* ł */
    case 0x0111: return 'd';                 /* đ */
    case 0x0131: return 'i';                 /* dotless ı */
    case 0x00E6: *extra = "e"; return 'a';   /* æ */
    case 0x0153: *extra = "e"; return 'o';   /* œ */
    case 0x00DF: *extra = "s"; return 's';   /* ß */
    default: return c;
    }
}

char *
sanasto_term_matcher_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  /* ASCII, as most titles are: only case and spaces to fold, byte by byte. */
  {
    const char *p;

    for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
      ;
    if (*p == '\0')
      {
        char *ascii = g_malloc (p - text + 1);
        char *q = ascii;

        for (p = text; *p != '\0'; p++)
          {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
              {
                pending_space = q > ascii;
                continue;
              }
            if (pending_space)
              *q++ = ' ';
            pending_space = FALSE;
            *q++ = g_ascii_tolower (*p);
          }
        *q = '\0';
        return ascii;
      }
  }

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    decomposed = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *extra;

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      c = fold_special (g_unichar_tolower (c), &extra);
      g_string_append_unichar (out, c);
      if (extra != NULL)
        g_string_append (out, extra);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_word_start (const char *text,
               const char *at)
{
  if (at == text)
    return TRUE;
  if ((guchar) at[-1] < 0x80)
    return !g_ascii_isalnum (at[-1]);
  return !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at)));
}

/* Whether the query's characters occur in text in order. The bytes of a UTF-8 character only
 * match at a character boundary, so each is found with strchr() or strstr(): a keystroke
 * tests every title of a language. */
static gboolean
is_subsequence (const char *text,
                const char *query)
{
  const char *t = text;

  for (const char *q = query; *q; )
    {
      const char *next = g_utf8_next_char (q);

      if ((guchar) *q < 0x80)
        t = strchr (t, *q);
      else
        {
          char character[8] = { 0 };

          memcpy (character, q, MIN ((gsize) (next - q), sizeof character - 1));
          t = strstr (t, character);
        }
      if (t == NULL)
        return FALSE;
      t += next - q;
      q = next;
    }
  return TRUE;
}

SanastoMatchKind
sanasto_term_matcher_match_folded (const char *folded_text,
                                   const char *folded_query)
{
  const char *hit;

  g_return_val_if_fail (folded_text != NULL, SANASTO_MATCH_NONE);
  g_return_val_if_fail (folded_query != NULL, SANASTO_MATCH_NONE);

  if (*folded_query == '\0')
    return SANASTO_MATCH_PREFIX;

  hit = strstr (folded_text, folded_query);
  if (hit == NULL)
    {
      /* One character that is not there is not there in order either. */
      if (*g_utf8_next_char (folded_query) == '\0')
        return SANASTO_MATCH_NONE;
      return is_subsequence (folded_text, folded_query) ? SANASTO_MATCH_FUZZY
                                                        : SANASTO_MATCH_NONE;
    }
  if (hit == folded_text)
    return strcmp (folded_text, folded_query) == 0 ? SANASTO_MATCH_EXACT : SANASTO_MATCH_PREFIX;

  for (; hit != NULL; hit = strstr (hit + 1, folded_query))
    if (is_word_start (folded_text, hit))
      return SANASTO_MATCH_WORD_PREFIX;
  return SANASTO_MATCH_SUBSTRING;
}

static SanastoMatchKind
match_entry (const FoldedEntry *entry,
             const char        *folded_query)
{
  SanastoMatchKind best = SANASTO_MATCH_NONE;

  for (guint i = 0; entry->folded[i] != NULL && best != SANASTO_MATCH_EXACT; i++)
    {
      SanastoMatchKind kind = sanasto_term_matcher_match_folded (entry->folded[i], folded_query);

      if (kind < best)
        best = kind;
    }
  return best;
}

/* The letters some alphabets file under their own heading rather than under the base
 * letter, by primary language subtag. */
static const struct
{
  const char *language;
  const char *letters;
} own_letters[] = {
  { "fi", "ÅÄÖ" }, { "sv", "ÅÄÖ" }, { "et", "ÕÄÖÜŠŽ" }, { "da", "ÆØÅ" }, { "nb", "ÆØÅ" },
  { "nn", "ÆØÅ" }, { "no", "ÆØÅ" }, { "is", "ÁÐÉÍÓÚÝÞÆÖ" }, { "hu", "ÖŐÜŰ" },
  { "tr", "ÇĞİÖŞÜ" }, { "pl", "ĄĆĘŁŃÓŚŹŻ" }, { "cs", "ČŘŠŽ" }, { "sk", "ÄČĽŇÔŠŽ" },
  { "es", "Ñ" }, { "de", "" },
};

static gboolean
language_keeps_letter (const char *language,
                       gunichar    upper)
{
  char code[8] = { 0 };
  char utf8[7] = { 0 };

  if (language == NULL)
    return FALSE;
  for (guint i = 0; language[i] && language[i] != '-' && language[i] != '_' && i < 7; i++)
    code[i] = g_ascii_tolower (language[i]);
  g_unichar_to_utf8 (upper, utf8);

  for (guint i = 0; i < G_N_ELEMENTS (own_letters); i++)
    if (strcmp (own_letters[i].language, code) == 0)
      return strstr (own_letters[i].letters, utf8) != NULL;
  return FALSE;
}

char *
sanasto_term_matcher_initial (const char *title,
                              const char *language)
{
  char utf8[7] = { 0 };

  if (title == NULL)
    return g_strdup ("#");

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gunichar upper;
      gunichar decomposed[4];
      gsize n;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return g_strdup ("#");
      if (g_unichar_isdigit (c))
        return g_strdup ("#");
      if (!g_unichar_isalpha (c))
        continue;

      upper = g_unichar_toupper (c);
      if (!language_keeps_letter (language, upper))
        {
          n = g_unichar_fully_decompose (upper, FALSE, decomposed, G_N_ELEMENTS (decomposed));
          if (n > 0)
            upper = decomposed[0];
        }
      g_unichar_to_utf8 (upper, utf8);
      return g_strdup (utf8);
    }
  return g_strdup ("#");
}

static void
sanasto_term_matcher_finalize (GObject *object)
{
  SanastoTermMatcher *self = SANASTO_TERM_MATCHER (object);

  for (guint i = 0; i < self->n_folded; i++)
    g_strfreev (self->folded[i].folded);
  g_free (self->folded);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->folded_query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_pointer (&self->by_position, g_array_unref);

  G_OBJECT_CLASS (sanasto_term_matcher_parent_class)->finalize (object);
}

static void
sanasto_term_matcher_class_init (SanastoTermMatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sanasto_term_matcher_finalize;
}

static void
sanasto_term_matcher_init (SanastoTermMatcher *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->kinds = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->by_position = g_array_new (FALSE, FALSE, sizeof (guint));
  self->query = g_strdup ("");
  self->folded_query = g_strdup ("");
  self->language = (char *) g_intern_string ("");
}

SanastoTermMatcher *
sanasto_term_matcher_new (GListModel *entries)
{
  SanastoTermMatcher *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  self = g_object_new (SANASTO_TYPE_TERM_MATCHER, NULL);
  self->entries = g_object_ref (entries);
  self->n_folded = g_list_model_get_n_items (entries);
  self->folded = g_new0 (FoldedEntry, self->n_folded);
  self->items = g_ptr_array_new_full (self->n_folded, g_object_unref);

  for (guint i = 0; i < self->n_folded; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (entries, i);
      const char * const *aliases = sanasto_entry_get_aliases (entry);
      guint n_aliases = g_strv_length ((char **) aliases);
      char **folded = g_new0 (char *, n_aliases + 2);

      folded[0] = sanasto_term_matcher_fold (sanasto_entry_get_title (entry));
      for (guint j = 0; j < n_aliases; j++)
        folded[j + 1] = sanasto_term_matcher_fold (aliases[j]);
      self->folded[i].folded = folded;
      self->folded[i].language = g_intern_string (sanasto_entry_get_language (entry));
      g_ptr_array_add (self->items, g_steal_pointer (&entry));
    }

  return self;
}

GListModel *
sanasto_term_matcher_get_entries (SanastoTermMatcher *self)
{
  g_return_val_if_fail (SANASTO_IS_TERM_MATCHER (self), NULL);
  return self->entries;
}

const char *
sanasto_term_matcher_get_query (SanastoTermMatcher *self)
{
  g_return_val_if_fail (SANASTO_IS_TERM_MATCHER (self), NULL);
  return self->query;
}

const char *
sanasto_term_matcher_get_language (SanastoTermMatcher *self)
{
  g_return_val_if_fail (SANASTO_IS_TERM_MATCHER (self), NULL);
  return self->language;
}

void
sanasto_term_matcher_set_query (SanastoTermMatcher *self,
                                const char         *language,
                                const char         *query)
{
  const char *interned;
  g_autofree char *folded_query = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autofree guint8 *candidate_kinds = NULL;
  guint counts[SANASTO_MATCH_NONE] = { 0, };
  guint starts[SANASTO_MATCH_NONE];
  guint n_matches = 0;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(GArray) by_position = NULL;
  gboolean narrowing;
  guint old_n, new_n;
  guint head = 0, tail = 0;
  guint n_candidates;

  g_return_if_fail (SANASTO_IS_TERM_MATCHER (self));

  interned = g_intern_string (language != NULL ? language : "");
  folded_query = sanasto_term_matcher_fold (query);
  g_free (self->query);
  self->query = g_strdup (query != NULL ? query : "");

  if (self->computed && interned == self->language &&
      strcmp (folded_query, self->folded_query) == 0)
    return;

  /* A longer query only ever matches a subset of what its prefix matched (every kind of
   * match implies the characters in order), so the old matches are the only candidates. */
  narrowing = self->computed && interned == self->language && *self->folded_query != '\0' &&
              g_str_has_prefix (folded_query, self->folded_query);
  candidates = narrowing ? g_array_ref (self->by_position) : NULL;
  n_candidates = narrowing ? candidates->len : self->n_folded;

  /* One pass for the kind of each candidate, then a counting sort: the first letter typed
   * looks at every title of the language, 100,000 of them in a large glossary. */
  candidate_kinds = g_new (guint8, MAX (n_candidates, 1));
  for (guint i = 0; i < n_candidates; i++)
    {
      guint position = narrowing ? g_array_index (candidates, guint, i) : i;
      const FoldedEntry *entry = &self->folded[position];
      SanastoMatchKind kind;

      if (entry->language != interned)
        kind = SANASTO_MATCH_NONE;
      else if (*folded_query == '\0')
        kind = SANASTO_MATCH_PREFIX;
      else
        kind = match_entry (entry, folded_query);
      candidate_kinds[i] = kind;
      if (kind != SANASTO_MATCH_NONE)
        {
          counts[kind]++;
          n_matches++;
        }
    }

  /* Candidates come in model order, which is collation order within a language, so placing
   * them by kind in that order sorts by kind, then collation. */
  matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_matches);
  g_array_set_size (matches, n_matches);
  kinds = g_array_sized_new (FALSE, FALSE, sizeof (guint8), n_matches);
  g_array_set_size (kinds, n_matches);
  by_position = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_matches);
  for (guint k = 0, offset = 0; k < SANASTO_MATCH_NONE; k++)
    {
      starts[k] = offset;
      offset += counts[k];
    }
  for (guint i = 0; i < n_candidates; i++)
    {
      guint position = narrowing ? g_array_index (candidates, guint, i) : i;
      guint8 kind = candidate_kinds[i];

      if (kind == SANASTO_MATCH_NONE)
        continue;
      g_array_index (matches, guint, starts[kind]) = position;
      g_array_index (kinds, guint8, starts[kind]) = kind;
      starts[kind]++;
      g_array_append_val (by_position, position);
    }

  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded_query);
  self->language = (char *) interned;
  self->computed = TRUE;
  g_clear_pointer (&self->by_position, g_array_unref);
  self->by_position = g_steal_pointer (&by_position);
  g_clear_pointer (&self->kinds, g_array_unref);
  self->kinds = g_steal_pointer (&kinds);

  /* Empty arrays have NULL data, which memcmp() must not be given. */
  if (matches->len == self->matches->len &&
      (matches->len == 0 ||
       memcmp (matches->data, self->matches->data, matches->len * sizeof (guint)) == 0))
    return;

  /* Only the part that differs changes: the list keeps the rows (and their widgets) of an
   * unchanged head and tail, which is most of the cost of a keystroke in a GtkListView. */
  old_n = self->matches->len;
  new_n = matches->len;
  while (head < old_n && head < new_n &&
         g_array_index (self->matches, guint, head) == g_array_index (matches, guint, head))
    head++;
  while (tail < old_n - head && tail < new_n - head &&
         g_array_index (self->matches, guint, old_n - 1 - tail) ==
         g_array_index (matches, guint, new_n - 1 - tail))
    tail++;

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = g_steal_pointer (&matches);
  g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail,
                              new_n - head - tail);
}

guint
sanasto_term_matcher_find (SanastoTermMatcher *self,
                           SanastoEntry       *entry)
{
  g_return_val_if_fail (SANASTO_IS_TERM_MATCHER (self), G_MAXUINT);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), G_MAXUINT);

  for (guint i = 0; i < self->matches->len; i++)
    if (g_ptr_array_index (self->items, g_array_index (self->matches, guint, i)) == entry)
      return i;
  return G_MAXUINT;
}

SanastoMatchKind
sanasto_term_matcher_get_kind (SanastoTermMatcher *self,
                               guint               position)
{
  g_return_val_if_fail (SANASTO_IS_TERM_MATCHER (self), SANASTO_MATCH_NONE);

  if (position >= self->kinds->len)
    return SANASTO_MATCH_NONE;
  return g_array_index (self->kinds, guint8, position);
}
