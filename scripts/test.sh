#!/usr/bin/env bash
# The test command: set the machine up (idempotent), then run the whole suite,
# the Docker end-to-end tests included. Extra arguments go to pytest.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
cd "$here"
export PATH="${PEARLNET_VENV:-$here/.venv}/bin:$PATH"
export PEARLNET_REQUIRE_DOCKER=1
exec python -m pytest "$@"
