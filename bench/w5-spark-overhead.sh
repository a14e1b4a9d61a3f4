#!/usr/bin/env bash
# W5 (performance.md): W1 with enough trajectories for >= 60 s of work, ./dlmc run (local[2])
# vs the core's plain multi-threaded runner (WorkloadRunner dyson-sde --threads 2: one
# TrajectoryRunner + estimator per thread over contiguous id blocks), same trajectories
# (same seed and ids, so the same steps). Prints both times and the ratio of throughputs
# Spark / plain (target >= 0.9), for the simulate stage and for the whole ./dlmc run wall time
# (JVM + Spark start, planning and output included). On a loaded machine the wall ratios are
# unreliable (the two runs see different loads); the script therefore also prints the ratio of
# whole-JVM CPU times (user + system, GNU time) for the same work: plain / Spark, which measures
# the CPU overhead of Spark (task scheduling, serialisation, Parquet output, JIT and GC of the
# larger JVM) but not lost parallelism.
# Repeats the pair REPS times (plain, then Spark) and prints every ratio and their medians: single
# pairs on a virtual machine vary by several per cent (bench/RESULTS.md).
#   bench/w5-spark-overhead.sh [TRAJECTORIES] [REPS]   (default 54000: >= 60 s of work on 2 quiet
#                                                       cores; 3 repetitions, ~7.5 min)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="${1:-54000}"
REPS="${2:-3}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
(cd "$ROOT" && { mvn -q -B -o -DskipTests package -pl bench -am >/dev/null 2>&1 || mvn -q -B -DskipTests package -pl bench -am; })
# build the launcher's jar and write its class-data archive now, outside the timing (the first run
# after a build records the classes it loads; a detached writer then makes the archive: wait for it)
(cd "$ROOT" && ./dlmc run "$ROOT/bench/w1-spark.yaml" --trajectories 20 --out "$OUT/warm" --quiet >/dev/null)
(DLMC_HOME="$ROOT"; . "$ROOT/bin/dlmc-common.sh"; dlmc_cds_wait)
CP="$ROOT/bench/target/dlmc-bench.jar:$(cat "$ROOT/bench/target/bench-classpath.txt")"
for r in $(seq "$REPS"); do
  echo "rep $r: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  PLAIN=$(/usr/bin/time -f "%U %S" -o "$OUT/plain.time" java -Xmx2g -Xlog:gc:file="$OUT/plain-gc.log" -cp "$CP" dlmc.bench.WorkloadRunner dyson-sde --threads 2 --trajectories "$M")
  echo "plain: $PLAIN"
  T0=$(date +%s.%N)
  DLMC_JAVA_OPTS="${DLMC_JAVA_OPTS:-} -Xlog:gc:file=$OUT/spark-gc.log" \
    /usr/bin/time -f "%U %S" -o "$OUT/spark.time" "$ROOT/dlmc" run "$ROOT/bench/w1-spark.yaml" --master 'local[2]' \
    --trajectories "$M" --out "$OUT/runs" --run-id "w5-$r" --quiet > "$OUT/spark.txt"
  T1=$(date +%s.%N)
  echo "rep $r: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$OUT/runs/w1-spark/w5-$r/manifest.json" "$PLAIN" "$T0" "$T1" "$M" "$OUT/plain.time" "$OUT/spark.time" "$OUT/plain-gc.log" "$OUT/spark-gc.log" <<'PY' | tee -a "$OUT/ratios"
import json, re, sys
def pauses(f):
    ms = [float(x) for x in re.findall(r" ([0-9.]+)ms$", open(f).read(), re.M)]
    return len(ms), sum(ms) / 1000
man = json.load(open(sys.argv[1]))
plain = float(re.search(r" seconds=([0-9.]+)", sys.argv[2]).group(1))
sim = man["stage_seconds"]["simulate_and_write_trajectories"]
wall = float(sys.argv[4]) - float(sys.argv[3])
m = int(sys.argv[5])
print(f"W5 trajectories={m} plain_seconds={plain:.1f} spark_simulate_seconds={sim:.1f} spark_wall_seconds={wall:.1f}")
print(f"W5 throughput ratio spark/plain: simulate stage {plain / sim:.3f}, end to end {plain / wall:.3f} (target >= 0.9)")
cpu = [sum(map(float, open(f).read().split()[-2:])) for f in sys.argv[6:8]]
print(f"W5 whole-JVM CPU seconds: plain {cpu[0]:.1f}, spark {cpu[1]:.1f}; CPU-efficiency ratio plain/spark {cpu[0] / cpu[1]:.3f}")
(pn, ps), (sn, ss) = pauses(sys.argv[8]), pauses(sys.argv[9])
print(f"W5 GC pauses: plain {pn} ({ps:.2f} s), spark driver {sn} ({ss:.2f} s); spark stages {json.dumps(man['stage_seconds'])}")
PY
done
python3 - "$OUT/ratios" <<'PY'
import re, statistics, sys
st, e2e = [], []
for line in open(sys.argv[1]):
    m = re.search(r"simulate stage ([0-9.]+), end to end ([0-9.]+)", line)
    if m:
        st.append(float(m.group(1))); e2e.append(float(m.group(2)))
print(f"W5 median of {len(st)}: simulate stage {statistics.median(st):.3f}, end to end {statistics.median(e2e):.3f} (target >= 0.9)")
PY
