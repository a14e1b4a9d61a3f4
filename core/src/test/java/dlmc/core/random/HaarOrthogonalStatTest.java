package dlmc.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Statistical check of the Haar sampler on O_d (math-spec §0.3). */
@Tag("statistical")
class HaarOrthogonalStatTest {
    /**
     * Haar moments: E[Q_11] = 0, E[Q_11²] = 1/d, P(det Q = −1) = 1/2. With M = 20 000 samples and
     * d = 3 the standard errors are 0.0041, 0.0020 and 0.0035; thresholds at 5 s.e. give a
     * false-failure probability ≈ 3 × 6e-7 per run. Without the R_ii sign fix E[Q_11] = E|g|/|g| ≠ 0
     * for Householder QR (Q_11 has a fixed sign), which this test detects.
     */
    @Test
    void firstMomentsMatchHaar() {
        final int d = 3;
        final int m = 20_000;
        final RandomStream s = Streams.of(TestSeeds.seed(), 701);
        final HaarOrthogonal haar = new HaarOrthogonal(d);
        final DMatrixRMaj Q = new DMatrixRMaj(d, d);
        double sum = 0;
        double sum2 = 0;
        int negative = 0;
        for (int k = 0; k < m; k++) {
            haar.sample(s, Q);
            sum += Q.get(0, 0);
            sum2 += Q.get(0, 0) * Q.get(0, 0);
            negative += CommonOps_DDRM.det(Q) < 0 ? 1 : 0;
        }
        final String seed = " seed=" + TestSeeds.seed();
        assertEquals(0.0, sum / m, 5 * Math.sqrt(1.0 / d / m), "E Q_11" + seed);
        // Var(Q_11²) = E Q⁴ − (1/d)² = 3/(d(d+2)) − 1/d² = 0.0889 for d = 3
        assertEquals(1.0 / d, sum2 / m, 5 * Math.sqrt((3.0 / (d * (d + 2)) - 1.0 / (d * d)) / m), "E Q_11^2" + seed);
        assertTrue(Math.abs(negative / (double) m - 0.5) < 5 * Math.sqrt(0.25 / m), "P(det < 0) = " + negative / (double) m + seed);
    }
}
