/* sanasto-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a generated glossary into dir, shaped like the largest real ones: Texts/<Language>/
 * <english-slug>.md for each language name in languages, n_entries articles each, 2-10 KB of
 * pseudo-random words with front matter, about 7 links per article of which about 3 % name no
 * entry. The same seed gives the same corpus. */
gboolean     sanasto_corpus_generate      (const char          *dir,
                                           guint                n_entries,
                                           const char * const  *languages,
                                           guint32              seed,
                                           GError             **error);

/* Common words of the generated English text, for building queries. */
const char * const *sanasto_corpus_get_words (guint *n_words);

/* A made-up word as the English articles use them: found in the text, never in a title. */
char               *sanasto_corpus_make_rare_word (GRand *rand);

G_END_DECLS
