#!/usr/bin/env bash
# Runs one dlmc workload (W1 dyson-sde, W2 dyson-matrix) on the core, single-threaded.
#   bench/run-workload.sh dyson-sde 64
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/bench/target/dlmc-bench.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/core/src/main" "$ROOT/bench/src/main" -newer "$JAR" -print -quit)" ]; then
  (cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
fi
exec java --add-modules=jdk.incubator.vector -Xmx2g -cp "$JAR:$(cat "$ROOT/bench/target/bench-classpath.txt")" dlmc.bench.WorkloadRunner "$1" --trajectories "${2:-64}"
