package dlmc.core.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The root-free QL/QR kernel ({@link SymmetricTridiagonalEigen#eigenvaluesRootFree}) against two
 * independent references — EJML's dense symmetric eigensolver and the square-root QL
 * ({@link SymmetricTridiagonalEigen#eigenvalues}, EISPACK {@code tql1}) — on random and
 * structured tridiagonals, n = 2..100, errors measured in units of ε_mach·‖T‖ (‖T‖ = max row sum
 * of |T|). Deterministic (fixed seed): backward stability bounds each error by O(n)·ε·‖T‖; the
 * ceiling is {@link #ERROR_PER_ROW}·n·ε·‖T‖ (both QL variants differ from EJML and from each other
 * by up to ≈ 0.8·n·ε·‖T‖ on these families, before and after the shorter-chain rewrite).
 */
class SymmetricTridiagonalEigenTest {
    /** Ceiling of |λ − λ_ref| / (n·ε·‖T‖). */
    private static final double ERROR_PER_ROW = 4;

    @Test
    void rootFreeAgreesWithEjmlAndTql1() {
        final long seed = TestSeeds.seed();
        final RandomStream s = Streams.of(seed, 7);
        for (int n = 2; n <= 100; n++) {
            for (int family = 0; family < 5; family++) {
                final double[] d = new double[n];
                final double[] e = new double[n];
                fill(family, n, s, d, e);
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i + 1 < n ? Math.abs(e[i]) : 0));
                }
                final double[] ref = ejml(n, d, e);
                final double[] dq = d.clone();
                final double[] eq = e.clone();
                SymmetricTridiagonalEigen.eigenvalues(n, dq, eq);
                final double[] dr = d.clone();
                final double[] er = e.clone();
                SymmetricTridiagonalEigen.eigenvaluesRootFree(n, dr, er);
                final double unit = Math.ulp(1.0) * norm;
                final double bound = ERROR_PER_ROW * n;
                double errEjml = 0;
                double errTql1 = 0;
                for (int i = 0; i < n; i++) {
                    errEjml = Math.max(errEjml, Math.abs(dr[i] - ref[i]) / unit);
                    errTql1 = Math.max(errTql1, Math.abs(dr[i] - dq[i]) / unit);
                }
                final String where = "seed " + seed + ", n = " + n + ", family " + family;
                assertTrue(errEjml <= bound, where + ": |root-free − EJML| = " + errEjml + " ε‖T‖ > " + bound);
                assertTrue(errTql1 <= bound, where + ": |root-free − tql1| = " + errTql1 + " ε‖T‖ > " + bound);
            }
        }
    }

    /**
     * Test families: 0 Gaussian; 1 Gaussian with tiny off-diagonals (near-split); 2 constant
     * diagonal, unit off-diagonal (exact arithmetic-friendly, symmetric spectrum); 3 Wilkinson
     * W⁺ (close eigenvalue pairs); 4 graded, diagonal over 12 decades.
     */
    private static void fill(int family, int n, RandomStream s, double[] d, double[] e) {
        switch (family) {
            case 0:
                s.gaussians(d, 0, n);
                s.gaussians(e, 0, n - 1);
                break;
            case 1:
                s.gaussians(d, 0, n);
                s.gaussians(e, 0, n - 1);
                for (int i = 0; i < n - 1; i += 3) {
                    e[i] *= 1e-9;
                }
                break;
            case 2:
                Arrays.fill(d, 0, n, 0.5);
                Arrays.fill(e, 0, n - 1, 1.0);
                break;
            case 3:
                for (int i = 0; i < n; i++) {
                    d[i] = Math.abs((n - 1) / 2.0 - i);
                }
                Arrays.fill(e, 0, n - 1, 1.0);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    d[i] = Math.pow(10, -12.0 * i / n);
                    if (i + 1 < n) {
                        e[i] = Math.pow(10, -12.0 * (i + 0.5) / n) * 0.1 * s.gaussian();
                    }
                }
        }
        e[n - 1] = 0;
    }

    private static double[] ejml(int n, double[] d, double[] e) {
        final DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, d[i]);
            if (i + 1 < n) {
                t.set(i, i + 1, e[i]);
                t.set(i + 1, i, e[i]);
            }
        }
        final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(t));
        final double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(out);
        return out;
    }
}
