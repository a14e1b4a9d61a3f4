#!/usr/bin/env bash
# Scripted check of the cluster path, by hand or on a new machine (ClusterIT does the same in
# `mvn verify`, with DuckDB comparisons of every table):
#   1. ./dlmc cluster start --workers 2 --cores 1 --memory 1g   (own state dir and free ports)
#   2. ./dlmc run    EXPERIMENT            (embedded local[*], the reference)
#   3. ./dlmc submit EXPERIMENT            (client deploy mode)
#   4. ./dlmc submit EXPERIMENT --deploy-mode cluster   (the driver runs on a worker)
#   5. the printed estimates of 3 and 4 equal those of 2 line by line; the manifests name the master
#   6. ./dlmc cluster stop (always, also on failure or Ctrl-C)
# Prints the time of each step. Exit 0 when everything matches.
#   scripts/check-cluster-deploy.sh [EXPERIMENT.yaml] [TRAJECTORIES]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EXP="$(cd "$(dirname "${1:-$ROOT/conf/experiments/beta3-sde.yaml}")" && pwd)/$(basename "${1:-beta3-sde.yaml}")"
M="${2:-24}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dlmc-check-cluster.XXXXXX")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
export DLMC_CLUSTER_DIR="$WORK/cluster" DLMC_MASTER_PORT="$(free_port)" DLMC_MASTER_WEBUI_PORT="$(free_port)"
cleanup() { "$ROOT/dlmc" cluster stop >/dev/null || true; }
trap cleanup EXIT

step() { local name="$1" label="$2"; shift 2; local t0=$SECONDS
  local rc=0
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "FAIL $label (exit $rc); output in $WORK/$name.{out,err}:"; tail -n 20 "$WORK/$name.err"; exit 1
  fi
  printf '%-30s %4d s\n' "$label" $((SECONDS - t0)); }
# The lines of the printed summary that depend only on the numbers (not on paths or timings).
numbers() { sed -n '/^trajectories /p; /^estimates at/,$p' "$WORK/$1.out"; }

cd "$ROOT"
step start   "cluster start (2 workers)"   ./dlmc cluster start --workers 2 --cores 1 --memory 1g
step local   "run (embedded local[*])"     ./dlmc run "$EXP" --trajectories "$M" --out "$WORK/out" --run-id local --quiet
step client  "submit (client deploy mode)" ./dlmc submit "$EXP" --trajectories "$M" --out "$WORK/out" --run-id client --quiet
step cluster "submit (cluster deploy mode)" ./dlmc submit "$EXP" --trajectories "$M" --out "$WORK/out" --run-id cluster --deploy-mode cluster --quiet
step stop    "cluster stop"                ./dlmc cluster stop

name="$(sed -n 's/^name: *\([a-z0-9-]*\).*/\1/p' "$EXP")"
ok=1
for mode in client cluster; do
  if ! diff <(numbers local) <(numbers "$mode") >"$WORK/diff-$mode.txt"; then
    echo "FAIL: $mode mode estimates differ from the embedded run:"; cat "$WORK/diff-$mode.txt"; ok=0
  fi
  grep -q "\"master\" : \"spark://127.0.0.1:$DLMC_MASTER_PORT\"" "$WORK/out/$name/$mode/manifest.json" \
    || { echo "FAIL: $mode manifest does not name spark://127.0.0.1:$DLMC_MASTER_PORT"; ok=0; }
done
[ "$(numbers local | wc -l)" -gt 2 ] || { echo "FAIL: no estimates printed"; ok=0; }
[ "$ok" = 1 ] || exit 1
echo "OK: client and cluster deploy mode give the embedded run's estimates ($M trajectories of $(basename "$EXP"))"
# on success nothing is left behind (on failure the work dir stays, for its logs)
rm -rf "$WORK"
