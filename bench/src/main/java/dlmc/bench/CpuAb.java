package dlmc.bench;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.lang.reflect.Method;

/**
 * Same-session CPU-time A/B of two builds on a loaded machine (bench/RESULTS.md, issue 6): one
 * JVM loads build A and build B (each: its core jar and its bench jar, plus the shared
 * dependencies) in two class loaders and alternates blocks of the same {@link WorkloadRunner}
 * workload — the same trajectory ids for both builds in a block, the order swapped every block,
 * the first warm-up blocks discarded — and compares the thread CPU time each build used
 * ({@code cpu_seconds} of the runner's line). Both builds see the same load over time, and CPU
 * time does not count the time a thread was descheduled.
 *
 * <p>Prints, per block, both lines' check values (so a change at the rounding level shows) and
 * the CPU throughput ratio B/A; at the end the ratio of total CPU throughputs and the median
 * [quartiles] of the per-block ratios.
 *
 * <p>Run: {@code bench/ab.sh A_DIR B_DIR dln-matrix 16 10} where each directory holds
 * {@code core.jar} and {@code bench.jar} (see the script). A workload {@code W_A/W_B} runs W_A on
 * build A and W_B on build B, e.g. {@code bench/ab.sh run DIR DIR dln-frame/dln-frame-tamed 16 10}
 * compares two workloads of one build.
 */
public final class CpuAb {
    private CpuAb() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: CpuAb A_JARS B_JARS DEPS WORKLOAD TRAJECTORIES BLOCKS [WARMUP] (jar lists ':'-separated)");
            System.exit(2);
        }
        final Method runA = runner(args[0], args[2]);
        final Method runB = runner(args[1], args[2]);
        final String workload = args[3];
        // "W_A/W_B": build A runs workload W_A, build B runs W_B (e.g. two workloads of one build)
        final int slash = workload.indexOf('/');
        final String workloadA = slash < 0 ? workload : workload.substring(0, slash);
        final String workloadB = slash < 0 ? workload : workload.substring(slash + 1);
        final int m = Integer.parseInt(args[4]);
        final int blocks = Integer.parseInt(args[5]);
        final int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        double cpuA = 0;
        double cpuB = 0;
        double unitsA = 0;
        double unitsB = 0;
        final List<Double> ratios = new ArrayList<>();
        for (int b = -warmup; b < blocks; b++) {
            final long seed = 100 + b;
            String lineA;
            String lineB;
            if ((b & 1) == 0) {
                lineA = (String) runA.invoke(null, workloadA, m, seed);
                lineB = (String) runB.invoke(null, workloadB, m, seed);
            } else {
                lineB = (String) runB.invoke(null, workloadB, m, seed);
                lineA = (String) runA.invoke(null, workloadA, m, seed);
            }
            final double ca = field(lineA, "cpu_seconds");
            final double cb = field(lineB, "cpu_seconds");
            final double ua = field(lineA, "units");
            final double ub = field(lineB, "units");
            final double ratio = (ub / cb) / (ua / ca);
            System.out.printf(Locale.ROOT, "block %d%s ratio B/A %.3f%n  A: %s%n  B: %s%n", b, b < 0 ? " (warm-up)" : "",
                    ratio, lineA, lineB);
            if (b >= 0) {
                cpuA += ca;
                cpuB += cb;
                unitsA += ua;
                unitsB += ub;
                ratios.add(ratio);
            }
        }
        final double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT,
                "%s M=%d blocks=%d: cpu_throughput A %.1f/s B %.1f/s; total B/A %.3f; median of blocks %.3f [%.3f, %.3f]%n",
                workload, m, blocks, unitsA / cpuA, unitsB / cpuB, (unitsB / cpuB) / (unitsA / cpuA), quantile(r, 0.5),
                quantile(r, 0.25), quantile(r, 0.75));
    }

    private static Method runner(String jars, String deps) throws Exception {
        final List<URL> urls = new ArrayList<>();
        for (String s : (jars + ":" + deps).split(":")) {
            if (!s.isEmpty()) {
                urls.add(url(s));
            }
        }
        final ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        final Class<?> c = Class.forName("dlmc.bench.WorkloadRunner", true, loader);
        final Method m = c.getDeclaredMethod("run", String.class, int.class, long.class);
        m.setAccessible(true);
        return m;
    }

    private static URL url(String path) {
        try {
            return Path.of(path).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private static double field(String line, String key) {
        for (String tok : line.split(" ")) {
            if (tok.startsWith(key + "=")) {
                return Double.parseDouble(tok.substring(key.length() + 1).replace("/s", ""));
            }
        }
        throw new IllegalStateException("no " + key + " in " + line + " (" + Arrays.toString(line.split(" ")) + ")");
    }

    private static double quantile(double[] sorted, double p) {
        final double pos = p * (sorted.length - 1);
        final int lo = (int) Math.floor(pos);
        final int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
