package dlmc.core.dln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The kernel L_ij by its finite sum (math-spec §0.3, §2.1, §8). Deterministic. */
class KernelTest {
    private static final double EPS = Math.ulp(1.0);
    /** Finite sum of N positive terms by Horner + one pow: relative error ≤ ~(N + 10)·ε_mach. */
    private static double sumTol(int N) {
        return 4 * (N + 10) * EPS;
    }

    /**
     * Divided difference (σ_i² − σ_j²)/(σ_i^{2/N} − σ_j^{2/N}): cancellation in the denominator
     * amplifies rounding by κ = σ^{2/N}/|σ_i^{2/N} − σ_j^{2/N}|; we compare only where κ ≤ 10 and
     * allow 100·κ·ε_mach.
     */
    private static final double DIVIDED_DIFFERENCE_TOL = 100 * 10 * EPS;

    @Test
    void finiteSumEqualsDividedDifferenceWhereWellConditioned() {
        final double[] sigmas = {0.3, 0.8, 1.0, 1.7, 4.0};
        for (int N : new int[] {1, 2, 3, 5, 8}) {
            for (double si : sigmas) {
                for (double sj : sigmas) {
                    final double li = Math.pow(si, 1.0 / N);
                    final double lj = Math.pow(sj, 1.0 / N);
                    final double L = Kernel.entry(li, lj, N);
                    if (si == sj) {
                        final double diag = N * Math.pow(si, 2 - 2.0 / N);
                        assertEquals(diag, L, 4 * N * EPS * diag + sumTol(N) * L, "N=" + N + " s=" + si);
                        continue;
                    }
                    final double a = Math.pow(si, 2.0 / N);
                    final double b = Math.pow(sj, 2.0 / N);
                    final double kappa = Math.max(a, b) / Math.abs(a - b);
                    if (kappa > 10) {
                        continue;
                    }
                    final double dd = (si * si - sj * sj) / (a - b);
                    assertEquals(dd, L, DIVIDED_DIFFERENCE_TOL * Math.abs(dd), "N=" + N + " si=" + si + " sj=" + sj);
                }
            }
        }
    }

    @Test
    void specialCasesAndSymmetry() {
        assertEquals(1.0, Kernel.entry(0.3, 7.0, 1));
        assertEquals(0.3 * 0.3 + 1.1 * 1.1, Kernel.entry(Math.sqrt(0.3 * 0.3), 1.1, 2), 4 * EPS * 2); // N=2: λ_i²+λ_j² = σ_i+σ_j
        assertEquals(Kernel.entry(0.7, 1.3, 6), Kernel.entry(1.3, 0.7, 6), 0.0);
        // rank-deficient limits (§2.1): L = λ_j^{2N−2} if λ_i = 0 < λ_j; 0 if both vanish
        assertEquals(Math.pow(1.3, 8), Kernel.entry(0.0, 1.3, 5), sumTol(5) * Math.pow(1.3, 8));
        assertEquals(0.0, Kernel.entry(0.0, 0.0, 5));
        // equal arguments: exactly N λ^{2N−2} up to one pow
        assertEquals(7 * Math.pow(1.1, 12), Kernel.entry(1.1, 1.1, 7), sumTol(7) * 7 * Math.pow(1.1, 12));
        assertThrows(IllegalArgumentException.class, () -> Kernel.matrix(new double[] {1, 2}, 0, new DMatrixRMaj(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Kernel.matrix(new double[] {1, 2}, 2, new DMatrixRMaj(3, 3)));
    }

    @Test
    void noOverflowForLargeDepthInLogAndRatioForms() {
        // λ^{2N} overflows for N = 2000, λ = 2 (2^{4000}); the log and ratio forms must not.
        final int N = 2000;
        final double li = 2.0;
        final double lj = 1.5;
        final double logL = Kernel.logEntry(li, lj, N);
        // exact: log((λ_i^{2N} − λ_j^{2N})/(λ_i² − λ_j²)) = 2N log λ_i + log(1 − r^N) − log(λ_i² − λ_j²)
        final double r = (lj * lj) / (li * li);
        final double expected = 2.0 * N * Math.log(li) + Math.log1p(-Math.pow(r, N)) - Math.log(li * li - lj * lj);
        assertEquals(expected, logL, 1e-13 * Math.abs(expected));
        assertTrue(Double.isInfinite(Kernel.entry(li, lj, N)), "the plain entry may overflow; log form is the safe one");
        // tiny λ: underflow of the plain entry, log form exact
        final double small = Kernel.logEntry(0.5, 0.25, N);
        assertTrue(Double.isFinite(small) && small < -2000);
        final double ratio = Kernel.halfLogDerivative(li, lj, N);
        // ∂_{λi} log L / 2 → N/λ_i − λ_i/(λ_i² − λ_j²) (r^N negligible)
        assertEquals(N / li - li / (li * li - lj * lj), ratio, 1e-12 * ratio);
    }

    /** Central difference with step h: error ≈ h²·|f'''|/6 + ε·|f|/h ≈ 1e-10·scale for h = 1e-5. */
    private static final double FD_STEP = 1e-5;
    private static final double FD_TOL = 1e-8;

    @Test
    void derivativeFiniteSumMatchesFiniteDifferencesAndClosedForms() {
        final double[] ls = {0.6, 0.9, 1.0, 1.0 + 1e-9, 1.4};
        for (int N : new int[] {1, 2, 3, 6}) {
            for (double li : ls) {
                for (double lj : ls) {
                    final double D = Kernel.firstArgumentDerivative(li, lj, N);
                    final double fd = (Kernel.entry(li + FD_STEP, lj, N) - Kernel.entry(li - FD_STEP, lj, N)) / (2 * FD_STEP);
                    final double scale = Math.max(1.0, Math.abs(D));
                    assertEquals(fd, D, FD_TOL * scale, "N=" + N + " li=" + li + " lj=" + lj);
                    final double half = Kernel.halfLogDerivative(li, lj, N);
                    assertEquals(D / (2 * Kernel.entry(li, lj, N)), half, 1e-14 * Math.max(1, Math.abs(half)));
                    if (Math.abs(li - lj) > 0.2) {
                        // §3.4 closed form of the pair term, well conditioned here
                        final double closed = N * Math.pow(li, 2 * N - 1) / (Math.pow(li, 2 * N) - Math.pow(lj, 2 * N))
                                - li / (li * li - lj * lj);
                        assertEquals(closed, half, 1e-12 * Math.max(1, Math.abs(closed)));
                    }
                }
            }
            final double l = 1.3;
            assertEquals(N * (N - 1) * Math.pow(l, 2 * N - 3), Kernel.firstArgumentDerivative(l, l, N),
                    1e-14 * Math.max(1, N * N * Math.pow(l, 2 * N)));
        }
    }

    @Test
    void matrixFormsAgreeWithEntries() {
        final double[] lambda = {1.3, 0.9, 0.4};
        final int N = 4;
        final DMatrixRMaj L = new DMatrixRMaj(3, 3);
        final DMatrixRMaj sqrtL = new DMatrixRMaj(3, 3);
        final DMatrixRMaj D = new DMatrixRMaj(3, 3);
        Kernel.matrix(lambda, N, L);
        Kernel.sqrtMatrix(lambda, N, sqrtL);
        Kernel.derivativeMatrix(lambda, N, D);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Kernel.entry(lambda[i], lambda[j], N), L.get(i, j), 0.0);
                assertEquals(L.get(i, j), sqrtL.get(i, j) * sqrtL.get(i, j), 8 * EPS * L.get(i, j));
                assertEquals(Kernel.firstArgumentDerivative(lambda[i], lambda[j], N), D.get(i, j), 0.0);
            }
        }
        final double[] sigma = {8.0, 1.0, 0.125};
        final double[] lam = new double[3];
        Kernel.layerValues(sigma, 3, lam);
        assertEquals(2.0, lam[0], 2 * EPS);
        assertEquals(0.5, lam[2], 2 * EPS);
    }
}
