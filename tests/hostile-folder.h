/* hostile-folder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder of hostile files, generated at test time, for test-hostile and
 * test-window-hostile.
 */

#pragma once

#include <glib.h>

/* A word that exists only outside the glossary folder: no page may ever show it. */
#define SECRET "SANASTOSECRETWORD"

typedef struct
{
  char     *tmp;      /* holds root/ and outside/ */
  char     *root;
  char     *outside;
  gboolean  chmod_blocks;
} Hostile;

/* The good articles among the bad files, and a word each one's page must show. */
typedef struct
{
  const char *slug;
  const char *word;
} HostileGood;

extern const HostileGood hostile_good_entries[];
extern const guint hostile_n_good_entries;

/* huge_size: the size of the one huge article (0: none, then "huge" is not among the good
 * entries to expect). */
void hostile_build (Hostile *hostile,
                    gsize    huge_size);
void hostile_free  (Hostile *hostile);
void hostile_remove_tree (const char *path);
