#!/usr/bin/env bash
# Installs Debian's redis-server, the membership table the cluster tests start on a loopback
# port (Orleans' Redis clustering). Quiet and quick when it is already there.
set -euo pipefail

command -v redis-server >/dev/null 2>&1 && exit 0

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "tests/setup/redis.sh: missing redis-server; run as root: apt-get install redis-server" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

echo "installing redis-server (Debian package) ..."
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null
"${as_root[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null 2>&1
