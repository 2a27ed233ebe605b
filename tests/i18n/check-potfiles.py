#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the tree: every file with translatable strings is listed,
# the list is sorted, and it names only files that exist. A string in a file missing from
# POTFILES.in never reaches translators, and xgettext fails on a listed file that is gone.
#
# Usage: check-potfiles.py SOURCE_ROOT. Prints TAP.

import pathlib
import re
import sys

# gettext calls in C, and translatable properties in GtkBuilder files.
MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\(\s*"'
    r'|(?<![A-Za-z0-9_])(?:g_d?n?gettext|ngettext|g_dpgettext2?)\s*\('
    r'|translatable\s*=\s*"(?:yes|true|1)"'
)

# Formats whose strings are all translatable, whatever they contain.
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')

# The shared TAP writer, tests/tap.py; no bytecode cache left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tap import Tap  # noqa: E402

tap = Tap()
check = tap.check


def read_potfiles(path):
    entries = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            entries.append(line)
    return entries


def translatable_files(root):
    found = set()
    candidates = []
    for top in ('src', 'ui'):
        if (root / top).is_dir():
            candidates += [p for p in (root / top).rglob('*')
                           if p.is_file() and p.suffix in ('.c', '.h', '.ui')]
    if (root / 'data').is_dir():
        for p in (root / 'data').iterdir():
            if not p.is_file():
                continue
            if p.name.endswith(ALWAYS_TRANSLATABLE):
                found.add(p.relative_to(root).as_posix())
            elif p.name.endswith('.in'):
                candidates.append(p)
    for p in candidates:
        text = p.read_text(encoding='utf-8', errors='replace')
        if MARKERS.search(text):
            found.add(p.relative_to(root).as_posix())
    return found


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} SOURCE_ROOT', file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES.in'

    print('TAP version 13')
    check(potfiles.is_file(), 'po/POTFILES.in exists')
    if tap.failures:
        return tap.finish()
    entries = read_potfiles(potfiles)

    missing_files = [e for e in entries if not (root / e).is_file()]
    check(not missing_files, 'POTFILES.in lists only existing files',
          [f'no such file: {e}' for e in missing_files])

    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    check(not duplicates, 'POTFILES.in lists each file once',
          [f'listed twice: {e}' for e in duplicates])

    expected = sorted(entries)
    unsorted = [f'line "{a}" should be "{b}"' for a, b in zip(entries, expected) if a != b]
    check(not unsorted, 'POTFILES.in is sorted', unsorted[:5])

    unlisted = sorted(translatable_files(root) - set(entries))
    check(not unlisted, 'every file with translatable strings is in POTFILES.in',
          [f'not listed: {u}' for u in unlisted])

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
