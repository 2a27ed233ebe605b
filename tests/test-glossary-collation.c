/* test-glossary-collation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The term list sorts the way the glossary's language does, whatever language the app
 * itself runs in: a Finnish list puts Å, Ä and Ö after Z, an English one files them under
 * A and O.
 */

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "glossary-fixture.h"
#include "sanasto-glossary.h"
#include "sanasto-language.h"

static gboolean
have_locale (const char *name)
{
  locale_t locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (locale == (locale_t) 0)
    return FALSE;
  freelocale (locale);
  return TRUE;
}

static char *
titles_in (SanastoGlossary *glossary,
           const char      *language)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (glossary)); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (G_LIST_MODEL (glossary), i);

      if (strcmp (sanasto_entry_get_language (entry), language) != 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, sanasto_entry_get_title (entry));
    }
  return g_string_free (out, FALSE);
}

static void
check_order (gconstpointer data)
{
  const char *ui_locale = data;
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autofree char *finnish = NULL;
  g_autofree char *english = NULL;

  if (!have_locale ("fi_FI.UTF-8") || !have_locale ("en_US.UTF-8"))
    {
      g_test_skip ("fi_FI.UTF-8 and en_US.UTF-8 locales are needed (build-aux/dev makes them)");
      return;
    }
  if (setlocale (LC_ALL, ui_locale) == NULL)
    {
      g_test_skip ("UI locale not installed");
      return;
    }

  glossary = glossary_fixture_load ("citizen", "collation", NULL);

  finnish = titles_in (glossary, "fi");
  g_assert_cmpstr (finnish, ==, "Aamu Omena Vesi Zeppeliini Åland Ääni Öljy");
  english = titles_in (glossary, "en");
  g_assert_cmpstr (english, ==, "Aardvark Ångström Ärger Bee Oak Öre Pine Zebra");

  setlocale (LC_ALL, "C.UTF-8");
}

/* Without a collation locale for the glossary's language, terms still sort ignoring case and
 * accents, and the log names every locale tried, so the reader knows what to install. LOCPATH
 * at an empty folder hides every installed locale from newlocale(), so this holds whichever
 * locales the machine has; it runs in a subprocess to keep the other tests' locales. */
static void
check_missing_locale (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("sanasto-no-locales-XXXXXX", NULL);
      g_autofree char *first = NULL;
      g_autofree char *accented = NULL;
      g_autofree char *last = NULL;

      g_assert_nonnull (empty);
      g_setenv ("LOCPATH", empty, TRUE);

      first = sanasto_language_collation_key ("pt-br", "abacaxi");
      accented = sanasto_language_collation_key ("pt-br", "Árvore");
      last = sanasto_language_collation_key ("pt-br", "banana");
      g_assert_cmpstr (first, <, accented);
      g_assert_cmpstr (accented, <, last);

      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The quotes around the code depend on the console's charset, so they are not matched. */
  g_test_trap_assert_stderr ("*No collation locale for language ?pt-br? "
                             "(tried pt_BR.UTF-8, pt_PT.UTF-8); sorting without it*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The same order whether the app runs in English, Finnish, Swedish or C. */
  g_test_add_data_func ("/glossary-collation/ui-c", "C.UTF-8", check_order);
  g_test_add_data_func ("/glossary-collation/ui-english", "en_US.UTF-8", check_order);
  g_test_add_data_func ("/glossary-collation/ui-finnish", "fi_FI.UTF-8", check_order);
  g_test_add_data_func ("/glossary-collation/ui-swedish", "sv_SE.UTF-8", check_order);
  g_test_add_func ("/glossary-collation/missing-locale", check_missing_locale);

  return g_test_run ();
}
