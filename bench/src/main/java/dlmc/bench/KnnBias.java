package dlmc.bench;

import dlmc.core.estimate.KnnEntropy;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.theory.GbeEntropy;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bias and s.e. calibration of {@code spectrum_entropy_knn} (k = {@link KnnEntropy#DEFAULT_K}) on
 * exact samples: R independent ensembles of M ordered GβE spectra (tridiagonal model = D1 at t = 1
 * from 0, math-spec §5.1), each estimated and compared with the exact entropy
 * {@link GbeEntropy#ordered}. Prints the mean of Ĥ − H with its standard error, the spread (sd) of Ĥ
 * over the ensembles, the mean reported s.e. and their ratio. Ensemble r uses seed 777 + r, sample i
 * stream id i. The numbers behind the allowances of the entropy tests and validate checks
 * ({@code core/src/main/resources/dlmc/estimates.md}).
 *
 * <pre>
 * mvn -q -B -o -DskipTests package -pl bench -am
 * java -cp bench/target/dlmc-bench.jar:$(cat bench/target/bench-classpath.txt) dlmc.bench.KnnBias N BETA M R
 * </pre>
 */
public final class KnnBias {
    private KnnBias() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: KnnBias N BETA M R");
            System.exit(2);
        }
        final int n = Integer.parseInt(args[0]);
        final double beta = Double.parseDouble(args[1]);
        final int m = Integer.parseInt(args[2]);
        final int reps = Integer.parseInt(args[3]);
        final double exact = GbeEntropy.ordered(n, beta, GbeEntropy.d1Scale(beta, 1.0));
        final KnnEntropy knn = new KnnEntropy(n, KnnEntropy.DEFAULT_K);
        final double[] points = new double[m * n];
        final double[] x = new double[n];
        final double[] work = new double[n];
        double sum = 0;
        double sumSq = 0;
        double seSum = 0;
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < m; i++) {
                final RandomStream stream = Streams.of(777 + r, i);
                GaussianEnsembles.tridiagonalSpectrum(beta, n, stream, x, work);
                Arrays.sort(x);
                System.arraycopy(x, 0, points, i * n, n);
            }
            final double e = knn.estimate(points, m) - exact;
            sum += e;
            sumSq += e * e;
            seSum += knn.stdError();
        }
        final double mean = sum / reps;
        final double spread = Math.sqrt((sumSq - reps * mean * mean) / (reps - 1));
        System.out.printf(Locale.ROOT, "n=%d beta=%s M=%d R=%d: bias %.4f +- %.4f, spread %.4f, mean s.e. %.4f, spread/s.e. %.3f%n",
                n, beta, m, reps, mean, spread / Math.sqrt(reps), spread, seSum / reps, spread / (seSum / reps));
    }
}
