/* glossary-fixture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading a fixture glossary under tests/fixtures/, for the core tests that read one.
 */

#pragma once

#include "sanasto-glossary.h"

G_BEGIN_DECLS

/* The glossary in tests/fixtures/<first>/<...>, loaded synchronously; the test fails if it
 * does not load. The path's elements end with NULL. */
SanastoGlossary *glossary_fixture_load (const char *first_element,
                                        ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
