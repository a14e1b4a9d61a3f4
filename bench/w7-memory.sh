#!/usr/bin/env bash
# W7 (performance.md): peak resident memory of 10^6 trajectories of a small Dyson model with
# snapshots off (bench/w7-memory.yaml), ./dlmc run in local[2] mode. In local mode the driver
# and the executor are one JVM, so its peak RSS (VmHWM of /proc/<pid>/status, read every 0.5 s
# while it runs; GNU time's "Maximum resident set size" as a cross-check) bounds both.
# Target: driver peak RSS <= 1 GiB. The launcher's default -Xmx is 4g (DLMC_DRIVER_MEMORY).
# A small run goes first, untimed: it builds if needed, and the first ./dlmc run after a build
# records the classes it loads, from which a detached writer makes the class-data archive (about
# 30 s of one core; the script waits for it). W7 measures a run as users make it every other time,
# with the archive mapped.
#   bench/w7-memory.sh [TRAJECTORIES]      (default 1000000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="${1:-1000000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# untimed: build if needed and write the class-data archive (see above)
"$ROOT/dlmc" run "$ROOT/bench/w7-memory.yaml" --master 'local[2]' --trajectories 20 --out "$OUT/warm" \
  --quiet > /dev/null
(DLMC_HOME="$ROOT"; . "$ROOT/bin/dlmc-common.sh"; dlmc_cds_wait)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$ROOT/dlmc" run "$ROOT/bench/w7-memory.yaml" --master 'local[2]' --trajectories "$M" \
  --out "$OUT/runs" --run-id w7 --quiet > "$OUT/run.txt" 2> "$OUT/time.txt" &
TPID=$!
HWM=0
while kill -0 "$TPID" 2>/dev/null; do
  # the JVM is the child of GNU time (./dlmc execs java)
  for p in $(cat /proc/"$TPID"/task/*/children 2>/dev/null); do
    v=$(awk '/^VmHWM/ {print $2}' /proc/"$p"/status 2>/dev/null || echo 0)
    [ -n "$v" ] && [ "$v" -gt "$HWM" ] && HWM=$v
  done
  sleep 0.5
done
wait "$TPID"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
GNU=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt")
python3 - "$OUT/runs/w7-memory/w7/manifest.json" "$HWM" "$GNU" "$WALL" "$M" <<'PY'
import json, sys
man = json.load(open(sys.argv[1]))
hwm, gnu = int(sys.argv[2]), int(sys.argv[3] or 0)
print(f"W7 trajectories={sys.argv[5]} local[2] driver=executor JVM: peak RSS (VmHWM sampled) {hwm / 1024:.0f} MiB, "
      f"GNU time max RSS {gnu / 1024:.0f} MiB (target <= 1024 MiB); wall {sys.argv[4]}")
print("stage seconds:", json.dumps(man.get("stage_seconds", {})))
PY
