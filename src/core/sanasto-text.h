/* sanasto-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unicode helpers for matching what people type or link against what files say. */

/* Case folded, diacritics removed ("Äiti" -> "aiti"). length -1: NUL-terminated. */
char     *sanasto_text_fold             (const char *text,
                                         gssize      length);
/* Folded, and runs of '_', '-', spaces and other white space made one '-', trimmed at both
 * ends: "Cloud_Computing", "cloud computing" and "cloud-computing" are equal. */
char     *sanasto_text_normalize_slug   (const char *text);
/* Folded with '_', '-' and white space removed entirely: "cloudcomputing". */
char     *sanasto_text_squash_slug      (const char *text);
/* At most about max_chars characters, cut at a word boundary with an ellipsis. */
char     *sanasto_text_shorten          (const char *text,
                                         gsize       max_chars);
/* Character references scraped text keeps ("doesn&#39;t", "R&amp;D") turned into text. */
char     *sanasto_text_decode_entities  (const char *text);
/* Collapses runs of white space to one space and trims. */
char     *sanasto_text_collapse_space   (const char *text);
/* Optimal-string-alignment (Damerau-Levenshtein) distance between two byte strings, or
 * max_distance + 1 as soon as it is certainly larger than max_distance. */
guint     sanasto_text_edit_distance    (const char *a,
                                         gsize       a_len,
                                         const char *b,
                                         gsize       b_len,
                                         guint       max_distance);

/* A letter histogram of text, so that a cheap lower bound of the edit distance between two
 * strings skips most of the real computations. */
guint64   sanasto_text_signature          (const char *text,
                                           gsize       length);
/* Which characters occur in text, as bits; half the bits that differ between two masks (a
 * single popcount) is a lower bound of the edit distance too, cheaper still. */
guint64   sanasto_text_letter_mask        (const char *text,
                                           gsize       length);
/* A lower bound of the edit distance of the two strings the signatures come from. */
guint     sanasto_text_signature_distance (guint64     a,
                                           guint64     b);

G_END_DECLS
