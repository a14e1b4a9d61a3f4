# Shared by ./dlmc and bin/dlmc-cluster (sourced; DLMC_HOME must be set): paths, the JVM flags Spark 4
# needs on Java 17, and the build-on-first-use step.

JAR="$DLMC_HOME/spark-jobs/target/dlmc-spark-jobs.jar"
CP_FILE="$DLMC_HOME/spark-jobs/target/spark-classpath.txt"
# A SPARK_HOME made by Maven (copy-dependencies of the provided Spark jars; no Spark tarball).
DLMC_SPARK_HOME="$DLMC_HOME/spark-jobs/target/spark-home"
LOG_DIR="$DLMC_HOME/.dlmc"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# What org.apache.spark.launcher.JavaModuleOptions gives Spark's own JVMs (stack.md).
OPENS=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

dlmc_git_sha() {
  git -C "$DLMC_HOME" rev-parse HEAD 2>/dev/null || echo unknown
}

dlmc_needs_build() {
  [ -f "$JAR" ] && [ -f "$CP_FILE" ] && [ -d "$DLMC_SPARK_HOME/jars" ] || return 0
  [ -n "$(find "$DLMC_HOME/pom.xml" "$DLMC_HOME/core/pom.xml" "$DLMC_HOME/spark-jobs/pom.xml" \
              "$DLMC_HOME/core/src/main" "$DLMC_HOME/spark-jobs/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]
}

# Builds the application jar, the Spark classpath and the SPARK_HOME when missing or stale.
dlmc_ensure_built() {
  dlmc_needs_build || return 0
  mkdir -p "$LOG_DIR"
  echo "[dlmc] building dlmc (first use or sources changed; log: .dlmc/build.log) ..." >&2
  build() { (cd "$DLMC_HOME" && mvn -B -q "$@" -Dmaven.test.skip=true -pl spark-jobs -am package) >"$LOG_DIR/build.log" 2>&1; }
  # Offline first (fast, works without network once dependencies are cached), then online.
  if ! build -o && ! build; then
    echo "dlmc: failed: the build did not succeed; see $LOG_DIR/build.log" >&2
    tail -n 30 "$LOG_DIR/build.log" >&2
    exit 1
  fi
}

# JVM options of the driver that cut the fixed start-up cost of a run (W5, bench/RESULTS.md):
# - a dynamic class-data-sharing (CDS) archive of the classes a run loads (Spark, Scala, Hadoop,
#   dlmc, and the lambda classes they spin), in .dlmc/cds/, keyed by the jar, the classpath and
#   the JVM. The first `run` after a build writes it when it exits (-XX:ArchiveClassesAtExit: a
#   few seconds at exit, no separate training run); later runs map it instead of loading,
#   verifying and generating those classes again. The JVM checks the archive against the
#   classpath and ignores an unusable one (warnings silenced). DLMC_CDS=0 turns it off.
# - the Parallel collector: the driver is a batch job, and G1's concurrent machinery costs CPU
#   that the simulation threads could use (measured, RESULTS.md W5). DLMC_GC=G1 switches.
# - -XX:GCTimeRatio=19 (a 5 % GC-time goal instead of the Parallel collector's 1 %): with the
#   default goal the collector grows the heap towards -Xmx just because it may (10^6 trajectories:
#   1.5 GiB resident at -Xmx4g); with 19 the same run stays at 0.75 GiB in the same time (W7).
# - -XX:CompileThresholdScaling=10 (DLMC_JIT_SCALING): methods are JIT-compiled after 10x the
#   default number of calls. The simulation kernels reach that within a second anyway, while
#   thousands of lukewarm Spark, Hadoop and Parquet methods are no longer compiled: compile time of
#   a W1 run 7.5 s -> 2.5 s of CPU, taken from the simulation threads on a small machine (W5).
# - DLMC_JAVA_OPTS: extra driver options, split at spaces and appended (they win over the above),
#   e.g. DLMC_JAVA_OPTS='-Xlog:gc:file=gc.log' or a flight recording.
# Usage: dlmc_driver_jvm_opts NAME DUMP — NAME names the archive (run: ./dlmc run's classpath;
# submit: spark-submit's), DUMP=1 lets this JVM write it when it is missing. Sets DLMC_JVM_OPTS.
dlmc_driver_jvm_opts() {
  local name="$1" dump="${2:-0}" extra=()
  DLMC_JVM_OPTS=("-XX:+Use${DLMC_GC:-Parallel}GC" -XX:GCTimeRatio=19
    -XX:CompileThresholdScaling="${DLMC_JIT_SCALING:-10}")
  read -r -a extra <<< "${DLMC_JAVA_OPTS:-}"
  DLMC_JVM_OPTS+=("${extra[@]}")
  [ "${DLMC_CDS:-1}" != 0 ] || return 0
  local java_bin key dir archive
  java_bin="$(command -v "$JAVA" 2>/dev/null || true)"
  key="$( { stat -c '%s %Y' "$JAR" 2>/dev/null; cat "$CP_FILE" 2>/dev/null; readlink -f "$java_bin"; } | cksum | cut -d' ' -f1)"
  dir="$LOG_DIR/cds"
  archive="$dir/$name-$key.jsa"
  if [ -s "$archive" ]; then
    DLMC_JVM_OPTS+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  elif [ "$dump" = 1 ]; then
    mkdir -p "$dir" || return 0
    rm -f "$dir/$name"-*.jsa "$dir"/dlmc-*.jsa 2>/dev/null || true  # (dlmc-*: the old name of run-*)
    DLMC_JVM_OPTS+=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}
