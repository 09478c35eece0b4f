#!/usr/bin/env bash
# The main job: check, deploy and validate the Space Pearl reference stack, with a report.
#
#   scripts/space-pearl.sh [up]        install what is missing, check, deploy, validate (default)
#   scripts/space-pearl.sh down        stop and remove the containers (volumes are kept)
#   scripts/space-pearl.sh status      show the running services
#
# Images: the upstream ones when they can be pulled, otherwise the Debian testbed built
# here from Debian packages (PEARLNET_IMAGES=upstream|testbed forces one).
# Reports go to reports/space-pearl/ (override with PEARLNET_REPORTS).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
stack="$here/stacks/space-pearl"
reports=${PEARLNET_REPORTS:-$here/reports/space-pearl}
project=space-pearl
log() { printf '\n== %s\n' "$*"; }
export PATH="${PEARLNET_VENV:-$here/.venv}/bin:$PATH"

compose() {
  local bin
  bin=$(python -c "from pearlnet.loader.compose import find_compose; print(' '.join(find_compose()))")
  # shellcheck disable=SC2086
  $bin -p "$project" --project-directory "$stack" -f "$stack/compose.yaml" "${overlay[@]}" "$@"
}

overlay=()
[ -f "$reports/images" ] && [ "$(cat "$reports/images")" = testbed ] && overlay=(-f "$stack/compose.testbed.yaml")

case "${1:-up}" in
  down) PEARLNET_SKIP_TESTBED=1 "$here/scripts/setup.sh"; compose down --remove-orphans; exit 0 ;;
  status) compose ps; exit 0 ;;
  up) ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac

log "setting up (Python package, Compose v2, Docker daemon)"
PEARLNET_SKIP_TESTBED=1 "$here/scripts/setup.sh"
mkdir -p "$reports"

log "static check: pearlnet check stacks/space-pearl"
set +e
pearlnet check "$stack" --format json -o "$reports/check.json"
pearlnet check "$stack" --format sarif -o "$reports/check.sarif"
pearlnet check "$stack" | tee "$reports/check.txt"
checked=${PIPESTATUS[0]}
set -e
[ "$checked" -eq 0 ] || { echo "pearlnet check failed: not deploying (see $reports/check.txt)"; exit "$checked"; }

secret="$stack/secrets/db_password.txt"
if [ ! -s "$secret" ]; then
  log "generating the database password (a Compose secret, $secret)"
  mkdir -p "$(dirname "$secret")"
  ( umask 022; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$secret" )
fi

images=${PEARLNET_IMAGES:-}
if [ -z "$images" ]; then
  log "pulling upstream images (falls back to the Debian testbed when no registry answers)"
  overlay=()
  # One image first: where no registry answers, that is known in a second.
  if timeout 60 docker pull -q nginx:1.27-alpine >"$reports/pull.log" 2>&1 \
     && timeout 600 bash -c "$(declare -f compose); $(declare -p overlay project stack); compose pull --quiet --ignore-buildable" \
       >>"$reports/pull.log" 2>&1; then images=upstream; else images=testbed; fi
fi
echo "$images" > "$reports/images"
if [ "$images" = testbed ]; then
  log "building the Debian testbed image (cached after the first build)"
  "$here/scripts/testbed-image.sh"
  overlay=(-f "$stack/compose.testbed.yaml")
else
  overlay=()
fi

log "deploying ($images images)"
start=$(date +%s)
compose up -d --build --wait --wait-timeout 300
echo "stack healthy in $(( $(date +%s) - start )) s"

log "validating: stacks/space-pearl/scripts/validate-network-aliases.sh"
set +e
"$stack/scripts/validate-network-aliases.sh" -p "$project" -f "$stack/compose.yaml" "${overlay[@]}" | tee "$reports/validation.txt"
validated=${PIPESTATUS[0]}
set -e

log "report"
cat <<EOF_REPORT
  stack:       http://127.0.0.1:8080/  https://127.0.0.1:8443/  (dev UI: http://127.0.0.1:5173/)
  images:      $images
  reports:     $reports/{check.txt,check.json,check.sarif,validation.txt}
  stop it:     scripts/space-pearl.sh down
EOF_REPORT
exit "$validated"
