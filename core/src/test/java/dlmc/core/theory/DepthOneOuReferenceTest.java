package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.CompletionEnergy;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.Energy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.energy.SensingEnergy;
import dlmc.core.testing.StatChecks;
import dlmc.core.testing.TestSeeds;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link DepthOneOuReference}: the Gaussian law of the N = 1 Langevin equation dX = −∇E dt +
 * sqrt(2κ/β) dB against independent computations — the scalar Ornstein–Uhlenbeck law in closed form
 * (d = 1, folded normal), and for a full Hessian (sensing) the mean and covariance ODEs dμ/dt = b − Hμ,
 * dΣ/dt = −HΣ − ΣH + (2κ/β)I integrated by RK4 in vec coordinates. Sampled means are z-tests at
 * α = 1e-3/(tests in the method) (Bonferroni: false-failure probability ≤ 1e-3 per method).
 */
class DepthOneOuReferenceTest {
    private static final double[] TIMES = {0, 0.2, 1, 3};

    private static double[] ranges(double v) {
        final double[] r = new double[TIMES.length];
        java.util.Arrays.fill(r, v);
        return r;
    }

    /** d = 1, E = ½(x − φ)²: X(t) ~ N(φ + e^{−t}(x0 − φ), (κ/β)(1 − e^{−2t})); σ = |X| is folded normal. */
    @Test
    void scalarCaseIsTheFoldedOrnsteinUhlenbeckLaw() {
        final double phi = 0.7;
        final double x0 = -0.4;
        final double beta = 2;
        final double kappa = 0.8;
        final Energy e = new RegressionEnergy(new DMatrixRMaj(new double[][] {{phi}}));
        final DepthOneOuReference.Law law = DepthOneOuReference.law(1, beta, kappa, e,
                new DMatrixRMaj(new double[][] {{x0}}), Double.NaN, TIMES);
        assertFalse(law.fullHessian());
        final long seed = TestSeeds.seed();
        final int bins = 20;
        final double hi = 3;
        final DepthOneOuReference ref = new DepthOneOuReference(law, ranges(hi), ranges(hi), bins, 40_000, seed);
        final double alpha = 1e-3 / ((TIMES.length - 1) * 2);
        for (int k = 0; k < TIMES.length; k++) {
            final double t = TIMES[k];
            final double m = phi + Math.exp(-t) * (x0 - phi);
            final double v = kappa / beta * (1 - Math.exp(-2 * t));
            assertEquals(m * m + v, law.exactSumSquares(k), 1e-14, "E X^2 at t=" + t);
            assertEquals(0.5 * ((m - phi) * (m - phi) + v), law.exactEnergy(k), 1e-14, "E E at t=" + t);
            assertEquals(m, law.meanMatrix(k).get(0, 0), 1e-15);
            if (k == 0) {
                assertEquals(Math.abs(x0), ref.layerMean(k, 0), 1e-12);
                continue;
            }
            final double sd = Math.sqrt(v);
            final double folded = sd * Math.sqrt(2 / Math.PI) * Math.exp(-m * m / (2 * v)) + m * (1 - 2 * Phi(-m / sd));
            StatChecks.assertWithin("E|X| at t=" + t + " seed " + seed, ref.layerMean(k, 0), ref.meanStandardErrors(k)[0],
                    folded, 0, alpha);
            assertEquals(ref.layerMean(k, 0), ref.singularValueMean(k, 0), 0.0); // σ = λ at N = 1
            // P(|X| in bin 7 = [1.05, 1.2)) from the normal law, against the sampled bin mass (binomial s.e.)
            final double lo = 7 * hi / bins;
            final double up = 8 * hi / bins;
            final double p = Phi((up - m) / sd) - Phi((lo - m) / sd) + Phi((-lo - m) / sd) - Phi((-up - m) / sd);
            StatChecks.assertWithin("P(|X| in [" + lo + ", " + up + ")) at t=" + t + " seed " + seed,
                    ref.layerBinMasses(k)[7], Math.sqrt(p * (1 - p) / 40_000), p, 0, alpha);
        }
    }

    /**
     * A full Hessian (sensing, d = 2, three random sensing matrices — H has a one-dimensional null
     * space, where X diffuses freely) and a Ginibre start: the exact E‖X‖², E E and mean agree with the
     * RK4 solution of the moment ODEs; the sampled E‖X‖² agrees with the exact one.
     */
    @Test
    void fullHessianMatchesTheMomentEquations() {
        final int d = 2;
        final int n = d * d;
        final DMatrixRMaj[] ms = new DMatrixRMaj[3];
        final double[] y = new double[ms.length];
        randomSensing(new Random(11), d, ms, y);
        final SensingEnergy e = new SensingEnergy(ms, y);
        final double beta = 1.5;
        final double kappa = 1.2;
        final double s = 0.6;
        final DepthOneOuReference.Law law = DepthOneOuReference.law(d, beta, kappa, e, null, s, TIMES);
        assertTrue(law.fullHessian());
        // moment ODEs in vec coordinates, from the definition of E (not from its gradient)
        final double[][] h = new double[n][n];
        final double[] b = new double[n];
        double c = 0;
        for (int k = 0; k < ms.length; k++) {
            for (int i = 0; i < n; i++) {
                b[i] += y[k] * ms[k].data[i];
                for (int j = 0; j < n; j++) {
                    h[i][j] += ms[k].data[i] * ms[k].data[j];
                }
            }
            c += 0.5 * y[k] * y[k];
        }
        double[] mu = new double[n];
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            cov[i][i] = s * s;
        }
        final double noise = 2 * kappa / beta;
        double t = 0;
        final double dt = 1e-4;
        final long seed = TestSeeds.seed() + 1;
        final DepthOneOuReference ref = new DepthOneOuReference(law, ranges(6), ranges(6), 8, 40_000, seed);
        final double alpha = 1e-3 / (TIMES.length - 1);
        for (int k = 0; k < TIMES.length; k++) {
            while (t < TIMES[k] - 1e-12) {
                final double[][] st = rk4(h, b, noise, mu, cov, dt);
                mu = st[0];
                cov = unflatten(st[1], n);
                t += dt;
            }
            double ss = 0;
            double trHc = 0;
            double quad = 0;
            double lin = 0;
            for (int i = 0; i < n; i++) {
                ss += mu[i] * mu[i] + cov[i][i];
                lin += b[i] * mu[i];
                for (int j = 0; j < n; j++) {
                    trHc += h[i][j] * cov[j][i];
                    quad += mu[i] * h[i][j] * mu[j];
                }
            }
            final double energy = 0.5 * quad - lin + c + 0.5 * trHc;
            assertEquals(ss, law.exactSumSquares(k), 1e-9 * Math.max(1, ss), "E||X||^2 at t=" + TIMES[k]);
            assertEquals(energy, law.exactEnergy(k), 1e-9 * Math.max(1, Math.abs(energy)), "E E at t=" + TIMES[k]);
            for (int i = 0; i < n; i++) {
                assertEquals(mu[i], law.meanMatrix(k).data[i], 1e-9, "mean entry " + i + " at t=" + TIMES[k]);
            }
            StatChecks.assertWithin("sampled E||X||^2 at t=" + TIMES[k] + " seed " + seed, ref.sumSquaresMean(k),
                    ref.sumSquaresStandardError(k), law.exactSumSquares(k), 0, alpha);
        }
    }

    /** Completion is diagonal (Q = I); unobserved entries diffuse (h = 0: variance 2κt/β, mean fixed). */
    @Test
    void completionHasFreeDirections() {
        final DMatrixRMaj mask = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        final DMatrixRMaj obs = new DMatrixRMaj(new double[][] {{2, 9}, {9, -1}});
        final Energy e = new CompletionEnergy(mask, obs);
        final DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0, 0.5}, {0.25, 0}});
        final DepthOneOuReference.Law law = DepthOneOuReference.law(2, 2, 1, e, x0, Double.NaN, TIMES);
        assertFalse(law.fullHessian());
        for (int k = 0; k < TIMES.length; k++) {
            final double t = TIMES[k];
            final double g = 1 - Math.exp(-t);
            final double vObs = 0.5 * (1 - Math.exp(-2 * t));
            final double vFree = t;
            final DMatrixRMaj mean = law.meanMatrix(k);
            assertEquals(2 * g, mean.get(0, 0), 1e-15);
            assertEquals(-g, mean.get(1, 1), 1e-15);
            assertEquals(0.5, mean.get(0, 1), 0.0);
            assertEquals(0.25, mean.get(1, 0), 0.0);
            final double ss = 4 * g * g + g * g + 0.25 + 0.0625 + 2 * vObs + 2 * vFree;
            assertEquals(ss, law.exactSumSquares(k), 1e-14);
            final double energy = 0.5 * (4 * (1 - g) * (1 - g) + (1 - g) * (1 - g)) + vObs; // ½Σ_Ω(μ − b)² + ½·2·vObs
            assertEquals(energy, law.exactEnergy(k), 1e-14);
        }
    }

    /**
     * Sensing with large measurements (y ~ 10⁵–10⁶ against O(1) sensing matrices) and fewer matrices
     * than d²: H is positive semi-definite with a null space, and reading it off the gradient as
     * ∇E(e_j) − ∇E(0) cancels terms of size |y|, whose rounding once made a null eigenvalue come out
     * negative beyond the rounding threshold (the law threw "not positive semi-definite" and the run
     * failed). Orthonormal sensing vectors m_k give the law in closed form: H = P (projector on their
     * span), b = Σ y_k m_k, and from a Ginibre start s·G_0, with g = 1 − e^{−t},
     * E‖X‖² = g² Σy_k² + m((κ/β)(1 − e^{−2t}) + s²e^{−2t}) + (d² − m)(s² + 2κt/β),
     * E E = ½ e^{−2t} Σy_k² + ½ m((κ/β)(1 − e^{−2t}) + s²e^{−2t}).
     */
    @Test
    void sensingWithLargeMeasurementsHasItsClosedFormLaw() {
        final int d = 2;
        final int n = d * d;
        final double beta = 2;
        final double kappa = 1;
        final double s = 0.5;
        for (long matrixSeed = 1; matrixSeed <= 6; matrixSeed++) {
            final Random rnd = new Random(matrixSeed);
            final int m = 3;
            final double[][] v = new double[m][n];
            for (int k = 0; k < m; k++) { // Gram-Schmidt of random vectors: orthonormal to rounding
                for (int i = 0; i < n; i++) {
                    v[k][i] = rnd.nextGaussian();
                }
                for (int pass = 0; pass < 2; pass++) {
                    for (int l = 0; l < k; l++) {
                        double dot = 0;
                        for (int i = 0; i < n; i++) {
                            dot += v[k][i] * v[l][i];
                        }
                        for (int i = 0; i < n; i++) {
                            v[k][i] -= dot * v[l][i];
                        }
                    }
                    double norm = 0;
                    for (int i = 0; i < n; i++) {
                        norm += v[k][i] * v[k][i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[k][i] /= Math.sqrt(norm);
                    }
                }
            }
            final DMatrixRMaj[] ms = new DMatrixRMaj[m];
            final double[] y = new double[m];
            double yy = 0;
            for (int k = 0; k < m; k++) {
                ms[k] = new DMatrixRMaj(d, d);
                System.arraycopy(v[k], 0, ms[k].data, 0, n);
                y[k] = 1e5 * (1 + matrixSeed) * rnd.nextGaussian();
                yy += y[k] * y[k];
            }
            final DepthOneOuReference.Law law = DepthOneOuReference.law(d, beta, kappa, new SensingEnergy(ms, y), null,
                    s, TIMES);
            assertTrue(law.fullHessian());
            for (int k = 0; k < TIMES.length; k++) {
                final double t = TIMES[k];
                final double g = -Math.expm1(-t);
                final double e2 = Math.exp(-2 * t);
                final double range = m * (kappa / beta * (1 - e2) + s * s * e2);
                final double ss = g * g * yy + range + (n - m) * (s * s + 2 * kappa * t / beta);
                final double energy = 0.5 * e2 * yy + 0.5 * range;
                final String where = " at t=" + t + ", sensing matrices of seed " + matrixSeed;
                assertEquals(ss, law.exactSumSquares(k), 1e-10 * Math.max(1, ss), "E||X||^2" + where);
                assertEquals(energy, law.exactEnergy(k), 1e-10 * Math.max(1, energy) + 1e-6, "E E" + where);
            }
        }
    }

    /**
     * Contradictory large measurements: the same sensing matrix twice with y = Y and −Y + 0.3 (Y ~ 10⁶),
     * and a third one. ∇E(0) = −b is small (the ±Y terms cancel inside it), so the probe scale read off b
     * stays 1 and ∇E(e_j) still cancels terms of size Y: the law is formed all the same (a larger probe
     * is retried), and it is the law of the equivalent energy without the cancelling terms:
     * ½(⟨M,X⟩ − Y)² + ½(⟨M,X⟩ + Y − 0.3)² = (⟨M,X⟩ − 0.15)² + const, so H = 2mmᵀ + m₃m₃ᵀ, b = 0.3m + 0.7m₃.
     */
    @Test
    void contradictoryLargeMeasurementsAreFormed() {
        final int d = 3;
        for (long seed = 1; seed <= 5; seed++) {
            final Random r = new Random(seed);
            final DMatrixRMaj m1 = new DMatrixRMaj(d, d);
            final DMatrixRMaj m3 = new DMatrixRMaj(d, d);
            for (int i = 0; i < d * d; i++) {
                m1.data[i] = r.nextGaussian();
                m3.data[i] = r.nextGaussian();
            }
            final double y = 1e6 * (1 + r.nextDouble());
            final double[] times = {0, 1};
            final DepthOneOuReference.Law law = DepthOneOuReference.law(d, 2, 1,
                    new SensingEnergy(new DMatrixRMaj[] {m1, m1.copy(), m3}, new double[] {y, -y + 0.3, 0.7}), null, 0.5,
                    times);
            final DMatrixRMaj m1b = m1.copy();
            org.ejml.dense.row.CommonOps_DDRM.scale(Math.sqrt(2), m1b);
            // equivalent: 2·½(⟨M,X⟩ − 0.15)² = ½(⟨√2 M,X⟩ − √2·0.15)²
            final DepthOneOuReference.Law same = DepthOneOuReference.law(d, 2, 1,
                    new SensingEnergy(new DMatrixRMaj[] {m1b, m3}, new double[] {Math.sqrt(2) * 0.15, 0.7}), null, 0.5,
                    times);
            for (int k = 0; k < times.length; k++) {
                assertEquals(same.exactSumSquares(k), law.exactSumSquares(k), 1e-9, "E||X||^2, seed " + seed);
            }
        }
    }

    /**
     * At t = 0 from a fixed start the reference is X(0) itself, exactly, also when H is full (sensing):
     * the rotation to H's eigenbasis and back must not move a singular value off X(0)'s, which matters
     * when it lies on a histogram bin edge (identity start 1 with the range [0, 1.5) and 24 bins puts
     * σ = 1 on the edge of bins 15 and 16: the simulation counts it in bin 16).
     */
    @Test
    void fixedStartIsTheExactPointMassAtTimeZeroAlsoWithAFullHessian() {
        final int d = 2;
        final int n = d * d;
        final int bins = 24;
        final double hi = 1.5;
        for (long matrixSeed = 1; matrixSeed <= 8; matrixSeed++) {
            final DMatrixRMaj[] ms = new DMatrixRMaj[3];
            final double[] y = new double[ms.length];
            randomSensing(new Random(matrixSeed), d, ms, y);
            final DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
            final DepthOneOuReference.Law law = DepthOneOuReference.law(d, 2, 1, new SensingEnergy(ms, y), x0,
                    Double.NaN, TIMES);
            assertTrue(law.fullHessian());
            final DMatrixRMaj mean = law.meanMatrix(0);
            for (int i = 0; i < n; i++) {
                assertEquals(x0.data[i], mean.data[i], 0.0, "X(0) entry " + i + ", sensing matrices of seed " + matrixSeed);
            }
            assertEquals(2.0, law.exactSumSquares(0), 0.0);
            final DepthOneOuReference ref = new DepthOneOuReference(law, ranges(hi), ranges(hi), bins, 4096, 1);
            final double[] mass = ref.singularValueBinMasses(0);
            assertEquals(1.0, mass[16], 0.0, "P(sigma in [1, 1.0625)) at t = 0, sensing matrices of seed " + matrixSeed);
            for (int i = 0; i < d; i++) {
                assertEquals(1.0, ref.singularValueMean(0, i), 0.0);
            }
        }
    }

    /** Not formed where the class comment says so. */
    @Test
    void limits() {
        final DMatrixRMaj id = new DMatrixRMaj(new double[][] {{1}});
        assertNull(DepthOneOuReference.law(DepthOneOuReference.MAX_WIDTH + 1, 2, 1, new ConfiningEnergy(1), null, 1, TIMES));
        final int d = DepthOneOuReference.MAX_WIDTH_FULL_H + 1;
        final DMatrixRMaj m = new DMatrixRMaj(d, d);
        m.fill(1);
        assertNull(DepthOneOuReference.law(d, 2, 1, new SensingEnergy(new DMatrixRMaj[] {m}, new double[] {1}), null, 1,
                TIMES));
        final Energy quartic = new Energy() {
            @Override
            public double value(DMatrixRMaj x) {
                return Math.pow(x.data[0], 4);
            }

            @Override
            public void gradient(DMatrixRMaj x, DMatrixRMaj out) {
                out.data[0] = 4 * Math.pow(x.data[0], 3);
            }

            @Override
            public boolean isSpectral() {
                return true;
            }
        };
        assertNull(DepthOneOuReference.law(1, 2, 1, quartic, id, Double.NaN, TIMES));
        // a concave "quadratic" energy (H = −I) has no law: no theory, and no exception that would stop the run
        final Energy concave = new Energy() {
            @Override
            public double value(DMatrixRMaj x) {
                return -0.5 * x.data[0] * x.data[0];
            }

            @Override
            public void gradient(DMatrixRMaj x, DMatrixRMaj out) {
                out.data[0] = -x.data[0];
            }

            @Override
            public boolean isSpectral() {
                return true;
            }

            @Override
            public boolean isQuadratic() {
                return true;
            }
        };
        assertNull(DepthOneOuReference.law(1, 2, 1, concave, id, Double.NaN, TIMES));
    }

    /** ms[k] ← d×d standard Gaussian sensing matrices, y[k] ← standard Gaussian measurements, in that order. */
    private static void randomSensing(Random rnd, int d, DMatrixRMaj[] ms, double[] y) {
        for (int k = 0; k < ms.length; k++) {
            ms[k] = new DMatrixRMaj(d, d);
            for (int i = 0; i < d * d; i++) {
                ms[k].data[i] = rnd.nextGaussian();
            }
            y[k] = rnd.nextGaussian();
        }
    }

    private static double[][] rk4(double[][] h, double[] b, double noise, double[] mu, double[][] cov, double dt) {
        final int n = b.length;
        final double[] y = new double[n + n * n];
        System.arraycopy(mu, 0, y, 0, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(cov[i], 0, y, n + i * n, n);
        }
        final double[] k1 = rhs(h, b, noise, y);
        final double[] k2 = rhs(h, b, noise, axpy(y, k1, dt / 2));
        final double[] k3 = rhs(h, b, noise, axpy(y, k2, dt / 2));
        final double[] k4 = rhs(h, b, noise, axpy(y, k3, dt));
        final double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        final double[] m = new double[n];
        System.arraycopy(out, 0, m, 0, n);
        final double[] cv = new double[n * n];
        System.arraycopy(out, n, cv, 0, n * n);
        return new double[][] {m, cv};
    }

    private static double[] rhs(double[][] h, double[] b, double noise, double[] y) {
        final int n = b.length;
        final double[] r = new double[y.length];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int j = 0; j < n; j++) {
                s -= h[i][j] * y[j];
            }
            r[i] = s;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? noise : 0;
                for (int k = 0; k < n; k++) {
                    s -= h[i][k] * y[n + k * n + j] + y[n + i * n + k] * h[k][j];
                }
                r[n + i * n + j] = s;
            }
        }
        return r;
    }

    private static double[] axpy(double[] y, double[] k, double a) {
        final double[] out = y.clone();
        for (int i = 0; i < y.length; i++) {
            out[i] += a * k[i];
        }
        return out;
    }

    private static double[][] unflatten(double[] v, int n) {
        final double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, i * n, m[i], 0, n);
        }
        return m;
    }

    /** Standard normal CDF. */
    private static double Phi(double z) {
        return 0.5 * org.apache.commons.numbers.gamma.Erfc.value(-z / Math.sqrt(2));
    }
}
