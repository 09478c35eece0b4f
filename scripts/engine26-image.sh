#!/usr/bin/env bash
# Docker Engine 26.1 (Debian trixie's docker.io) as an image, to run a second engine
# generation as Docker-in-Docker beside the host's 20.10 (see tests/e2e/engines.py).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
image=${PEARLNET_ENGINE26_IMAGE:-pearlnet-engine26:latest}
base=$("$here/scripts/rootfs-image.sh" pearlnet-engine26 trixie \
  docker.io,docker-cli,iptables,ca-certificates,iproute2,procps,curl)
docker tag "$base" "$image"
printf 'engine26: image %s ready\n' "$image" >&2
