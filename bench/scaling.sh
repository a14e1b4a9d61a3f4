#!/usr/bin/env bash
# Cost scaling of the workloads with the size parameters (WorkloadRunner, core only, 1 thread,
# after a JIT warm-up): W1 dyson-sde and W2 dyson-matrix at n = 32, 64, 128; W3 dln-matrix and
# W4 dln-frame (default lambda_step, pair-implicit) at d = 4, 8, 16 (N = 4) and N = 2, 4, 8 (d = 8). Prints one WorkloadRunner line
# per point (wall and CPU throughput; use cpu_throughput on a loaded machine).
#   bench/scaling.sh [M_DYSON_SDE] [M_DYSON_MATRIX] [M_DLN]      (default 128 64 32)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${DLMC_BENCH_CP:-}" ]; then
  (cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
  DLMC_BENCH_CP="$ROOT/bench/target/dlmc-bench.jar:$(cat "$ROOT/bench/target/bench-classpath.txt")"
fi
run() { java --add-modules=jdk.incubator.vector -Xmx2g -cp "$DLMC_BENCH_CP" dlmc.bench.WorkloadRunner "$@" --warmup; }
for n in 32 64 128; do run dyson-sde --n "$n" --trajectories "${1:-128}"; done
for n in 32 64 128; do run dyson-matrix --n "$n" --trajectories "${2:-64}"; done
for w in dln-matrix dln-frame; do
  for d in 4 8 16; do run "$w" --d "$d" --depth 4 --trajectories "${3:-32}"; done
  for N in 2 8; do run "$w" --d 8 --depth "$N" --trajectories "${3:-32}"; done
done
