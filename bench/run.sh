#!/usr/bin/env bash
# `make bench`: runs every bench/<area>/run.sh in turn; each prints its figures with the peers'
# figures from the same run and writes raw results under bench/out/<area>/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
status=0
for script in bench/*/run.sh; do
  [[ -x "$script" ]] || continue
  echo "== $(dirname "$script")"
  "$script" || { echo "bench: $script failed" >&2; status=1; }
done
exit $status
