package dlmc.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.linalg.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the GβE increment samplers: exact replay of the documented draw order and
 * variances, the structure of the real representations, degeneracy, determinism. No statistics.
 */
class GaussianEnsemblesTest {
    /** Normalised degeneracy residual allowed: eigen-solver accuracy for sizes ≤ 40 (≈1e-15 observed). */
    private static final double DEGENERACY_TOL = 1e-10;

    /** Quaternion product p·q, components (1, i, j, k). */
    private static double[] qmul(double[] p, double[] q) {
        return new double[] {
            p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3],
            p[0] * q[1] + p[1] * q[0] + p[2] * q[3] - p[3] * q[2],
            p[0] * q[2] - p[1] * q[3] + p[2] * q[0] + p[3] * q[1],
            p[0] * q[3] + p[1] * q[2] - p[2] * q[1] + p[3] * q[0],
        };
    }

    /**
     * The expected increment, rebuilt from the raw Gaussians of the same stream in the documented
     * order (upper triangle row-major; β components per off-diagonal entry) with the D1
     * variances: diagonal sqrt(2/β)·z, components sqrt(1/β)·z; then mapped to the representation
     * independently of the production code (β = 2 via the action on (Re, Im); β = 4 via quaternion
     * left multiplication of the basis (1, i, j, k)).
     */
    private static DMatrixRMaj expected(int beta, int n, RandomStream s) {
        final int m = beta;
        final DMatrixRMaj R = new DMatrixRMaj(m * n, m * n);
        final double dScale = Math.sqrt(2.0 / beta);
        final double oScale = Math.sqrt(1.0 / beta);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                final double[] q = new double[4];
                if (i == j) {
                    q[0] = dScale * s.gaussian();
                } else {
                    for (int c = 0; c < beta; c++) {
                        q[c] = oScale * s.gaussian();
                    }
                }
                // block (i, j) = matrix of x -> q x over R^m; block (j, i) = matrix of x -> conj(q) x.
                final double[] qc = {q[0], -q[1], -q[2], -q[3]};
                for (int col = 0; col < m; col++) {
                    final double[] e = new double[4];
                    e[col] = 1;
                    final double[] img = qmul(q, e);
                    final double[] imgc = qmul(qc, e);
                    for (int row = 0; row < m; row++) {
                        R.set(index(beta, n, i, row), index(beta, n, j, col), img[row]);
                        R.set(index(beta, n, j, row), index(beta, n, i, col), imgc[row]);
                    }
                }
            }
        }
        return R;
    }

    /** Position of component r of slot i: β = 2 uses blocks (r·n + i), β = 4 interleaves (4i + r). */
    private static int index(int beta, int n, int i, int r) {
        return beta == 2 ? r * n + i : beta * i + r;
    }

    @Test
    void incrementReplaysDocumentedDrawOrderAndVariancesExactly() {
        for (int beta : new int[] {1, 2, 4}) {
            for (int n : new int[] {1, 2, 5}) {
                final int size = GaussianEnsembles.representationSize(beta, n);
                final DMatrixRMaj G = new DMatrixRMaj(size, size);
                G.fill(123.0); // increment() must overwrite
                GaussianEnsembles.increment(beta, n, Streams.of(7, 3), G);
                final DMatrixRMaj E = expected(beta, n, Streams.of(7, 3));
                assertArrayEquals(E.data, G.data, 0.0, "beta = " + beta + ", n = " + n);
            }
        }
    }

    @Test
    void addIncrementAddsScaledIncrement() {
        for (int beta : new int[] {1, 2, 4}) {
            final int n = 4;
            final int size = GaussianEnsembles.representationSize(beta, n);
            final DMatrixRMaj H = new DMatrixRMaj(size, size);
            GaussianEnsembles.embedDiagonal(beta, n, new double[] {-1, 0, 0.5, 2}, H);
            final DMatrixRMaj H0 = H.copy();
            GaussianEnsembles.addIncrement(beta, n, 0.3, Streams.of(7, 4), H);
            final DMatrixRMaj G = new DMatrixRMaj(size, size);
            GaussianEnsembles.increment(beta, n, Streams.of(7, 4), G);
            for (int k = 0; k < H.data.length; k++) {
                assertEquals(H0.data[k] + 0.3 * G.data[k], H.data[k], 1e-15, "beta = " + beta);
            }
        }
    }

    @Test
    void representationIsSymmetricStructuredAndDegenerate() {
        final int n = 10;
        for (int beta : new int[] {1, 2, 4}) {
            final int m = GaussianEnsembles.multiplicity(beta);
            final DMatrixRMaj G = new DMatrixRMaj(m * n, m * n);
            GaussianEnsembles.increment(beta, n, Streams.of(11, beta), G);
            assertEquals(0.0, SymmetricEigen.symmetryResidual(G), "beta = " + beta);
            if (beta == 2) { // [[A, -B], [B, A]], B antisymmetric
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, G.get(n + i, i)); // B_ii = 0
                    for (int j = 0; j < n; j++) {
                        assertEquals(G.get(i, j), G.get(n + i, n + j));
                        assertEquals(-G.get(n + i, j), G.get(i, n + j), 0.0);
                        assertEquals(-G.get(n + i, j), G.get(n + j, i), 0.0);
                    }
                }
            }
            if (beta == 4) { // each 4x4 block is L(q) = [[a,-b,-c,-d],[b,a,-d,c],[c,d,a,-b],[d,-c,b,a]]
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        final double a = G.get(4 * i, 4 * j);
                        final double b = G.get(4 * i + 1, 4 * j);
                        final double c = G.get(4 * i + 2, 4 * j);
                        final double d = G.get(4 * i + 3, 4 * j);
                        final double[][] l = {{a, -b, -c, -d}, {b, a, -d, c}, {c, d, a, -b}, {d, -c, b, a}};
                        for (int r = 0; r < 4; r++) {
                            for (int q = 0; q < 4; q++) {
                                assertEquals(l[r][q], G.get(4 * i + r, 4 * j + q), 0.0, "block " + i + "," + j);
                            }
                        }
                        if (i == j) {
                            assertEquals(0.0, b);
                            assertEquals(0.0, c);
                            assertEquals(0.0, d);
                        }
                    }
                }
            }
            final double[] rep = new double[m * n];
            assertTrue(new SymmetricEigen(m * n).eigenvalues(G, rep));
            final double residual = GaussianEnsembles.degeneracyResidual(beta, n, rep);
            assertTrue(residual < DEGENERACY_TOL, "beta = " + beta + ", degeneracy residual " + residual);
            // tr(rep²) = m Σ λ²
            final double[] lambda = new double[n];
            GaussianEnsembles.distinctEigenvalues(beta, n, rep, lambda);
            double trace = 0;
            for (double v : G.data) {
                trace += v * v;
            }
            double sum = 0;
            for (double v : lambda) {
                sum += v * v;
            }
            assertEquals(trace, m * sum, 1e-10 * trace, "beta = " + beta);
            for (int k = 1; k < n; k++) {
                assertTrue(lambda[k - 1] <= lambda[k]);
            }
        }
    }

    @Test
    void embedDiagonalAndDistinctEigenvaluesRoundTrip() {
        final double[] spec = {-3, -1, 0.25, 4};
        for (int beta : new int[] {1, 2, 4}) {
            final int m = GaussianEnsembles.multiplicity(beta);
            final DMatrixRMaj H = new DMatrixRMaj(m * 4, m * 4);
            GaussianEnsembles.embedDiagonal(beta, 4, spec, H);
            final double[] rep = new double[m * 4];
            assertTrue(new SymmetricEigen(m * 4).eigenvalues(H, rep));
            final double[] out = new double[4];
            GaussianEnsembles.distinctEigenvalues(beta, 4, rep, out);
            assertArrayEquals(spec, out, 1e-14);
        }
    }

    @Test
    void deterministicPerKeyAndDistinctAcrossIds() {
        final int n = 6;
        for (int beta : new int[] {1, 2, 4}) {
            final int size = GaussianEnsembles.representationSize(beta, n);
            final DMatrixRMaj a = new DMatrixRMaj(size, size);
            final DMatrixRMaj b = new DMatrixRMaj(size, size);
            final DMatrixRMaj c = new DMatrixRMaj(size, size);
            GaussianEnsembles.increment(beta, n, Streams.of(99, 5), a);
            GaussianEnsembles.increment(beta, n, Streams.of(99, 5), b);
            GaussianEnsembles.increment(beta, n, Streams.of(99, 6), c);
            assertArrayEquals(a.data, b.data, 0.0);
            assertFalse(java.util.Arrays.equals(a.data, c.data));
        }
        for (double beta : new double[] {0.5, 1, 3}) {
            final double[] x = new double[n];
            final double[] y = new double[n];
            final double[] z = new double[n];
            GaussianEnsembles.tridiagonalSpectrum(beta, n, Streams.of(99, 5), x);
            GaussianEnsembles.tridiagonalSpectrum(beta, n, Streams.of(99, 5), y, new double[n]);
            GaussianEnsembles.tridiagonalSpectrum(beta, n, Streams.of(99, 6), z);
            assertArrayEquals(x, y, 0.0);
            assertFalse(java.util.Arrays.equals(x, z));
            for (int k = 1; k < n; k++) {
                assertTrue(x[k - 1] <= x[k], "ascending");
            }
        }
    }

    @Test
    void tridiagonalSmallCasesAreExact() {
        // n = 1: the single eigenvalue is T_11/sqrt(beta) = sqrt(2/beta)·z.
        final double[] out = new double[1];
        GaussianEnsembles.tridiagonalSpectrum(3.0, 1, Streams.of(5, 5), out);
        assertEquals(Math.sqrt(2.0 / 3.0) * Streams.of(5, 5).gaussian(), out[0], 1e-15);
        // n = 2: eigenvalues of [[a, c], [c, b]]/sqrt(beta), replayed: a, b Gaussians, then c ~ chi_beta.
        final double beta = 2.5;
        final double[] two = new double[2];
        GaussianEnsembles.tridiagonalSpectrum(beta, 2, Streams.of(5, 6), two);
        final RandomStream s = Streams.of(5, 6);
        final double a = Math.sqrt(2) * s.gaussian();
        final double b = Math.sqrt(2) * s.gaussian();
        final double c = s.chi(beta);
        final double mid = 0.5 * (a + b);
        final double rad = Math.hypot(0.5 * (a - b), c);
        assertArrayEquals(new double[] {(mid - rad) / Math.sqrt(beta), (mid + rad) / Math.sqrt(beta)}, two, 1e-14);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> GaussianEnsembles.multiplicity(3));
        assertThrows(IllegalArgumentException.class, () -> GaussianEnsembles.classicalBeta(2.5));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianEnsembles.increment(2, 3, Streams.of(1, 1), new DMatrixRMaj(3, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianEnsembles.tridiagonalSpectrum(0.0, 3, Streams.of(1, 1), new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianEnsembles.tridiagonalSpectrum(1.0, 0, Streams.of(1, 1), new double[3]));
    }
}
