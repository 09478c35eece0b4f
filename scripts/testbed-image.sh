#!/usr/bin/env bash
# The Debian testbed image that runs Space Pearl where no registry answers: real nginx,
# PostgreSQL, Redis, Python and openssl from Debian packages (debootstrap, cached), plus
# the stack's small stand-ins on top (stacks/space-pearl/testbed/Dockerfile).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
image=${PEARLNET_TESTBED_IMAGE:-pearlnet-testbed:latest}
base=$("$here/scripts/rootfs-image.sh" pearlnet-testbed "${PEARLNET_TESTBED_SUITE:-bookworm}" \
  python3,python3-psycopg2,python3-redis,nginx-light,redis-server,postgresql,openssl,ca-certificates,curl,iproute2,procps)
docker build -q -t "$image" --label org.pearlnet.testbed=1 \
  --build-arg BASE_IMAGE="$base" "$here/stacks/space-pearl/testbed" >/dev/null
printf 'testbed: image %s ready\n' "$image" >&2
