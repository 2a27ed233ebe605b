/* test-term-matcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar filter: what a reader types against the titles and aliases of a glossary.
 */

#include "config.h"

#include <string.h>

#include "sanasto-term-matcher.h"

typedef struct
{
  const char *language;
  const char *slug;
  const char *title;
  const char *alias;
} Term;

/* Sorted by language, then title, as a SanastoGlossary is. */
static const Term terms[] = {
  { "en", "apple", "Apple", "Malus" },
  { "en", "apricot", "Apricot", NULL },
  { "en", "banana", "Banana", NULL },
  { "en", "crab-apple", "Crab apple", NULL },
  { "en", "eclair", "Éclair", NULL },
  { "en", "grape", "Grape", NULL },
  { "en", "pineapple", "Pineapple", NULL },
  { "en", "strasse", "Straße", NULL },
  { "fi", "apple", "Omena", "Apple" },
  { "fi", "pineapple", "Ananas", NULL },
  { "fi", "yoghurt", "Jogurtti", NULL },
  { "fi", "orange", "Äppelsiini", NULL },
};

static GListModel *
make_glossary (void)
{
  GListStore *store = g_list_store_new (SANASTO_TYPE_ENTRY);

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.md", terms[i].language, terms[i].slug);
      g_autoptr(SanastoEntry) entry =
        sanasto_entry_new (path, terms[i].language, terms[i].slug, terms[i].title);
      g_autofree char *sort_key = g_strdup_printf ("%04u", i);

      sanasto_entry_set_sort_key (entry, sort_key);
      if (terms[i].alias != NULL)
        {
          const char *aliases[] = { terms[i].alias, NULL };

          sanasto_entry_set_aliases (entry, aliases);
        }
      g_list_store_append (store, entry);
    }
  return G_LIST_MODEL (store);
}

static char *
titles (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, sanasto_entry_get_title (entry));
    }
  return g_string_free (out, FALSE);
}

static char *
query (SanastoTermMatcher *matcher,
       const char         *language,
       const char         *text)
{
  sanasto_term_matcher_set_query (matcher, language, text);
  return titles (G_LIST_MODEL (matcher));
}

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Éclair", "eclair" },
    { "ÄITI", "aiti" },
    { "Straße", "strasse" },
    { "Søren  Kierkegaard ", "soren kierkegaard" },
    { "Łódź", "lodz" },
    { "Œuvre", "oeuvre" },
    { "ﬁle", "file" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = sanasto_term_matcher_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_match_kinds (void)
{
  g_assert_cmpint (sanasto_term_matcher_match_folded ("apple", "apple"), ==, SANASTO_MATCH_EXACT);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("apple pie", "apple"), ==,
                   SANASTO_MATCH_PREFIX);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("crab apple", "apple"), ==,
                   SANASTO_MATCH_WORD_PREFIX);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("a/b testing", "b test"), ==,
                   SANASTO_MATCH_WORD_PREFIX);
  /* A later occurrence at a word start still counts as a word prefix. */
  g_assert_cmpint (sanasto_term_matcher_match_folded ("pineapple apple", "apple"), ==,
                   SANASTO_MATCH_WORD_PREFIX);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("pineapple", "apple"), ==,
                   SANASTO_MATCH_SUBSTRING);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("click-through rate", "ctr"), ==,
                   SANASTO_MATCH_FUZZY);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("banana", "apple"), ==, SANASTO_MATCH_NONE);
  /* Characters, not bytes: "ä" folded is "a", but "å" must not match half of another. */
  g_assert_cmpint (sanasto_term_matcher_match_folded ("日本語", "本"), ==,
                   SANASTO_MATCH_SUBSTRING);
  g_assert_cmpint (sanasto_term_matcher_match_folded ("日本語", "語日"), ==, SANASTO_MATCH_NONE);
}

static void
test_ranking (void)
{
  g_autoptr(GListModel) glossary = make_glossary ();
  g_autoptr(SanastoTermMatcher) matcher = sanasto_term_matcher_new (glossary);
  g_autofree char *all = NULL;
  g_autofree char *apple = NULL;
  g_autofree char *fuzzy = NULL;
  g_autofree char *ap = NULL;
  g_autofree char *none = NULL;

  all = query (matcher, "en", "");
  g_assert_cmpstr (all, ==,
                   "Apple, Apricot, Banana, Crab apple, Éclair, Grape, Pineapple, Straße");

  apple = query (matcher, "en", "apple");
  g_assert_cmpstr (apple, ==, "Apple, Crab apple, Pineapple");
  g_assert_cmpint (sanasto_term_matcher_get_kind (matcher, 0), ==, SANASTO_MATCH_EXACT);
  g_assert_cmpint (sanasto_term_matcher_get_kind (matcher, 1), ==, SANASTO_MATCH_WORD_PREFIX);
  g_assert_cmpint (sanasto_term_matcher_get_kind (matcher, 2), ==, SANASTO_MATCH_SUBSTRING);

  /* Prefixes first in collation order, then the rest. */
  ap = query (matcher, "en", "ap");
  g_assert_cmpstr (ap, ==, "Apple, Apricot, Crab apple, Grape, Pineapple");

  fuzzy = query (matcher, "en", "apl");
  g_assert_cmpstr (fuzzy, ==, "Apple, Crab apple, Pineapple");
  g_assert_cmpint (sanasto_term_matcher_get_kind (matcher, 0), ==, SANASTO_MATCH_FUZZY);

  none = query (matcher, "en", "xyz");
  g_assert_cmpstr (none, ==, "");
}

static void
test_case_diacritics_aliases (void)
{
  g_autoptr(GListModel) glossary = make_glossary ();
  g_autoptr(SanastoTermMatcher) matcher = sanasto_term_matcher_new (glossary);
  g_autofree char *eclair = NULL;
  g_autofree char *strasse = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *finnish_alias = NULL;

  eclair = query (matcher, "en", "ECLA");
  g_assert_cmpstr (eclair, ==, "Éclair");
  strasse = query (matcher, "en", "strasse");
  g_assert_cmpstr (strasse, ==, "Straße");
  alias = query (matcher, "en", "malus");
  g_assert_cmpstr (alias, ==, "Apple");
  g_assert_cmpint (sanasto_term_matcher_get_kind (matcher, 0), ==, SANASTO_MATCH_EXACT);

  /* Only the current language is listed, and an alias counts as much as a title. */
  finnish_alias = query (matcher, "fi", "apple");
  g_assert_cmpstr (finnish_alias, ==, "Omena");
}

static void
test_language (void)
{
  g_autoptr(GListModel) glossary = make_glossary ();
  g_autoptr(SanastoTermMatcher) matcher = sanasto_term_matcher_new (glossary);
  g_autofree char *finnish = NULL;
  g_autofree char *narrowed = NULL;
  g_autoptr(SanastoEntry) english_apple = g_list_model_get_item (glossary, 0);
  g_autoptr(SanastoEntry) ananas = g_list_model_get_item (glossary, 9);

  finnish = query (matcher, "fi", "");
  g_assert_cmpstr (finnish, ==, "Omena, Ananas, Jogurtti, Äppelsiini");
  g_assert_cmpstr (sanasto_term_matcher_get_language (matcher), ==, "fi");

  narrowed = query (matcher, "fi", "an");
  g_assert_cmpstr (narrowed, ==, "Ananas, Äppelsiini");
  g_assert_cmpuint (sanasto_term_matcher_find (matcher, english_apple), ==, G_MAXUINT);
  g_assert_cmpuint (sanasto_term_matcher_find (matcher, ananas), ==, 0);
}

/* Typing one character at a time, deleting and switching language must give the same list
 * as a fresh search, whatever the matcher remembered from before. */
static void
test_incremental_matches_fresh (void)
{
  g_autoptr(GListModel) glossary = make_glossary ();
  g_autoptr(SanastoTermMatcher) typing = sanasto_term_matcher_new (glossary);
  const char *steps[] = { "a", "ap", "app", "appl", "apple", "appl", "ap", "p", "pi", "" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(SanastoTermMatcher) fresh = sanasto_term_matcher_new (glossary);
      g_autofree char *typed = query (typing, "en", steps[i]);
      g_autofree char *expected = query (fresh, "en", steps[i]);

      g_assert_cmpstr (typed, ==, expected);
    }
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *changes = user_data;

  (*changes)++;
}

static void
test_items_changed (void)
{
  g_autoptr(GListModel) glossary = make_glossary ();
  g_autoptr(SanastoTermMatcher) matcher = sanasto_term_matcher_new (glossary);
  guint changes = 0;

  g_signal_connect (matcher, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  sanasto_term_matcher_set_query (matcher, "en", "");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matcher)), ==, 8);
  /* Same result, no signal: the list keeps its scroll position and selection. */
  sanasto_term_matcher_set_query (matcher, "en", "  ");
  g_assert_cmpuint (changes, ==, 1);
  sanasto_term_matcher_set_query (matcher, "en", "banana");
  g_assert_cmpuint (changes, ==, 2);
  sanasto_term_matcher_set_query (matcher, "en", "BANANA");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (matcher), 1));
}

static void
test_initial (void)
{
  struct { const char *title, *language, *initial; } cases[] = {
    { "apple", "en", "A" },
    { "Éclair", "fr", "E" },
    { "Äiti", "fi", "Ä" },
    { "Äpfel", "de", "A" },
    { "Ångström", "sv", "Å" },
    { "“Quoted” term", "en", "Q" },
    { "3D printing", "en", "#" },
    { "...", "en", "#" },
    { "ωμέγα", "el", "Ω" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initial = sanasto_term_matcher_initial (cases[i].title, cases[i].language);

      g_assert_cmpstr (initial, ==, cases[i].initial);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/term-matcher/fold", test_fold);
  g_test_add_func ("/term-matcher/match-kinds", test_match_kinds);
  g_test_add_func ("/term-matcher/ranking", test_ranking);
  g_test_add_func ("/term-matcher/case-diacritics-aliases", test_case_diacritics_aliases);
  g_test_add_func ("/term-matcher/language", test_language);
  g_test_add_func ("/term-matcher/incremental", test_incremental_matches_fresh);
  g_test_add_func ("/term-matcher/items-changed", test_items_changed);
  g_test_add_func ("/term-matcher/initial", test_initial);

  return g_test_run ();
}
