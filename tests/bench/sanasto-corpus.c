/* sanasto-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sanasto-corpus.h"

#include <errno.h>
#include <string.h>

/* Everyday words; the generated English text draws most words from here, the rest are made
 * from syllables so that the vocabulary is as large as a real one. */
static const char * const words[] = {
  "account", "action", "address", "advice", "agent", "agreement", "air", "amount", "analysis",
  "answer", "application", "area", "argument", "article", "aspect", "attention", "audience",
  "balance", "bank", "base", "behaviour", "benefit", "block", "board", "body", "border", "branch",
  "bridge", "budget", "buffer", "building", "business", "cable", "cache", "campaign", "capacity",
  "card", "carrier", "case", "category", "cause", "cell", "centre", "chain", "change", "channel",
  "chapter", "character", "charge", "check", "choice", "circle", "claim", "class", "client",
  "climate", "cloud", "cluster", "code", "column", "comment", "community", "company", "comparison",
  "component", "concept", "condition", "connection", "content", "context", "contract", "control",
  "copy", "cost", "country", "course", "cover", "credit", "culture", "current", "customer",
  "cycle", "damage", "data", "date", "deal", "decision", "default", "degree", "delay", "delivery",
  "demand", "design", "detail", "device", "difference", "direction", "disk", "distance",
  "document", "domain", "draft", "driver", "effect", "effort", "element", "energy", "engine",
  "entry", "error", "event", "evidence", "example", "exchange", "experience", "factor", "feature",
  "field", "figure", "file", "filter", "flow", "focus", "form", "format", "frame", "function",
  "fund", "gap", "gate", "goal", "graph", "group", "growth", "guide", "handle", "header",
  "health", "history", "host", "idea", "image", "impact", "index", "industry", "input",
  "instance", "interest", "interface", "issue", "item", "journey", "key", "kind", "label",
  "language", "layer", "layout", "level", "library", "licence", "limit", "line", "link", "list",
  "load", "loan", "location", "lock", "log", "loss", "machine", "margin", "market", "match",
  "measure", "media", "memory", "message", "method", "metric", "model", "module", "moment",
  "money", "network", "node", "note", "number", "object", "offer", "office", "order", "output",
  "owner", "package", "page", "panel", "parent", "part", "partner", "path", "pattern", "payment",
  "period", "person", "phase", "picture", "piece", "place", "plan", "platform", "point", "policy",
  "pool", "port", "position", "power", "practice", "price", "process", "product", "profile",
  "profit", "program", "project", "property", "protocol", "quality", "query", "question",
  "queue", "range", "rate", "reader", "reason", "record", "region", "release", "report",
  "request", "resource", "response", "result", "review", "risk", "role", "route", "rule",
  "sample", "scale", "schema", "scope", "screen", "search", "section", "sector", "security",
  "segment", "sequence", "server", "service", "session", "set", "share", "signal", "site",
  "size", "source", "space", "speed", "stage", "standard", "state", "step", "storage", "store",
  "stream", "structure", "style", "subject", "supply", "support", "surface", "system", "table",
  "target", "task", "team", "term", "test", "text", "theory", "thread", "time", "token", "tool",
  "topic", "total", "trade", "traffic", "transfer", "trend", "trust", "type", "unit", "update",
  "user", "value", "version", "view", "volume", "window", "word", "work", "world", "zone",
};

static const char * const glue[] = {
  "the", "a", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "it",
  "from", "or", "which", "when", "each", "its", "can", "may", "more", "than", "not", "one",
};

typedef struct
{
  const char         *name;
  const char * const  syllables[24];
} LanguageShape;

/* Syllables that give each language's made-up words a look of their own. */
static const LanguageShape shapes[] = {
  { "English", { "con", "ter", "mi", "sta", "pro", "dex", "ca", "tion", "al", "ver", "ble", "ri",
                 "mo", "pen", "for", "lu", "sion", "ment", "ic", "ure", "ow", "tri", "ex", "un" } },
  { "Finnish", { "ka", "lo", "vi", "ää", "ne", "ssa", "tu", "ri", "jä", "mi", "sto", "ke", "hä",
                 "pu", "ly", "nen", "lli", "tö", "va", "ku", "sy", "rä", "os", "in" } },
  { "German", { "ver", "ung", "keit", "schaf", "ge", "ber", "stel", "lich", "ein", "zu", "bü",
                "ro", "hei", "tra", "gen", "müs", "wer", "an", "spra", "chen", "lei", "tung",
                "auf", "ße" } },
  { "Spanish", { "ción", "ma", "de", "la", "re", "ta", "ci", "ón", "es", "pa", "da", "mien",
                 "to", "ri", "dad", "co", "mo", "ne", "sa", "lu", "ti", "vo", "ña", "gu" } },
};

static const LanguageShape *
shape_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      if (g_ascii_strcasecmp (shapes[i].name, language) == 0)
        return &shapes[i];
    }
  return &shapes[0];
}

static void
append_made_up_word (GString             *out,
                     GRand               *rand,
                     const LanguageShape *shape)
{
  int n = g_rand_int_range (rand, 2, 5);

  for (int i = 0; i < n; i++)
    g_string_append (out, shape->syllables[g_rand_int_range (rand, 0, 24)]);
}

static void
append_word (GString             *out,
             GRand               *rand,
             const LanguageShape *shape,
             gboolean             english)
{
  int roll = g_rand_int_range (rand, 0, 100);

  if (roll < 35)
    g_string_append (out, glue[g_rand_int_range (rand, 0, G_N_ELEMENTS (glue))]);
  else if (english && roll < 85)
    g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  else
    append_made_up_word (out, rand, shape);
}

static void
append_sentence (GString             *out,
                 GRand               *rand,
                 const LanguageShape *shape,
                 gboolean             english,
                 int                  n_words)
{
  gsize start = out->len;

  for (int i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_word (out, rand, shape, english);
    }
  out->str[start] = g_ascii_toupper (out->str[start]);
  g_string_append_c (out, '.');
}

static char *
make_title (GRand               *rand,
            const LanguageShape *shape,
            gboolean             english,
            char               **slug_words)
{
  GString *out = g_string_new (NULL);

  if (english)
    {
      for (guint i = 0; slug_words[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, slug_words[i]);
        }
    }
  else
    {
      int n = g_rand_int_range (rand, 1, 4);

      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_made_up_word (out, rand, shape);
        }
    }

  if (out->len > 0)
    {
      /* Capitalise the first character, which may be a multibyte one. */
      gunichar first = g_utf8_get_char (out->str);
      char buffer[8];
      int length = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);

      g_string_erase (out, 0, g_utf8_next_char (out->str) - out->str);
      g_string_insert_len (out, 0, buffer, length);
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
make_slugs (GRand *rand,
            guint  n)
{
  GPtrArray *slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  while (slugs->len < n)
    {
      GString *slug = g_string_new (NULL);
      int n_words = g_rand_int_range (rand, 1, 100) < 30 ? 1 : g_rand_int_range (rand, 2, 4);

      for (int i = 0; i < n_words; i++)
        {
          if (i > 0)
            g_string_append_c (slug, '-');
          g_string_append (slug, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      if (g_hash_table_contains (used, slug->str))
        {
          g_string_free (slug, TRUE);
          continue;
        }
      g_ptr_array_add (slugs, g_string_free (slug, FALSE));
      g_hash_table_add (used, g_ptr_array_index (slugs, slugs->len - 1));
    }

  return slugs;
}

static char *
make_article (GRand               *rand,
              const LanguageShape *shape,
              gboolean             english,
              GPtrArray           *slugs,
              guint                self_index)
{
  GString *out = g_string_sized_new (12 * 1024);
  g_auto(GStrv) slug_words = g_strsplit (g_ptr_array_index (slugs, self_index), "-", -1);
  g_autofree char *title = make_title (rand, shape, english, slug_words);
  gsize target = g_rand_int_range (rand, 2048, 10240);
  int links_left = g_rand_int_range (rand, 5, 10);
  gsize body_start;

  g_string_append_printf (out, "---\ntitle: %s\ndescription: ", title);
  append_sentence (out, rand, shape, english, g_rand_int_range (rand, 8, 16));
  g_string_append (out, "\nkeywords: ");
  for (int i = 0; i < 2; i++)
    {
      GString *keyword = g_string_new (NULL);

      append_word (keyword, rand, shape, english);
      keyword->str[0] = g_ascii_toupper (keyword->str[0]);
      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", keyword->str);
      g_string_free (keyword, TRUE);
    }
  g_string_append (out, "\n---\n");
  body_start = out->len;

  while (out->len - body_start < target)
    {
      int n_sentences = g_rand_int_range (rand, 2, 7);

      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          g_string_append (out, "## ");
          append_made_up_word (out, rand, shape);
          g_string_append (out, "\n\n");
        }

      for (int s = 0; s < n_sentences; s++)
        {
          if (s > 0)
            g_string_append_c (out, ' ');
          append_sentence (out, rand, shape, english, g_rand_int_range (rand, 6, 20));

          /* Spread the links over the article. */
          if (links_left > 0 && g_rand_int_range (rand, 0, 4) == 0)
            {
              guint target_index = g_rand_int_range (rand, 0, slugs->len);
              const char *target_slug = g_ptr_array_index (slugs, target_index);

              g_string_append (out, " See [");
              append_word (out, rand, shape, english);
              g_string_append (out, "](/");
              if (g_rand_int_range (rand, 0, 100) < 3)
                g_string_append_printf (out, "%s-missing", target_slug);
              else
                g_string_append (out, target_slug);
              g_string_append (out, ").");
              links_left--;
            }
        }
      g_string_append (out, "\n\n");
    }

  return g_string_free (out, FALSE);
}

gboolean
sanasto_corpus_generate (const char          *dir,
                         guint                n_entries,
                         const char * const  *languages,
                         guint32              seed,
                         GError             **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) slugs = make_slugs (rand, n_entries);

  for (guint l = 0; languages[l] != NULL; l++)
    {
      const LanguageShape *shape = shape_for (languages[l]);
      gboolean english = g_ascii_strcasecmp (languages[l], "English") == 0;
      g_autofree char *folder = g_build_filename (dir, "Texts", languages[l], NULL);

      if (g_mkdir_with_parents (folder, 0755) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Cannot create %s: %s", folder, g_strerror (saved_errno));
          return FALSE;
        }

      for (guint i = 0; i < n_entries; i++)
        {
          g_autofree char *article = make_article (rand, shape, english, slugs, i);
          g_autofree char *name = g_strconcat (g_ptr_array_index (slugs, i), ".md", NULL);
          g_autofree char *path = g_build_filename (folder, name, NULL);

          if (!g_file_set_contents (path, article, -1, error))
            return FALSE;
        }
    }

  return TRUE;
}

char *
sanasto_corpus_make_rare_word (GRand *rand)
{
  GString *out = g_string_new (NULL);

  append_made_up_word (out, rand, &shapes[0]);
  return g_string_free (out, FALSE);
}

const char * const *
sanasto_corpus_get_words (guint *n_words)
{
  *n_words = G_N_ELEMENTS (words);
  return words;
}
