#!/usr/bin/env bash
# Same-session CPU-time A/B of two builds (dlmc.bench.CpuAb; bench/RESULTS.md, issue 6).
#   bench/ab.sh snapshot DIR                      # build core + bench, copy the jars to DIR
#   bench/ab.sh run A_DIR B_DIR WORKLOAD M BLOCKS  # e.g. run /tmp/ab/base /tmp/ab/new dln-matrix 16 10
#   WORKLOAD may be W_A/W_B: build A runs W_A, build B runs W_B; with A_DIR = B_DIR this compares two
#   workloads of one build, e.g. run /tmp/ab/new /tmp/ab/new dln-frame/dln-frame-implicit 16 10
#   (W4 dln-frame: the default lambda_step pair-implicit; dln-frame-implicit, dln-frame-tamed: the other two.
#   Builds from before pair-implicit became the default run implicit as dln-frame and have dln-frame-pairs
#   instead: across such builds compare dln-frame-pairs/dln-frame or dln-frame/dln-frame-implicit.)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  snapshot)
    (cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
    mkdir -p "$2"
    cp "$ROOT/core/target/dlmc-core-0.1.0-SNAPSHOT.jar" "$2/core.jar"
    cp "$ROOT/bench/target/dlmc-bench.jar" "$2/bench.jar"
    git -C "$ROOT" rev-parse --short HEAD > "$2/commit"
    ;;
  run)
    DEPS="$(tr ':' '\n' < "$ROOT/bench/target/bench-classpath.txt" | grep -v dlmc-core | paste -sd:)"
    exec java --add-modules=jdk.incubator.vector -Xmx1g -cp "$ROOT/bench/target/dlmc-bench.jar:$DEPS" dlmc.bench.CpuAb \
      "$2/core.jar:$2/bench.jar" "$3/core.jar:$3/bench.jar" "$DEPS" "$4" "$5" "$6" "${7:-3}"
    ;;
  *) echo "usage: bench/ab.sh snapshot DIR | run A_DIR B_DIR WORKLOAD M BLOCKS [WARMUP]" >&2; exit 2 ;;
esac
