#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a scratch DESTDIR and checks that the result is a working app:
# the desktop integration files are in place, translations are installed, and the
# installed binary reads the installed sample glossary with --check.
#
# Usage: check-install.sh BUILD_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID. Prints TAP.

set -u

build_root=$1
prefix=$2
bindir=$3
datadir=$4
localedir=$5
app_id=$6

destdir=$(mktemp -d "${TMPDIR:-/tmp}/sanasto-install-XXXXXX")
trap 'rm -rf "$destdir"' EXIT INT TERM

# Meson passes absolute install directories when given them, relative ones otherwise.
under_prefix() {
  case $1 in
    /*) printf '%s%s' "$destdir" "$1" ;;
    *) printf '%s%s/%s' "$destdir" "$prefix" "$1" ;;
  esac
}

count=0
failed=0
check() {
  count=$((count + 1))
  description=$1
  shift
  if "$@" >"$destdir/.out" 2>&1; then
    echo "ok $count - $description"
  else
    echo "not ok $count - $description"
    sed 's/^/# /' "$destdir/.out" | head -n 40
    failed=1
  fi
}

echo "TAP version 13"

check "meson install into a DESTDIR succeeds" \
  meson install -C "$build_root" --no-rebuild --quiet --destdir "$destdir"

bin=$(under_prefix "$bindir")/sanasto
share=$(under_prefix "$datadir")
locale=$(under_prefix "$localedir")

check "the sanasto binary is installed and executable" test -x "$bin"
check "the desktop file is installed" test -s "$share/applications/$app_id.desktop"
check "the desktop file carries the Finnish translation" \
  grep -q '^Name\[fi\]=' "$share/applications/$app_id.desktop"
check "the metainfo is installed" test -s "$share/metainfo/$app_id.metainfo.xml"
check "the scalable icon is installed" test -s "$share/icons/hicolor/scalable/apps/$app_id.svg"
check "the symbolic icon is installed" \
  test -s "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check "the GSettings schema is installed" test -s "$share/glib-2.0/schemas/$app_id.gschema.xml"
check "the Finnish message catalogue is installed" test -s "$locale/fi/LC_MESSAGES/sanasto.mo"
check "the sample glossary is installed" test -d "$share/sanasto/sample"

# The check runs in the C locale so its report is the untranslated English one.
run_check() {
  output=$(LC_ALL=C.UTF-8 LANGUAGE= "$bin" --check "$share/sanasto/sample" 2>&1)
  status=$?
  printf '%s\n' "$output"
  if [ "$status" -ne 0 ]; then
    echo "exit status $status, expected 0"
    return 1
  fi
  if ! printf '%s\n' "$output" | grep -qi 'entries'; then
    echo "the report does not mention entries"
    return 1
  fi
  # The report counts entries as "Entries: N"; an installed sample with none is broken.
  if printf '%s\n' "$output" | grep -qiE '^entries: *0$'; then
    echo "the installed sample has no entries"
    return 1
  fi
}
check "the installed binary checks the installed sample cleanly" run_check

echo "1..$count"
exit $failed
