#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the app icons the way an icon theme uses them: the scalable icon is a 128x128 SVG,
# the symbolic one a 16x16 SVG in one colour (GTK recolours its fills, so a second colour
# or a stroke would not follow the theme), and neither depends on fonts or other files.
# When gdk-pixbuf-thumbnailer is there, each icon must also render.
#
# Usage: check-icons.py SOURCE_ROOT APP_ID. Prints TAP.

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'

# The shared TAP writer, tests/tap.py; no bytecode cache left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tap import Tap  # noqa: E402

tap = Tap()
check = tap.check


def paint_values(element, name):
    values = []
    if element.get(name) is not None:
        values.append(element.get(name).strip().lower())
    style = element.get('style') or ''
    for match in re.finditer(rf'(?:^|;)\s*{name}\s*:\s*([^;]+)', style):
        values.append(match.group(1).strip().lower())
    return values


def check_svg(path, size, symbolic, workdir):
    name = path.name
    check(path.is_file(), f'{name} exists')
    if not path.is_file():
        return
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        check(False, f'{name} is well-formed XML', [str(error)])
        return
    check(root.tag == f'{SVG}svg', f'{name} is an SVG document')
    check(root.get('width') == str(size) and root.get('height') == str(size)
          and (root.get('viewBox') or '').split() == ['0', '0', str(size), str(size)],
          f'{name} has a {size}x{size} canvas')

    elements = list(root.iter())
    tags = {e.tag.replace(SVG, '') for e in elements}
    check('text' not in tags and 'image' not in tags,
          f'{name} draws everything with shapes, no text or raster images')
    references = [e.get('href') or e.get(XLINK_HREF) for e in elements]
    external = [r for r in references if r and not r.startswith('#')]
    check(not external, f'{name} refers to no other file', external)

    if symbolic:
        fills = set()
        for e in elements:
            fills.update(v for v in paint_values(e, 'fill') if v != 'none')
        strokes = [v for e in elements for v in paint_values(e, 'stroke') if v != 'none']
        check(len(fills) <= 1 and not strokes, f'{name} uses one fill colour and no strokes',
              [f'fills: {sorted(fills)}', f'strokes: {strokes}'])
        check(not tags & {'linearGradient', 'radialGradient', 'filter'},
              f'{name} has no gradients or filters')

    thumbnailer = shutil.which('gdk-pixbuf-thumbnailer')
    if thumbnailer:
        png = workdir / f'{name}.png'
        result = subprocess.run([thumbnailer, '-s', str(size), str(path), str(png)],
                                capture_output=True, text=True)
        check(result.returncode == 0 and png.is_file() and png.stat().st_size > 0,
              f'{name} renders', [result.stderr.strip()])


def main():
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} SOURCE_ROOT APP_ID', file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    app_id = sys.argv[2]
    icons = root / 'data' / 'icons' / 'hicolor'
    print('TAP version 13')
    with tempfile.TemporaryDirectory() as tmp:
        check_svg(icons / 'scalable' / 'apps' / f'{app_id}.svg', 128, False, pathlib.Path(tmp))
        check_svg(icons / 'symbolic' / 'apps' / f'{app_id}-symbolic.svg', 16, True,
                  pathlib.Path(tmp))
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
