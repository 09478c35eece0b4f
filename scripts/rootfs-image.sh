#!/usr/bin/env bash
# A Debian root filesystem as a Docker image, without a registry:
#   rootfs-image.sh NAME SUITE PACKAGES   ->  prints NAME-base:KEY
# debootstrap's tree is cached as a tarball (PEARLNET_CACHE, default /var/cache/pearlnet);
# the image is imported from it when missing. KEY hashes the suite and package list.
set -euo pipefail
name=$1 suite=$2 packages=$3
cache=${PEARLNET_CACHE:-/var/cache/pearlnet}
mirror=${PEARLNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
key=$(printf '%s %s v1' "$suite" "$packages" | sha256sum | cut -c1-12)
image="$name-base:$key"
tarball="$cache/$name-$suite-$key.tar"
log() { printf '%s: %s\n' "$name" "$*" >&2; }

if docker image inspect "$image" >/dev/null 2>&1; then echo "$image"; exit 0; fi
if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install -y debootstrap"; exit 3; }
  mkdir -p "$cache"
  root=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$root" "$tarball.part"' EXIT
  log "debootstrap $suite with $packages (about a minute)"
  start=$(date +%s)
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$cache/$name-debootstrap.log" 2>&1 \
    || { log "debootstrap failed, see $cache/$name-debootstrap.log"; exit 3; }
  tar -C "$root" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
    --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
  rm -rf "$root"
  trap - EXIT
  log "root filesystem cached in $tarball ($(( $(date +%s) - start )) s)"
fi
log "importing $image"
docker import -c 'CMD ["/bin/bash"]' --message "pearlnet $name $suite" "$tarball" "$image" >/dev/null
echo "$image"
