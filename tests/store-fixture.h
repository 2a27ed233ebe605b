/* store-fixture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture test-bookmarks and test-history share: a store's file in a temporary folder of
 * its own, removed with all it holds after the test.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;   /* a new, empty folder */
  char *path;  /* the store's file in it: dir/data */
} StoreFixture;

/* For g_test_add(); data: the store's file name, relative to the folder ("history.ini"). */
void store_fixture_set_up    (StoreFixture  *fixture,
                              gconstpointer  data);
void store_fixture_tear_down (StoreFixture  *fixture,
                              gconstpointer  data);

G_END_DECLS
