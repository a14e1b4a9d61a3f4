#!/usr/bin/env bash
# Side-by-side throughput of dlmc (core, no Spark, 1 thread) and the NumPy reference
# (../shared/bench/numpy_reference.py, BLAS pinned to 1 thread), interleaved, REPS repetitions;
# prints per-workload medians and the ratio dlmc / NumPy (performance.md).
#   bench/compare.sh [REPS] [WORKLOAD...]      default: 3 dyson-sde dyson-matrix dln-matrix dln-frame dln-frame-implicit dln-frame-tamed
# W4 (dln-frame = the default scheme.lambda_step pair-implicit; dln-frame-implicit, dln-frame-tamed = W4
# with scheme.lambda_step: implicit, tamed)
# has no NumPy version and is compared with NumPy's W3; after the table, "W4 / W3 (dlmc)" gives
# dlmc's own W4 / W3 median ratios (when dln-matrix was run too), and — when both dln-matrix and
# dln-frame were run — the same ratio measured in one JVM with interleaved blocks on the same
# trajectories (dlmc.bench.CpuAb, thread CPU time; AB_BLOCKS blocks of 64 trajectories, default 24):
# fresh JVMs of one build differ by ±5-10 % on this kind of host (bench/RESULTS.md), which is as
# large as the difference W4 / W3 measures, and the interleaved measurement is immune to that.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REPS="${1:-3}"; shift || true
WORKLOADS=("$@")
[ "$#" -eq 0 ] && WORKLOADS=(dyson-sde dyson-matrix dln-matrix dln-frame dln-frame-implicit dln-frame-tamed)
NUMPY_REF="${NUMPY_REF:-$ROOT/../shared/bench/numpy_reference.py}"
if [ ! -f "$NUMPY_REF" ]; then
  echo "compare.sh: the NumPy comparator is not at $NUMPY_REF; set NUMPY_REF=/path/to/numpy_reference.py" >&2
  exit 2
fi
if ! python3 -c 'import numpy' 2>/dev/null; then
  echo "compare.sh: python3 cannot import numpy (the comparator needs it)" >&2
  exit 2
fi
declare -A M_DLMC=([dyson-sde]=512 [dyson-matrix]=256 [dln-matrix]=1024 [dln-frame]=1024 [dln-frame-implicit]=1024 [dln-frame-tamed]=1024)
declare -A M_NUMPY=([dyson-sde]=512 [dyson-matrix]=256 [dln-matrix]=256 [dln-frame]=256 [dln-frame-implicit]=256 [dln-frame-tamed]=256)
(cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
CP="$ROOT/bench/target/dlmc-bench.jar:$(cat "$ROOT/bench/target/bench-classpath.txt")"
OUT="$(mktemp)"
for w in "${WORKLOADS[@]}"; do
  # an untimed JIT warm-up on other trajectory ids is part of each dlmc run (at least 3 s, then
  # until a round spends < 0.5 % of its time in JIT compilation, at most 60 s; the line's
  # warmup_seconds / warmup_settled record it): the runner times only the work after it, i.e. the
  # steady state of a long run. NumPy has no JIT.
  # The DLN runs time 1024 trajectories (≈ 6 s, about as long as NumPy's 256): with 256 (≈ 1.7 s)
  # the larger methods of the SVD-frame λ-steps were still being recompiled (bench/RESULTS.md).
  for r in $(seq "$REPS"); do
    java --add-modules=jdk.incubator.vector -Xmx2g -cp "$CP" dlmc.bench.WorkloadRunner "$w" --trajectories "${M_DLMC[$w]}" --warmup 2> >(grep -v '^WARNING: Using incubator modules' >&2) | sed 's/^/dlmc /' | tee -a "$OUT"
    # W4 (dln-frame, dln-frame-implicit, dln-frame-tamed) has no NumPy version: it is compared with NumPy's W3 (performance.md: W4 >= W3)
    nw="$w"; case "$w" in dln-frame|dln-frame-implicit|dln-frame-tamed) nw=dln-matrix ;; esac
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 "$NUMPY_REF" "$nw" --trajectories "${M_NUMPY[$w]}" | sed "s/^$nw/$w/; s/^/numpy /" | tee -a "$OUT"
  done
done
python3 - "$OUT" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who, w = line.split()[:2]
    tp = float(re.search(r"throughput=([0-9.]+)", line).group(1))
    rows.setdefault(w, {}).setdefault(who, []).append(tp)
print("\nworkload         dlmc median/s   numpy median/s   ratio dlmc/numpy (per core)")
for w, d in rows.items():
    a, b = statistics.median(d["dlmc"]), statistics.median(d["numpy"])
    print(f"{w:15s} {a:14.1f} {b:16.1f} {a / b:12.2f}")
w3 = rows.get("dln-matrix", {}).get("dlmc")
if w3:
    for w in ("dln-frame", "dln-frame-implicit", "dln-frame-tamed"):
        if w in rows:
            print(f"W4 / W3 (dlmc) {w:16s} {statistics.median(rows[w]['dlmc']) / statistics.median(w3):.2f}")
PY
rm -f "$OUT"
has() { local x; for x in "${WORKLOADS[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }
if has dln-matrix && has dln-frame; then
  JARS="$ROOT/core/target/dlmc-core-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/dlmc-bench.jar"
  DEPS="$(tr ':' '\n' < "$ROOT/bench/target/bench-classpath.txt" | grep -v dlmc-core | paste -sd:)"
  AB="$(java --add-modules=jdk.incubator.vector -Xmx1g -cp "$ROOT/bench/target/dlmc-bench.jar:$DEPS" dlmc.bench.CpuAb "$JARS" "$JARS" "$DEPS" \
    dln-matrix/dln-frame 64 "${AB_BLOCKS:-24}" 3 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tail -1)"
  echo "W4 / W3 (dlmc, one JVM, interleaved blocks, CPU time): ${AB#*: }"
  echo "(W4 / W3 counts steps; whether a W3 step buys the same answer as a W4 step: bench/w3-w4-accuracy.sh)"
fi
