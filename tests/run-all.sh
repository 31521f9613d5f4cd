#!/usr/bin/env bash
# Runs every Planner test from a fresh clone: builds the solution, runs each test project,
# and ends with one summary line ("Tests: N passed, N failed, N skipped").
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Each tests/setup/*.sh installs one thing the tests need (a browser, a native library)
# and caches it, so a fresh machine with only the .NET SDK can run everything.
for setup in tests/setup/*.sh; do
  [ -e "$setup" ] || continue
  echo "== setup: $setup"
  bash "$setup" || { echo "Tests: 0 passed, 1 failed (setup $setup failed)"; exit 1; }
done

dotnet build Planner.sln -c Release -nologo -clp:ErrorsOnly || { echo "Tests: 0 passed, 1 failed (build failed)"; exit 1; }
dotnet test Planner.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test assembly prints "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T".
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    gsub(/,/, "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1);
      if ($i == "Passed:") p += $(i+1);
      if ($i == "Skipped:") s += $(i+1);
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
