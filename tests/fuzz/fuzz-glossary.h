/* fuzz-glossary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small fixed glossary for the fuzz targets, written to a temporary folder once.
 */

#pragma once

#include "sanasto-glossary.h"

SanastoGlossary *fuzz_glossary_get (void);
