package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.linalg.Svd;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

/**
 * {@link AlignedGradientFlow} (math-spec §2.3, oracle O8): the quadrature-and-bisection solution of
 * x' = −N|x|^p(cx − φ) against the closed forms (N = 2 logistic, ψ = 0 power law) and against a
 * scalar RK4 integration with a tiny step (an independent method); the common-basis detection on
 * random frames. Deterministic (fixed seeds).
 */
class AlignedGradientFlowTest {
    /** Relative agreement expected of two accurate solutions (a few ulps; bisection to the last bit of log y). */
    private static final double TOL = 1e-13;

    @Test
    void quadratureMatchesTheLogisticSolutionAtDepthTwo() {
        // ψ > 0 from below and from above, ψ < 0 (opposite-sign start: decay to 0), c ≠ 1
        final double[][] cases = {{1, 2, 0.05}, {1, 0.25, 1.5}, {0.7, 1.3, 0.2}, {1, -0.8, 0.6}, {2.5, -0.3, 1.1}};
        for (double[] cs : cases) {
            final double c = cs[0];
            final double psi = cs[1];
            final double y0 = cs[2];
            for (double t : new double[] {0.01, 0.3, 1, 4, 12}) {
                final double closed = AlignedGradientFlow.magnitude(2, c, psi, y0, t);
                final double e = Math.exp(-2 * psi * t);
                final double logistic = Math.abs(psi * y0 / (c * y0 + (psi - c * y0) * e));
                assertEquals(logistic, closed, TOL * logistic, "closed form");
                final double quad = AlignedGradientFlow.byQuadrature(2, c, psi, y0, t);
                assertEquals(closed, quad, TOL * Math.max(closed, 1e-300) + 1e-300,
                        "c=" + c + " psi=" + psi + " y0=" + y0 + " t=" + t);
            }
        }
    }

    @Test
    void quadratureMatchesThePowerLawWithoutTarget() {
        for (int n : new int[] {3, 4, 7}) {
            final double p = 2 - 2.0 / n;
            for (double t : new double[] {0.1, 1, 10}) {
                final double y0 = 1.7;
                final double c = 0.6;
                final double exact = Math.pow(Math.pow(y0, -p) + n * c * p * t, -1 / p);
                assertEquals(exact, AlignedGradientFlow.magnitude(n, c, 0, y0, t), 0.0);
                assertEquals(exact, AlignedGradientFlow.byQuadrature(n, c, 0, y0, t), TOL * exact, "N=" + n + " t=" + t);
            }
        }
    }

    /** N = 3, 4, 5: against RK4 on the scalar ODE with 2·10⁵ steps per unit time (global error ≈ 1e-16). */
    @Test
    void quadratureMatchesAFineScalarIntegration() {
        final double[][] cases = {{1, 2, 0.05}, {1, 0.25, 1.5}, {1, -0.5, 0.4}, {1.5, 1, 0.3}};
        for (int n : new int[] {3, 4, 5}) {
            for (double[] cs : cases) {
                final double c = cs[0];
                final double psi = cs[1];
                final double y0 = cs[2];
                final double[] y = fineScalarRk4(n, c, psi, y0, 3, 200_000);
                for (int t = 1; t <= 3; t++) {
                    assertEquals(y[t], AlignedGradientFlow.magnitude(n, c, psi, y0, t), 1e-12 * y[t],
                            "N=" + n + " c=" + c + " psi=" + psi + " y0=" + y0 + " t=" + t);
                }
            }
        }
    }

    /**
     * A small target value ψ &gt; 0 far below the start (a low-rank target: an exact zero singular value comes out of
     * the SVD as ~1e-17, of either sign): y decays almost as for ψ = 0. Against the fine scalar RK4 for N = 2 (the
     * logistic closed form) and the quadrature for N = 3, 6. The pole's closed form subtracted far from the pole
     * (amplitude ~ ψ^{−p}) and the logistic denominator c y0 + (ψ − c y0) e^{−2ψt} both cancelled catastrophically:
     * N = 3, ψ = 1e-17 gave y(1) = 1.2e-5 instead of 0.245, N = 2 gave 0.
     */
    @Test
    void smallTargetFarBelowTheStartMatchesAFineScalarIntegration() {
        for (int n : new int[] {2, 3, 6}) {
            for (double psi : new double[] {1e-17, 1e-12, 1e-8, 1e-4}) {
                final double c = 1;
                final double y0 = 0.5;
                final double[] fine = fineScalarRk4(n, c, psi, y0, 2, 100_000);
                for (int target = 1; target <= 2; target++) {
                    final double y = fine[target];
                    final String at = "N=" + n + " psi=" + psi + " t=" + target;
                    assertEquals(y, AlignedGradientFlow.magnitude(n, c, psi, y0, target), 1e-12 * y, at);
                    assertEquals(y, AlignedGradientFlow.mode(n, c, psi, y0, target), 1e-12 * y, at);
                    assertEquals(y, AlignedGradientFlow.byQuadrature(n, c, psi, y0, target), 1e-12 * y, at);
                }
            }
        }
    }

    /** Save times solved one from the previous (as {@link AlignedGradientFlow#solve} does) agree with solves from t = 0. */
    @Test
    void incrementalSaveTimesAgreeWithSolvesFromTheStart() {
        final double[] times = new double[121];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.1 * k;
        }
        for (double[] cs : new double[][] {{3, 1, 2, 0.01}, {4, 1, -0.5, 0.4}, {5, 0.5, 0.25, 1.5}}) {
            final int n = (int) cs[0];
            final double[] x = AlignedGradientFlow.modes(n, cs[1], cs[2], cs[3], times);
            for (int k = 0; k < times.length; k++) {
                final double direct = AlignedGradientFlow.byQuadrature(n, cs[1], Math.signum(cs[3]) * cs[2], Math.abs(cs[3]), times[k]);
                assertEquals(direct, x[k], 1e-13 * Math.abs(direct), "N=" + n + " t=" + times[k]);
            }
        }
        // out of order: a time before the previous one restarts from t = 0
        final double[] back = AlignedGradientFlow.modes(3, 1, 2, 0.01, new double[] {5, 1});
        assertEquals(AlignedGradientFlow.byQuadrature(3, 1, 2, 0.01, 1), back[1], 1e-13);
    }

    /**
     * The classical RK4 solution of y' = −N y^p (c y − ψ), y(0) = y0, with {@code perUnit} steps per unit time
     * (an independent method), at t = 0, 1, …, {@code units}.
     */
    private static double[] fineScalarRk4(int n, double c, double psi, double y0, int units, int perUnit) {
        final double p = 2 - 2.0 / n;
        final java.util.function.DoubleUnaryOperator f = y -> -n * Math.pow(y, p) * (c * y - psi);
        final double h = 1.0 / perUnit;
        final double[] out = new double[units + 1];
        double y = y0;
        out[0] = y;
        for (int u = 1; u <= units; u++) {
            for (int k = 0; k < perUnit; k++) {
                final double k1 = f.applyAsDouble(y);
                final double k2 = f.applyAsDouble(y + 0.5 * h * k1);
                final double k3 = f.applyAsDouble(y + 0.5 * h * k2);
                final double k4 = f.applyAsDouble(y + h * k3);
                y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            out[u] = y;
        }
        return out;
    }

    @Test
    void modesKeepTheirSignAndZeroStaysZero() {
        assertEquals(0.0, AlignedGradientFlow.mode(3, 1, 2, 0, 5), 0.0);
        final double neg = AlignedGradientFlow.mode(3, 1, 2, -0.5, 1);
        assertTrue(neg < 0 && neg > -0.5, "a start of the opposite sign decays towards 0: " + neg);
        assertEquals(-AlignedGradientFlow.mode(3, 1, 2, 0.5, 1), AlignedGradientFlow.mode(3, 1, -2, -0.5, 1), 0.0);
        assertEquals(1.25, AlignedGradientFlow.mode(4, 2, 2.5, 1.25, 3), 0.0); // the fixed point φ/c
    }

    /** Random frames: X(0) = U diag(a) Vᵀ, Φ = U diag(φ) Vᵀ is aligned; X(t) = U diag(x(t)) Vᵀ. */
    @Test
    void solveFindsTheCommonBasisOfRandomFrames() {
        final int d = 4;
        final Random r = new Random(5);
        final DMatrixRMaj u = haar(d, r);
        final DMatrixRMaj v = haar(d, r);
        final double[] phi = {2, 1, 0.25, 0.05};
        final double[] a = {0.1, -0.2, 0.05, 0.3};
        final DMatrixRMaj target = frame(u, phi, v);
        final DMatrixRMaj x0 = frame(u, a, v);
        final double[] times = {0, 0.5, 2};
        final AlignedGradientFlow.Solution sol = AlignedGradientFlow.solve(3, new RegressionEnergy(target), x0, times);
        assertNotNull(sol);
        for (int k = 0; k < times.length; k++) {
            final double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = AlignedGradientFlow.mode(3, 1, phi[i], a[i], times[k]);
            }
            final DMatrixRMaj expected = frame(u, x, v);
            final DMatrixRMaj got = sol.matrixAt(k);
            for (int e = 0; e < d * d; e++) {
                assertEquals(expected.data[e], got.data[e], 1e-12, "k=" + k + " entry " + e);
            }
            final DMatrixRMaj diff = expected.copy();
            CommonOps_DDRM.subtractEquals(diff, target);
            assertEquals(0.5 * CommonOps_DDRM.elementSum(elementSquare(diff)), sol.energy(k), 1e-12);
        }
        // a generic start is not aligned with the target: no solution
        final DMatrixRMaj generic = frame(haar(d, r), a, haar(d, r));
        assertNull(AlignedGradientFlow.solve(3, new RegressionEnergy(target), generic, times));
        // depth 1 is the linear flow (DepthOneOuReference), not this class
        assertNull(AlignedGradientFlow.solve(1, new RegressionEnergy(target), x0, times));
        // confining: any start is aligned (B = 0), the singular values decay by the power law
        final AlignedGradientFlow.Solution conf = AlignedGradientFlow.solve(2, new ConfiningEnergy(0.5), generic, times);
        assertNotNull(conf);
        final Svd svd = new Svd(d);
        assertTrue(svd.decompose(conf.matrixAt(2)));
        for (int i = 0; i < d; i++) {
            final double s0 = Math.abs(a[new int[] {3, 1, 0, 2}[i]]);
            assertEquals(Math.pow(1 / s0 + 2 * 0.5 * 1 * 2, -1), svd.sigma()[i], 1e-13, "sigma " + i);
        }
    }

    /** The identity start is aligned with a symmetric target (eigenvalues of both signs). */
    @Test
    void identityStartIsAlignedWithASymmetricTarget() {
        final int d = 3;
        final Random r = new Random(9);
        final DMatrixRMaj q = haar(d, r);
        final DMatrixRMaj target = frame(q, new double[] {1.5, -0.7, 0.4}, q);
        final DMatrixRMaj x0 = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(0.2, x0);
        final AlignedGradientFlow.Solution sol = AlignedGradientFlow.solve(3, new RegressionEnergy(target), x0, new double[] {1});
        assertNotNull(sol);
        // the mode with the negative eigenvalue decays towards 0; the others grow towards 1.5 and 0.4
        final Svd svd = new Svd(d);
        assertTrue(svd.decompose(sol.matrixAt(0)));
        final double[] expected = {AlignedGradientFlow.mode(3, 1, 1.5, 0.2, 1), AlignedGradientFlow.mode(3, 1, 0.4, 0.2, 1),
                AlignedGradientFlow.mode(3, 1, -0.7, 0.2, 1)};
        java.util.Arrays.sort(expected);
        for (int i = 0; i < d; i++) {
            assertEquals(expected[d - 1 - i], svd.sigma()[i], 1e-13);
        }
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        final DMatrixRMaj out = m.copy();
        CommonOps_DDRM.elementMult(out, m);
        return out;
    }

    private static DMatrixRMaj frame(DMatrixRMaj u, double[] s, DMatrixRMaj v) {
        final int d = s.length;
        final DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += u.get(i, k) * s[k] * v.get(j, k);
                }
                out.set(i, j, sum);
            }
        }
        return out;
    }

    /** An orthogonal matrix from the QR factorisation of a Gaussian matrix. */
    private static DMatrixRMaj haar(int d, Random r) {
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            g.data[i] = r.nextGaussian();
        }
        final var qr = DecompositionFactory_DDRM.qr(d, d);
        assertTrue(qr.decompose(g));
        return qr.getQ(null, false);
    }
}
