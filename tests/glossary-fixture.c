/* glossary-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdarg.h>

#include "glossary-fixture.h"

SanastoGlossary *
glossary_fixture_load (const char *first_element,
                       ...)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  SanastoGlossary *glossary;
  va_list args;

  g_ptr_array_add (elements, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (elements, "fixtures");
  va_start (args, first_element);
  for (const char *element = first_element; element != NULL;
       element = va_arg (args, const char *))
    g_ptr_array_add (elements, (gpointer) element);
  va_end (args);
  g_ptr_array_add (elements, NULL);

  root = g_build_filenamev ((char **) elements->pdata);
  glossary = sanasto_glossary_load (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (glossary);

  return glossary;
}
