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
