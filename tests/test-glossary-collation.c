/* test-glossary-collation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The term list sorts the way the glossary's language does, whatever language the app
 * itself runs in: a Finnish list puts Å, Ä and Ö after Z, an English one files them under
 * A and O.
 */

#include <locale.h>
#include <string.h>

#include "sanasto-glossary.h"

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
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "fixtures", "citizen",
                                                 "collation", NULL);
  g_autoptr(SanastoGlossary) glossary = NULL;
  g_autoptr(GError) error = NULL;
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

  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);

  finnish = titles_in (glossary, "fi");
  g_assert_cmpstr (finnish, ==, "Aamu Omena Vesi Zeppeliini Åland Ääni Öljy");
  english = titles_in (glossary, "en");
  g_assert_cmpstr (english, ==, "Aardvark Ångström Ärger Bee Oak Öre Pine Zebra");

  setlocale (LC_ALL, "C.UTF-8");
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

  return g_test_run ();
}
