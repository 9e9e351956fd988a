#!/usr/bin/env bash
# Imports every manifest (*.yaml, *.yml) under a folder into the registry as one batch: the registry validates
# them all first and imports all or nothing. Prints the registry's JSON answer; exits non-zero on a refusal.
#
#   scripts/import-manifests.sh [--dry-run] [--enable] [--promote] [--url http://localhost:8080] FOLDER
#
# REGISTRY_URL sets the default URL; REGISTRY_API_KEY is an admin key, sent as X-API-Key.
# Needs bash, find, sort and curl 7.76 or later.
set -euo pipefail

url="${REGISTRY_URL:-http://localhost:8080}"
dry_run=false
enable=false
promote=false
folder=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --enable) enable=true ;;
    --promote) promote=true ;;
    --url) url="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) folder="$1" ;;
  esac
  shift
done
if [ -z "${REGISTRY_API_KEY:-}" ]; then
  echo "REGISTRY_API_KEY must hold an admin API key" >&2
  exit 2
fi
if [ -z "$folder" ] || [ ! -d "$folder" ]; then
  echo "usage: $0 [--dry-run] [--enable] [--promote] [--url URL] FOLDER" >&2
  exit 2
fi

# One multi-document YAML stream; the newline before each separator protects a file without a final newline.
find "$folder" -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 | sort -z |
  while IFS= read -r -d '' manifest; do
    printf '\n---\n'
    cat "$manifest"
  done |
  curl --silent --show-error --fail-with-body \
    -H 'Content-Type: application/yaml' -H 'Accept: application/json' \
    -H "X-API-Key: ${REGISTRY_API_KEY}" \
    --data-binary @- \
    "${url%/}/api/v1/ai-models/import?dry_run=${dry_run}&enable=${enable}&promote=${promote}" || { status=$?; echo; exit "$status"; }
echo
