#!/usr/bin/env bash
# Regenerates reports/examples/<scenario>/ for every bundled scenario in scenarios/*.yaml:
# summary.json, monthly.csv, report.md, report.html, report.pdf and charts/*.svg; and
# reports/examples/chat-seed-stage-decision/ with the Monte Carlo, tornado and configuration search.
# The PDF needs Debian's chromium (bash tests/setup/chromium.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${PLANNER_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then
  echo "regenerate.sh: chromium is needed for report.pdf; run: bash tests/setup/chromium.sh" >&2
  exit 1
fi

dotnet build src/Planner.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
planner=src/Planner.Cli/bin/Release/net10.0/planner
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  out=reports/examples/$name
  # Start clean so charts of renamed options do not linger.
  rm -rf "$out"
  # Stale-price warnings are in the reports themselves; keep the console to errors and notes.
  "$planner" run "$scenario" --out "$out" >/dev/null 2> >(grep -v ": warning: " >&2)
  [ -f "$out/report.pdf" ] || { echo "regenerate.sh: $out/report.pdf was not written" >&2; exit 1; }
  echo "$out: $(find "$out" -type f | wc -l) files, report.pdf $(( $(stat -c %s "$out/report.pdf") / 1024 )) KiB"
done

# The chat scenario once more with every decision analysis: its Monte Carlo and tornado
# (uncertainty: section, 1,000 samples), then planner optimize, which adds its configuration
# search to the same reports.
out=reports/examples/chat-seed-stage-decision
rm -rf "$out"
"$planner" run scenarios/chat-seed-stage.yaml --samples 1000 --out "$out" >/dev/null 2> >(grep -v ": warning: " >&2)
"$planner" optimize scenarios/chat-seed-stage.yaml --out "$out" >/dev/null 2> >(grep -v ": warning: " >&2)
grep -q 'id="optimization"' "$out/report.html" || { echo "regenerate.sh: $out/report.html has no configuration search" >&2; exit 1; }
[ -f "$out/report.pdf" ] || { echo "regenerate.sh: $out/report.pdf was not written" >&2; exit 1; }
echo "$out: $(find "$out" -type f | wc -l) files, report.pdf $(( $(stat -c %s "$out/report.pdf") / 1024 )) KiB"
