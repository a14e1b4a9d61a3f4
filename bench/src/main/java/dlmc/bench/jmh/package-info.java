/**
 * JMH micro-benchmarks of the kernels that dominate the workloads of performance.md (W1–W4) and
 * of the random stream. They are programs to run, not tests: {@code mvn verify} compiles them but
 * never runs them.
 *
 * <p>Build and run (all, or one class by regex):
 * <pre>
 *   mvn -q -B -o -DskipTests package -pl bench -am
 *   java -cp "bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main 'dlmc.bench.jmh.*' -f 3 -wi 5 -i 5
 * </pre>
 * (the script {@code bench/jmh.sh} does both). On a loaded machine compare before/after only
 * within one JMH session, with several forks; JMH prints the score error (99.9 % CI).
 */
package dlmc.bench.jmh;
