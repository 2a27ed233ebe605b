#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks each translation in po/LINGUAS: it compiles with `msgfmt --check`, and once merged
# with a template extracted from the current sources it has no fuzzy or untranslated
# message. A string added to the code without its translation fails here.
#
# Usage: check-translations.py SOURCE_ROOT. Prints TAP. Needs xgettext, msgmerge, msgfmt.

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

# The keywords of meson's i18n 'glib' preset, so the template matches `ninja sanasto-pot`.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]

STATISTICS = re.compile(r'(\d+) (translated|fuzzy|untranslated) messages?')

# The shared TAP writer, tests/tap.py; no bytecode cache left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tap import Tap  # noqa: E402

tap = Tap(diagnose_passes=True)
check = tap.check


def statistics(po, workdir):
    result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', str(workdir / 'out.mo'),
                             str(po)], capture_output=True, text=True, env={'LC_ALL': 'C'})
    numbers = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for number, kind in STATISTICS.findall(result.stderr):
        numbers[kind] = int(number)
    return result, numbers


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} SOURCE_ROOT', file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    print('TAP version 13')
    for tool in ('xgettext', 'msgmerge', 'msgfmt'):
        if not shutil.which(tool):
            print(f'1..0 # SKIP {tool} is not installed')
            return 0

    linguas = (root / 'po' / 'LINGUAS').read_text(encoding='utf-8').split()
    linguas = [lang for lang in linguas if not lang.startswith('#')]
    check(bool(linguas), 'po/LINGUAS names at least one language')

    with tempfile.TemporaryDirectory() as tmp:
        workdir = pathlib.Path(tmp)
        pot = workdir / 'sanasto.pot'
        extract = subprocess.run(['xgettext', *XGETTEXT_ARGS, '--directory', str(root),
                                  '--files-from', str(root / 'po' / 'POTFILES.in'),
                                  '--package-name=sanasto', '-o', str(pot)],
                                 capture_output=True, text=True)
        check(extract.returncode == 0 and pot.is_file(),
              'xgettext extracts a template from POTFILES.in', [extract.stderr])
        if not pot.is_file():
            return tap.finish()

        for lang in linguas:
            po = root / 'po' / f'{lang}.po'
            check(po.is_file(), f'{lang}.po exists')
            if not po.is_file():
                continue

            result, numbers = statistics(po, workdir)
            check(result.returncode == 0, f'{lang}.po passes msgfmt --check', [result.stderr])

            header = po.read_text(encoding='utf-8')
            check('Plural-Forms: nplurals=' in header and 'charset=UTF-8' in header,
                  f'{lang}.po declares its plural forms and UTF-8')

            merged = workdir / f'{lang}.merged.po'
            merge = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching',
                                    '-o', str(merged), str(po), str(pot)],
                                   capture_output=True, text=True)
            if merge.returncode != 0:
                check(False, f'{lang}.po merges with the template', [merge.stderr])
                continue
            result, numbers = statistics(merged, workdir)
            check(numbers['translated'] > 0 and numbers['fuzzy'] == 0
                  and numbers['untranslated'] == 0,
                  f'{lang}.po translates every current string', [result.stderr.strip()])

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
