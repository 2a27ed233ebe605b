#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built `sanasto --check` and `--html` on a small folder of hostile files generated
# here: it must not crash or hang, must name each bad file with a reason, and must never
# print a byte from outside the folder or a control character. Speaks TAP.

sanasto="$1"
tmp="$(mktemp -d)"
trap 'chmod -R u+rwX "$tmp"; rm -rf "$tmp"' EXIT
root="$tmp/root"
mkdir -p "$root/loop" "$tmp/outside"
count=0

result () {
  count=$((count + 1))
  if [ "$1" = 0 ]; then
    echo "ok $count - $2"
  else
    echo "not ok $count - $2"
    head -c 4000 "$tmp/out" | sed 's/^/# stdout: /'
    head -c 4000 "$tmp/err" | sed 's/^/# stderr: /'
  fi
}

has () {
  grep -qF -- "$1" "$tmp/$2"
}

# The folder: good articles with odd bytes, and bad files of every kind.
printf -- '---\ntitle: Good\n---\nGOODWORD [bad](nowhere)\n' >"$root/good.md"
printf -- '\xef\xbb\xbf---\r\ntitle: Crlf\r\n---\r\nCRLFWORD\r\n' >"$root/crlf.md"
printf -- '---\ntitle: B\xff\xfead\n---\nBADUTF \xc3\x28 \xed\xa0\x80\n' >"$root/bad-utf8.md"
printf -- 'NAMEWORD [x](nowhere)\n' >"$root/name-$(printf '\xff\xfe').md"
printf -- 'NEWLINE [x](nowhere)\n' >"$root/$(printf 'a\nFORGED: b\033[2J.md')"
printf -- '---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n'\
'c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n'\
'title: *d\nkeywords: *d\n---\nLAUGHS\n' >"$root/laughs.md"
printf -- '---\ntitle: Open\nOPENWORD\n' >"$root/unterminated.md"
head -c 200000 /dev/zero | tr '\0' '-' | sed 's/--/- /g' >"$root/deep-list.md"
head -c 100000 /dev/zero | tr '\0' '>' >"$root/deep-quote.md"
: >"$root/empty.md"
printf '\0\0\0binary' >"$root/nul.md"
printf -- '---\ntitle: SECRETWORD\n---\nSECRETWORD\n' >"$tmp/outside/secret.md"
ln -s "$tmp/outside/secret.md" "$root/outside.md"
ln -s ../outside "$root/outside-dir"
ln -s .. "$root/loop/up"
ln -s self.md "$root/self.md"
printf -- '[up](../outside/secret.md) [abs](%s) ![i](outside-dir/secret.md)\n' \
  "$tmp/outside/secret.md" >"$root/escapes.md"

echo "1..5"

timeout 120 "$sanasto" --check "$root" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 1 ] && has "Entries: " out && has "  empty.md: Empty file (skipped)" out &&
  has "  nul.md: Binary file, not text (skipped)" out &&
  has "  outside.md: Points outside the glossary folder (skipped)" out &&
  has "  unterminated.md: The front matter is not closed" out &&
  has "  self.md: Symbolic link loop" out
result $? "--check names each bad file with a reason and exits 1 for the broken links"

! has SECRETWORD out && ! has SECRETWORD err && ! grep -q '^FORGED:' "$tmp/out" &&
  ! LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]' "$tmp/out"
result $? "--check prints nothing from outside the folder and no control characters"

iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1
result $? "--check prints valid UTF-8"

ok=0
for term in good crlf bad-utf8 laughs unterminated deep-list deep-quote escapes; do
  timeout 60 "$sanasto" --html "$root" "$term" >"$tmp/out" 2>"$tmp/err" || { ok=1; echo "# $term failed"; }
  iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || { ok=1; echo "# $term: not UTF-8"; }
  if has SECRETWORD out || grep -qi '<script' "$tmp/out"; then ok=1; echo "# $term: unsafe"; fi
done
result $ok "--html renders every good article as safe, valid UTF-8"

timeout 60 "$sanasto" --html "$root" outside >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" != 0 ] && ! has SECRETWORD out && ! has SECRETWORD err
result $? "--html will not show an article through a symlink out of the folder"
