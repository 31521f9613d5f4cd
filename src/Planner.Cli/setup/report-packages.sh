#!/usr/bin/env bash
# Installs, from Debian's packages, what `planner run` needs for its reports and does not find:
# fonts-dejavu-core (the charts' font) and chromium (report.pdf). The CLI's build runs it, so
# the README's first command works on a fresh Debian machine with only the .NET SDK; the tests'
# setup runs it with poppler-utils added. Quiet and quick when everything is there. It never
# fails a build: where it cannot install (no apt-get, not root and no password-less sudo, no
# network) it says what to install and the run goes on (a run without the font writes every file
# but the charts; without Chromium, every file but report.pdf).
#
#   report-packages.sh [--with-pdf-tools]   (--with-pdf-tools: poppler-utils too, for the tests)
#
# PLANNER_CHROMIUM or PLANNER_FONT_DIR, set, stand for the browser or the font. For its own test,
# PLANNER_SETUP_ROOT prefixes every path it checks and PLANNER_SETUP_DRY_RUN=1 prints the
# install command instead of running it.
set -uo pipefail

root=${PLANNER_SETUP_ROOT:-}
missing=()
if [ -z "${PLANNER_FONT_DIR:-}" ] && [ ! -f "$root/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" ]; then
  missing+=(fonts-dejavu-core)
fi
if [ -z "${PLANNER_CHROMIUM:-}" ] && [ ! -x "$root/usr/bin/chromium" ]; then
  missing+=(chromium)
fi
if [ "${1:-}" = "--with-pdf-tools" ] && [ ! -x "$root/usr/bin/pdftotext" ]; then
  missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

say() { echo "planner setup: $*"; }
if [ "${PLANNER_SETUP_DRY_RUN:-}" = "1" ]; then
  say "would run: apt-get install ${missing[*]}"
  exit 0
fi
if [ ! -x "$root/usr/bin/apt-get" ]; then
  say "reports need ${missing[*]} (Debian's package names); install them with this system's package manager"
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    say "reports need ${missing[*]}; run as root: apt-get install ${missing[*]}"
    exit 0
  fi
fi

say "installing ${missing[*]} (Debian packages) ..."
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  say "could not install ${missing[*]}; run as root: apt-get install ${missing[*]}"
fi
exit 0
