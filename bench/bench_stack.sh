#!/usr/bin/env bash
# How long the testbed build and the Space Pearl start take, cold and cached.
#   bench/bench_stack.sh [--cold]   --cold also removes the cached root filesystem (debootstrap again)
# Deploys as project pearlnet-bench and removes everything it started; refuses to run
# while a Space Pearl stack is up (the network names are fixed by the seed).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
stack="$here/stacks/space-pearl"
export PATH="${PEARLNET_VENV:-$here/.venv}/bin:$PATH"
cache=${PEARLNET_CACHE:-/var/cache/pearlnet}
if docker network inspect space-pearl-public >/dev/null 2>&1; then
  echo "a Space Pearl stack is running: stop it first" >&2; exit 3
fi
now() { date +%s.%N; }
took() { python3 -c "print(f'{$2 - $1:.1f} s')"; }
work=$(mktemp -d)
compose=$(python -c "from pearlnet.loader.compose import find_compose; print(' '.join(find_compose()))")
cp -r "$stack" "$work/stack"
head -c 18 /dev/urandom | base64 > "$work/stack/secrets/db_password.txt"; chmod 644 "$work/stack/secrets/db_password.txt"
dc() { $compose -p pearlnet-bench --project-directory "$work/stack" -f "$work/stack/compose.yaml" -f "$work/stack/compose.testbed.yaml" "$@"; }
cleanup() { dc down -v --remove-orphans >/dev/null 2>&1 || true; docker rmi -f space-pearl/backend:testbed >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

docker images -q --filter label=org.pearlnet.testbed=1 | xargs -r docker rmi -f >/dev/null 2>&1 || true
docker images --format '{{.Repository}}:{{.Tag}}' pearlnet-testbed-base | xargs -r docker rmi -f >/dev/null
what="from the cached tarball (import + build)"
if [ "${1:-}" = --cold ]; then rm -f "$cache"/pearlnet-testbed-*.tar; what="cold (debootstrap + import + build)"; fi
t0=$(now); "$here/scripts/testbed-image.sh" 2>/dev/null; t1=$(now)
echo "testbed image, $what: $(took "$t0" "$t1")"
t0=$(now); "$here/scripts/testbed-image.sh" 2>/dev/null; t1=$(now)
echo "testbed image, cached: $(took "$t0" "$t1")"

docker rmi -f space-pearl/backend:testbed >/dev/null 2>&1 || true
t0=$(now); dc up -d --build --wait --quiet-pull >/dev/null 2>&1; t1=$(now)
echo "stack start, cold (backend image built, volumes and database created): $(took "$t0" "$t1")"
dc down >/dev/null 2>&1
t0=$(now); dc up -d --wait >/dev/null 2>&1; t1=$(now)
echo "stack start, cached (images and volumes kept): $(took "$t0" "$t1")"
t0=$(now); dc down -v >/dev/null 2>&1; t1=$(now)
echo "stack down: $(took "$t0" "$t1")"
