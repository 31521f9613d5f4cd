#!/usr/bin/env bash
# Installs what the report tests need from Debian's packages: chromium (HTML -> PDF, and the
# browser the Playwright test drives), fonts-dejavu-core (so text renders without web fonts)
# and poppler-utils (pdftotext, pdftoppm), through the script the CLI's build runs. Quiet and
# quick when everything is already there; unlike the build, it fails when they are still missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash src/Planner.Cli/setup/report-packages.sh --with-pdf-tools
for need in /usr/bin/chromium /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/bin/pdftotext; do
  [ -e "$need" ] || { echo "tests/setup/chromium.sh: $need is still missing; run as root: apt-get install chromium fonts-dejavu-core poppler-utils" >&2; exit 1; }
done
