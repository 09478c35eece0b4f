#!/usr/bin/env bash
# Build the Debian testbed image from Debian packages (debootstrap + docker import), cached.
# No registry is needed: the root filesystem is cached as a tarball, the image is rebuilt
# from it in seconds, and the small layer of stack scripts on top by `docker build`.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${PEARLNET_CACHE:-/var/cache/pearlnet}
suite=${PEARLNET_TESTBED_SUITE:-bookworm}
mirror=${PEARLNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=python3,python3-psycopg2,python3-redis,nginx-light,redis-server,postgresql,openssl,ca-certificates,curl,iproute2,procps
base_image=pearlnet-testbed-base
image=${PEARLNET_TESTBED_IMAGE:-pearlnet-testbed:latest}

key=$(printf '%s %s v1' "$suite" "$packages" | sha256sum | cut -c1-12)
tarball="$cache/testbed-$suite-$key.tar"
log() { printf 'testbed: %s\n' "$*" >&2; }

if ! docker image inspect "$base_image:$key" >/dev/null 2>&1; then
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install -y debootstrap"; exit 3; }
    mkdir -p "$cache"
    root=$(mktemp -d "$cache/rootfs.XXXXXX")
    trap 'rm -rf "$root" "$tarball.part"' EXIT
    log "debootstrap $suite with $packages (about a minute)"
    start=$(date +%s)
    debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || { log "debootstrap failed, see $cache/debootstrap.log"; exit 3; }
    tar -C "$root" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
      --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    rm -rf "$root"
    trap - EXIT
    log "root filesystem cached in $tarball ($(( $(date +%s) - start )) s)"
  fi
  log "importing $base_image:$key"
  docker import -c 'CMD ["/bin/bash"]' --message "pearlnet testbed $suite" "$tarball" "$base_image:$key" >/dev/null
fi

docker build -q -t "$image" --label org.pearlnet.testbed=1 \
  --build-arg BASE_IMAGE="$base_image:$key" "$here/stacks/space-pearl/testbed" >/dev/null
log "image $image ready"
