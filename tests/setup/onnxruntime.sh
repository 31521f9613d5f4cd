#!/usr/bin/env bash
# Fetches ONNX Runtime 1.30's native library (libonnxruntime.so.1) for the calibration tests and
# `planner bench`, into .tools/onnxruntime/1.30.0/ (ignored by git). The library ships inside the
# npm package onnxruntime-node; `npm pack` downloads the tarball without running install scripts,
# and only package/bin/napi-v6/linux/x64/ is extracted. Quiet when the library is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=1.30.0
dest=.tools/onnxruntime/$version
lib=$dest/linux-x64/libonnxruntime.so.1

if [ -s "$lib" ]; then
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "onnxruntime setup: only linux-x64 is fetched automatically; set PLANNER_ORT_LIBRARY to your libonnxruntime" >&2
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "onnxruntime setup: npm is needed to fetch onnxruntime-node@$version (or set PLANNER_ORT_LIBRARY)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "onnxruntime setup: fetching onnxruntime-node@$version (about 113 MB, once)"
(cd "$work" && npm pack "onnxruntime-node@$version" --silent --ignore-scripts >/dev/null 2>npm.log) || {
  cat "$work/npm.log" >&2
  exit 1
}
tar -xzf "$work/onnxruntime-node-$version.tgz" -C "$work" package/bin/napi-v6/linux/x64/
mkdir -p "$dest"
rm -rf "$dest/linux-x64.partial"
mv "$work/package/bin/napi-v6/linux/x64" "$dest/linux-x64.partial"
[ -s "$dest/linux-x64.partial/libonnxruntime.so.1" ] || { echo "onnxruntime setup: libonnxruntime.so.1 missing from the package" >&2; exit 1; }
rm -rf "$dest/linux-x64"
mv "$dest/linux-x64.partial" "$dest/linux-x64"
echo "onnxruntime setup: $lib"
