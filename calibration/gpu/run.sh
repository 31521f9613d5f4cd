#!/usr/bin/env bash
# One-command GPU calibration: on a Linux machine with an NVIDIA GPU, CUDA 13 (with cuDNN 9) and the
# .NET SDK, builds Planner, checks that ONNX Runtime's CUDA provider starts, times the catalog's
# Llama 3.1 8B shapes (fp16, 2 decoder blocks plus embedding and LM head, composed to 32 layers),
# and writes the measurements, the fitted profile and its check under calibration/.
#
#   bash calibration/gpu/run.sh            # the standard sweep, a few minutes on a data-centre GPU
#
# Everything but the device is tested on the CPU provider (tests/Planner.Cli.Tests), through these
# variables, so the script runs unchanged the first time it meets a GPU:
#   PLANNER_PROVIDER   cuda (default), tensorrt or cpu
#   PLANNER_DEVICE     GPU index (default 0)
#   PLANNER_MODEL      catalog model (default llama-3.1-8b)
#   PLANNER_GPU        catalog id of the GPU (default: from nvidia-smi's name, when it is in the catalog)
#   PLANNER_SWEEP      the bench options of the sweep (default below)
#   PLANNER_OUT        the calibration folder to write into (default calibration/)
#   PLANNER_CATALOG    catalog folder (default: scenarios/catalog)
#   PLANNER_BIN        an already built planner executable (default: build src/Planner.Cli)
#   PLANNER_TIME_LIMIT_S  stop the sweep after this many seconds (default 600)
# Exit codes: 0 done, 1 a step failed, 2 the provider cannot run here (the reason is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."

provider=${PLANNER_PROVIDER:-cuda}
device=${PLANNER_DEVICE:-0}
model=${PLANNER_MODEL:-llama-3.1-8b}
out=${PLANNER_OUT:-calibration}
limit=${PLANNER_TIME_LIMIT_S:-600}
# 9 prefill and 9 decode points; each stops at a 2% confidence interval or 3 s. Batch 16 × 2048-token
# prompts and decode after 8192 cached tokens fit any data-centre GPU's memory in fp16.
sweep=${PLANNER_SWEEP:-"--blocks 2 --precision fp16 --batch 1,4,16 --seq 128,512,2048 --context 512,2048,8192 --max-seconds 3"}
started=$(date +%s)
step() { printf '\n== %s (%d s)\n' "$1" "$(( $(date +%s) - started ))"; }

if [ -n "${PLANNER_BIN:-}" ]; then
  planner=$PLANNER_BIN
else
  step "build"
  command -v dotnet >/dev/null || { echo "error: the .NET SDK is needed (dotnet not found on PATH)" >&2; exit 1; }
  dotnet build src/Planner.Cli -c Release -nologo -clp:ErrorsOnly
  planner=src/Planner.Cli/bin/Release/net10.0/planner
fi

if [ "$provider" != cpu ]; then
  # CUDA 13 installed with pip (nvidia-cublas, nvidia-cudnn-cu13, …) lives in site-packages/nvidia/*/lib:
  # put those folders on the library path, after whatever the system already provides.
  if command -v python3 >/dev/null; then
    pip_libs=$(python3 - <<'PY' 2>/dev/null || true
import glob, os, site
roots = site.getsitepackages() + [site.getusersitepackages()]
print(":".join(sorted({d for r in roots for d in glob.glob(os.path.join(r, "nvidia", "*", "lib")) if os.path.isdir(d)})))
PY
)
    if [ -n "$pip_libs" ]; then
      export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$pip_libs"
    fi
  fi
fi

step "providers"
providers=$("$planner" bench --list-providers --device "$device")
echo "$providers"
if ! grep -q "^$provider: available" <<<"$providers"; then
  echo "error: provider '$provider' cannot run here; see its line above" >&2
  exit 2
fi

gpu=${PLANNER_GPU:-}
if [ -z "$gpu" ] && [ "$provider" != cpu ] && command -v nvidia-smi >/dev/null; then
  name=$(nvidia-smi --query-gpu=name --format=csv,noheader -i "$device" 2>/dev/null | tr '[:upper:]' '[:lower:]' || true)
  case "$name" in
    *h200*) gpu=h200 ;;
    *h100*pcie*) gpu=h100-pcie ;;
    *h100*) gpu=h100-sxm ;;
    *b200*) gpu=b200 ;;
    *a100*80*) gpu=a100-80gb ;;
    *a100*) gpu=a100-40gb ;;
    *l40s*) gpu=l40s ;;
    *l4*) gpu=l4 ;;
    *a10g*) gpu=a10g ;;
    *t4*) gpu=t4 ;;
  esac
fi

step "sweep: $model on $provider${gpu:+ ($gpu)}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086 # the sweep is a list of options
timeout "$limit" "$planner" bench --model "$model" --provider "$provider" --device "$device" $sweep \
  ${gpu:+--gpu "$gpu"} ${PLANNER_CATALOG:+--catalog "$PLANNER_CATALOG"} --out "$out/measurements" | tee "$log" || {
  status=$?
  [ "$status" -eq 124 ] && echo "error: the sweep did not finish within $limit s (PLANNER_TIME_LIMIT_S); use a smaller PLANNER_SWEEP" >&2
  exit "$status"
}
csv=$(sed -n 's/^Next: planner calibrate //p' "$log" | tail -1)
[ -n "$csv" ] || { echo "error: planner bench did not say where it wrote the measurements" >&2; exit 1; }

step "fit"
"$planner" calibrate "$csv" | tee "$log"
profile=$(sed -n 's/^Check it: planner calibrate check //p' "$log" | tail -1)
[ -n "$profile" ] || { echo "error: planner calibrate did not say where it wrote the profile" >&2; exit 1; }

step "check"
"$planner" calibrate check "$profile" --write

step "done"
echo "measurements: $csv (+ .json, .operators.csv)"
echo "profile:      $profile"
echo "check:        ${profile%.yaml}.check.txt"
