package dlmc.core.scheme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BrownianBridgeTest {

    /** The two pieces add up to the drawn increment up to the one rounding of rest = dW − first. */
    @Test
    void piecesConserveTheIncrementExactlyUpToOneRounding() {
        final int n = 5;
        final RandomStream stream = Streams.of(TestSeeds.seed(), 1);
        final double[] dW = new double[n];
        final double[] first = new double[n];
        final double[] rest = new double[3 * n];
        for (int rep = 0; rep < 1000; rep++) {
            final double h = Math.pow(10, -1 - 8 * stream.uniform());
            final double h1 = h * (0.01 + 0.98 * stream.uniform());
            stream.gaussians(dW, 0, n);
            for (int i = 0; i < n; i++) {
                dW[i] *= Math.sqrt(h);
            }
            BrownianBridge.split(dW, n, h1, h - h1, stream, first, rest, n);
            for (int i = 0; i < n; i++) {
                final BigDecimal defect = new BigDecimal(first[i]).add(new BigDecimal(rest[n + i]))
                        .subtract(new BigDecimal(dW[i])).abs();
                final double bound = 0.5 * Math.ulp(rest[n + i]);
                assertTrue(defect.compareTo(new BigDecimal(bound)) <= 0,
                        "first + rest - dW = " + defect + " > ulp/2 = " + bound + " (seed " + TestSeeds.seed() + ")");
            }
        }
    }

    /**
     * Law of the split: dW ~ N(0, h) split at h1 = 0.3 h gives first ~ N(0, h1), rest ~ N(0, h2),
     * independent. Three z statistics (two variance ratios, one correlation), each two-sided at
     * 3.9 s.e.: false-failure probability ≤ 3 × 1.0e-4 = 3e-4 in total (Bonferroni).
     */
    @Test
    void piecesHaveTheBridgeLaw() {
        final long seed = TestSeeds.seed();
        final RandomStream stream = Streams.of(seed, 2);
        final int n = 4;
        final int reps = 10_000;
        final double h = 0.02;
        final double h1 = 0.3 * h;
        final double h2 = h - h1;
        final double[] dW = new double[n];
        final double[] first = new double[n];
        final double[] rest = new double[n];
        double s11 = 0;
        double s22 = 0;
        double s12 = 0;
        for (int rep = 0; rep < reps; rep++) {
            stream.gaussians(dW, 0, n);
            for (int i = 0; i < n; i++) {
                dW[i] *= Math.sqrt(h);
            }
            BrownianBridge.split(dW, n, h1, h2, stream, first, rest, 0);
            for (int i = 0; i < n; i++) {
                s11 += first[i] * first[i] / h1;
                s22 += rest[i] * rest[i] / h2;
                s12 += first[i] * rest[i] / Math.sqrt(h1 * h2);
            }
        }
        final int m = reps * n;
        // E = 1, 1, 0; sd of the means = sqrt(2/m), sqrt(2/m), sqrt(1/m) (Gaussian fourth moments).
        final double z1 = (s11 / m - 1) / Math.sqrt(2.0 / m);
        final double z2 = (s22 / m - 1) / Math.sqrt(2.0 / m);
        final double z3 = (s12 / m) / Math.sqrt(1.0 / m);
        final double zMax = 3.9;
        assertTrue(Math.abs(z1) < zMax && Math.abs(z2) < zMax && Math.abs(z3) < zMax,
                "bridge law z = (" + z1 + ", " + z2 + ", " + z3 + "), seed " + seed);
    }
}
