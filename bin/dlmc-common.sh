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

# The SIMD kernel of the SVD-frame step's rotations (core: dlmc.core.linalg.LaneJacobi) uses the
# incubating vector API of Java 17, which a JVM resolves only with this flag; without it the scalar
# kernel computes the same bits, slower (bench/RESULTS.md). For the JVMs that run simulations:
# ./dlmc run (embedded Spark runs the tasks in the driver) and the executors (conf/spark-defaults.conf).
SIMD=(--add-modules=jdk.incubator.vector)

# dlmc_drop_incubator_warning: copies its input to its output, except the line a JVM started with
# ${SIMD[*]} prints first ("WARNING: Using incubator modules: jdk.incubator.vector"; no JVM
# option turns it off). For the run's stderr: `exec java ... 2> >(dlmc_drop_incubator_warning >&2)`.
# Ignores INT/TERM/HUP, so that what the JVM prints while it stops (the "interrupted ... continue
# with" line after Ctrl-C) still gets through; it ends when the JVM has closed its stderr.
dlmc_drop_incubator_warning() {
  trap '' INT TERM HUP
  local line
  if IFS= read -r line; then
    [ "$line" = "WARNING: Using incubator modules: jdk.incubator.vector" ] || printf '%s\n' "$line"
  else
    printf '%s' "$line"
    return 0
  fi
  exec cat
}

dlmc_git_sha() {
  git -C "$DLMC_HOME" rev-parse HEAD 2>/dev/null || echo unknown
}

# A build that did not finish (the launcher was stopped while Maven ran) leaves this marker: its jar
# may be partial although newer than every source.
BUILD_MARKER="$LOG_DIR/build.incomplete"

dlmc_needs_build() {
  [ ! -e "$BUILD_MARKER" ] || return 0
  [ -f "$JAR" ] && [ -f "$CP_FILE" ] && [ -d "$DLMC_SPARK_HOME/jars" ] || return 0
  [ -n "$(find "$DLMC_HOME/pom.xml" "$DLMC_HOME/core/pom.xml" "$DLMC_HOME/spark-jobs/pom.xml" \
              "$DLMC_HOME/core/src/main" "$DLMC_HOME/spark-jobs/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]
}

# Builds the application jar, the Spark classpath and the SPARK_HOME when missing or stale.
dlmc_ensure_built() {
  dlmc_needs_build || return 0
  mkdir -p "$LOG_DIR"
  # One build at a time: two launchers started together would both write the same jar (measured:
  # a corrupt jar, "Could not find or load main class dlmc.spark.Main" until the next source change).
  # The lock is on fd 9, which Maven inherits, so it is held until Maven itself exits, even when
  # the launcher is stopped first; the waiting launcher then checks again whether it must build.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOG_DIR/build.lock"
    if ! flock -n 9; then
      echo "[dlmc] waiting for another dlmc build to finish ..." >&2
      flock 9
    fi
    if ! dlmc_needs_build; then
      exec 9>&-
      return 0
    fi
  fi
  : > "$BUILD_MARKER"
  echo "[dlmc] building dlmc (first use or sources changed; log: .dlmc/build.log) ..." >&2
  build() { (cd "$DLMC_HOME" && mvn -B -q "$@" -Dmaven.test.skip=true -pl spark-jobs -am package) >"$LOG_DIR/build.log" 2>&1; }
  # Offline first (fast, works without network once dependencies are cached), then online.
  if ! build -o && ! build; then
    echo "dlmc: failed: the build did not succeed; see $LOG_DIR/build.log" >&2
    tail -n 30 "$LOG_DIR/build.log" >&2
    exit 1
  fi
  # The jar gets the build's start time (the marker's): a source edited while Maven ran may be missing
  # from the jar, and is then newer than it, so the next launch builds again.
  touch -r "$BUILD_MARKER" "$JAR"
  rm -f "$BUILD_MARKER"
  exec 9>&-
}

# JVM options of the driver that cut the fixed start-up cost of a run (W5, bench/RESULTS.md):
# - a class-data-sharing (CDS) archive of the classes a run loads (Spark, Scala, Hadoop, dlmc,
#   and the lambda classes they spin), in .dlmc/cds/, keyed by the jar, the classpath and the
#   JVM; later runs map it instead of loading, verifying and generating those classes again. The
#   first `run` after a build records the classes it loads (-XX:DumpLoadedClassList, no measurable
#   cost) and bin/dlmc-cds-writer, started detached, writes the archive from that list once the
#   run has ended (a static dump, ~30 s of one core at the lowest priority; the user's command
#   returns at once). Runs that start meanwhile run without it. Writing the archive at the run's
#   exit instead (-XX:ArchiveClassesAtExit, until 2026-11-29) made the first run ~13 s longer and
#   raised its peak RSS by ~0.55 GiB (bench/RESULTS.md, tenth session). The JVM checks the archive
#   against the classpath and ignores an unusable one (warnings silenced). DLMC_CDS=0 turns it off.
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
# submit: spark-submit's), DUMP=1 lets this run record the class list for it when it is missing
# and no other run is doing so (then DLMC_CDS_LIST is set, and the caller must start the writer
# with dlmc_cds_start_writer before it starts the JVM). Sets DLMC_JVM_OPTS.
dlmc_driver_jvm_opts() {
  local name="$1" dump="${2:-0}" extra=()
  DLMC_JVM_OPTS=("-XX:+Use${DLMC_GC:-Parallel}GC" -XX:GCTimeRatio=19
    -XX:CompileThresholdScaling="${DLMC_JIT_SCALING:-10}")
  read -r -a extra <<< "${DLMC_JAVA_OPTS:-}"
  DLMC_JVM_OPTS+=("${extra[@]}")
  [ "${DLMC_CDS:-1}" != 0 ] || return 0
  local java_bin key dir archive
  java_bin="$(command -v "$JAVA" 2>/dev/null || true)"
  key="$( { stat -c '%s %Y' "$JAR" 2>/dev/null; cat "$CP_FILE" 2>/dev/null; readlink -f "$java_bin"; echo "${SIMD[*]}"; } | cksum | cut -d' ' -f1)"
  dir="$LOG_DIR/cds"
  archive="$dir/$name-$key.jsa"
  DLMC_CDS_LIST="" DLMC_CDS_ARCHIVE="" DLMC_CDS_LOCK=""
  if [ -s "$archive" ]; then
    DLMC_JVM_OPTS+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  elif [ "$dump" = 1 ] && [ ! -e "${archive%.jsa}.failed" ] && mkdir -p "$dir" \
       && dlmc_cds_lock "$dir/$name.lock"; then
    # (dlmc-*: the old name of run-*)
    rm -f "$dir/$name"-*.jsa "$dir/$name"-*.lst "$dir/$name"-*.failed "$dir"/dlmc-*.jsa 2>/dev/null || true
    DLMC_CDS_LIST="$dir/$name-$key.lst" DLMC_CDS_ARCHIVE="$archive" DLMC_CDS_LOCK="$dir/$name.lock"
    DLMC_JVM_OPTS+=(-XX:DumpLoadedClassList="$DLMC_CDS_LIST")
  fi
}

# dlmc_cds_lock DIR: takes the lock DIR (mkdir is atomic; DIR/pid names the holder) and succeeds, or
# fails when a live process holds it. A lock whose holder is gone (killed writer) is taken over.
dlmc_cds_lock() {
  local lock="$1" holder
  if mkdir "$lock" 2>/dev/null; then
    echo "$$" > "$lock/pid"
    return 0
  fi
  holder="$(cat "$lock/pid" 2>/dev/null || true)"
  if [ -z "$holder" ]; then
    # just made by another launcher that has not written its pid yet, or left by a crash long ago
    [ -n "$(find "$lock" -maxdepth 0 -mmin +1 2>/dev/null)" ] || return 1
  elif kill -0 "$holder" 2>/dev/null; then
    return 1
  fi
  rm -rf "$lock"
  mkdir "$lock" 2>/dev/null || return 1
  echo "$$" > "$lock/pid"
}

# dlmc_cds_start_writer PID JVM-OPTION... : when dlmc_driver_jvm_opts set DLMC_CDS_LIST, starts
# bin/dlmc-cds-writer detached (own session, no terminal, output to .dlmc/cds/NAME-dump.log); it
# writes the archive once process PID (the run: the launcher's own PID, which its exec hands to
# the JVM) has ended. JVM-OPTION... are the run's module and classpath options (-cp ...), which a
# static archive must be dumped with.
dlmc_cds_start_writer() {
  [ -n "${DLMC_CDS_LIST:-}" ] || return 0
  local pid="$1"
  shift
  dlmc_cds_spawn_writer "$pid" "$DLMC_CDS_LOCK" "$DLMC_CDS_LIST" "$DLMC_CDS_ARCHIVE" "$@"
}

# dlmc_cds_spawn_writer PID LOCK LIST ARCHIVE JVM-OPTION... : starts bin/dlmc-cds-writer in its own
# session, without terminal or the caller's output (log: LOCK's name with -dump.log for .lock).
dlmc_cds_spawn_writer() {
  local pid="$1" lock="$2" list="$3" archive="$4"
  shift 4
  local detach=(nohup)
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  "${detach[@]}" "$DLMC_HOME/bin/dlmc-cds-writer" "$pid" "$lock" "$list" "$archive" \
    "$JAVA" "$@" </dev/null >"${lock%.lock}-dump.log" 2>&1 &
}

# dlmc_cds_wait: waits (up to 5 minutes) until no class-data archive writer of this checkout is
# running. For the benchmark scripts, whose untimed first run starts one.
dlmc_cds_wait() {
  local i lock holder busy
  for i in $(seq 600); do
    busy=""
    for lock in "$LOG_DIR"/cds/*.lock; do
      [ -d "$lock" ] || continue
      holder="$(cat "$lock/pid" 2>/dev/null || true)"
      if [ -z "$holder" ] || kill -0 "$holder" 2>/dev/null; then busy=1; fi
    done
    [ -n "$busy" ] || return 0
    sleep 0.5
  done
  echo "dlmc: a class-data archive writer is still running after 5 minutes (.dlmc/cds/*.lock)" >&2
}
