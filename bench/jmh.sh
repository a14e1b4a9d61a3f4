#!/usr/bin/env bash
# Builds the bench module and runs JMH kernel benchmarks (dlmc.bench.jmh; not part of mvn verify).
#   bench/jmh.sh                                   all kernels, JMH defaults of each class
#   bench/jmh.sh GoeEigenBench -p beta=1 -p n=64   any JMH arguments (regex, -f, -wi, -i, -p, -prof gc ...)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
[ "$#" -eq 0 ] && set -- 'dlmc.bench.jmh.*'
exec java --add-modules=jdk.incubator.vector -cp "$ROOT/bench/target/dlmc-bench.jar:$(cat "$ROOT/bench/target/bench-classpath.txt")" org.openjdk.jmh.Main "$@"
