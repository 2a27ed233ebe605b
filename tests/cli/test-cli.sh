#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built `sanasto` binary's headless commands on the fixtures and checks what a user
# sees: the report, the page, the exit status. Speaks TAP.

sanasto="$1"
fixtures="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
count=0

# run NAME ARGS...: runs sanasto, keeping stdout, stderr and the exit status.
run () {
  "$sanasto" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
}

result () {
  count=$((count + 1))
  if [ "$1" = 0 ]; then
    echo "ok $count - $2"
  else
    echo "not ok $count - $2"
    sed 's/^/# stdout: /' "$tmp/out"
    sed 's/^/# stderr: /' "$tmp/err"
  fi
}

has () {
  grep -qF -- "$1" "$tmp/$2"
}

echo "1..10"

run --check "$fixtures/render"
[ "$status" = 0 ] && has "Entries: 5" out && has "  unresolved: 0" out &&
  ! has "Unresolved links:" out
result $? "--check on a glossary whose links all resolve exits 0"

run --check "$fixtures/broken-links"
[ "$status" = 1 ] && has "  unresolved: 3" out &&
  has 'terms/cloud-computing.md:5: /datacenter/ "data center" (did you mean data-center?)' out &&
  has 'terms/cloud-computing.md:8: /edge-computing "edge computing"' out &&
  has 'terms/virtual-machine.md:7: /hypervisors "hypervisor"' out
result $? "--check lists each unresolved link with file, line and suggestion, exits 1"

run --check "$fixtures/broken-links"
has "Problems: 2" out && has "  terms/empty.md: Empty file (skipped)" out &&
  has "  terms/half-written.md: The front matter is not closed" out
result $? "--check lists the files it could not read, with the reason"

run --check "$fixtures/broken-links"
! has "cloud_computing" out && ! has "Cloud-Computing.md" out
result $? "--check resolves links that differ only in form"

run --check "$fixtures/does-not-exist"
[ "$status" = 2 ] && [ -s "$tmp/err" ] && [ ! -s "$tmp/out" ]
result $? "--check on a missing folder exits 2 with a message"

run --check
[ "$status" = 2 ] && has "Usage" err
result $? "--check without a folder prints the usage and exits 2"

run --html "$fixtures/render" cache
[ "$status" = 0 ] && has "<!DOCTYPE html>" out && has "<h1>Cache</h1>" out &&
  has 'href="sanasto://entry/en/proxy"' out &&
  has "Content-Security-Policy" out
result $? "--html prints the page with its title and rewritten links"

run --html "$fixtures/render" Välimuisti
[ "$status" = 0 ] && has "<h1>Välimuisti</h1>" out && has 'class="fallback-language"' out
result $? "--html finds a term by its translated title"

run --html "$fixtures/render" no-such-term
[ "$status" = 1 ] && has "no-such-term" err && [ ! -s "$tmp/out" ]
result $? "--html with an unknown term exits 1 with a message"

run --html "$fixtures/does-not-exist" cache
[ "$status" = 2 ] && [ -s "$tmp/err" ]
result $? "--html on a missing folder exits 2"
