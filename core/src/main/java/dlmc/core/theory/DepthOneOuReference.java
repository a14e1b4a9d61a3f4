package dlmc.core.theory;

import dlmc.core.energy.Energy;
import dlmc.core.random.RandomStream;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Exact law of the depth-one DLN Langevin equation with a quadratic energy, and its exact-sampling
 * reference. For N = 1, 𝒜_{1,X} = id (math-spec §2.1, "Cases"), the orbit is a point (S ≡ 0, §4)
 * and the RLE of §3.4 is the Euclidean Langevin equation
 * <pre>
 *   dX = −∇E(X) dt + sqrt(2κ/β) dB.
 * </pre>
 * Every energy of §1.1 is quadratic: E(x) = ½ xᵀHx − bᵀx + const in x = vec X (H = αI for
 * {@code confining}, I for {@code regression}, the mask for {@code completion}, Σ_k m_k m_kᵀ for
 * {@code sensing}). Then X(t) is a Gaussian (Ornstein–Uhlenbeck) matrix. With H = Q diag(h) Qᵀ and
 * z = Qᵀx, the coordinates are independent:
 * <pre>
 *   z_j(t) = e^{−h_j t} z_j(0) + (1 − e^{−h_j t}) c_j / h_j + sqrt(v_j(t)) ξ_j,   c = Qᵀb,
 *   v_j(t) = (κ/β)(1 − e^{−2h_j t}) / h_j        (h_j = 0: z_j(0) + c_j t and v_j = 2κt/β),
 * </pre>
 * ξ standard normal. A Ginibre start X(0) = s·G_0 adds s² e^{−2h_j t} to v_j and has z(0) = 0 (Qᵀ
 * maps i.i.d. N(0, s²) entries to i.i.d. ones).
 *
 * <p>Closed forms, no sampling: E‖X‖_F² = Σ_j (μ_j² + v_j) ({@link #exactSumSquares}) and
 * E E(X) = E(X̄) + ½ Σ_j h_j v_j, X̄ = Qμ the mean ({@link #exactEnergy}). Sampled
 * ({@link SampledSpectrumReference}): the singular values of X(t) = X̄(t) + Q(sqrt(v(t)) ∘ ξ), the
 * same ξ at every save time (σ = λ at N = 1). X̄ is formed as X(0) + Q(μ − z(0)), so that at t = 0 a
 * fixed start is X(0) exactly (a singular value on a histogram bin edge stays in the simulation's bin).
 *
 * <p>H and b are read off the energy's gradient (b = −∇E(0), He_j = (∇E(s e_j) + b)/s with s a power
 * of two ≥ max(1, ‖b‖∞), so that the rounding of terms of size |b| stays O(ε) relative to H), so any energy
 * that {@link Energy#isQuadratic} qualifies. A diagonal H (confining, regression, completion) needs no
 * eigendecomposition and Q = I; a full one (sensing) costs d⁴ per draw and save time. Times are on
 * the model's clock (metric_scale does not matter at N = 1: 𝒜/N = 𝒜).
 */
public final class DepthOneOuReference extends SampledSpectrumReference {
    /** Largest width d for which the law is formed (H is d²×d²). */
    public static final int MAX_WIDTH = 32;
    /** Largest width d with a full (non-diagonal) H, which needs the d²×d² eigendecomposition. */
    public static final int MAX_WIDTH_FULL_H = 16;

    private final Law law;

    /**
     * @param law      the Gaussian law at the save times ({@link #law})
     * @param lambdaHi per save time, upper end of the λ histogram [0, hi)
     * @param sigmaHi  per save time, upper end of the σ histogram [0, hi) (the same values as λ at N = 1)
     * @param bins     bins per histogram ≥ 1
     * @param draws    reference draws ≥ 2
     * @param seed     the run seed
     */
    public DepthOneOuReference(Law law, double[] lambdaHi, double[] sigmaHi, int bins, int draws, long seed) {
        super(law.d, 1, law.times, lambdaHi, sigmaHi, bins, draws, seed, samplers(law));
        this.law = law;
    }

    public Law law() {
        return law;
    }

    /**
     * The Gaussian law of X(t) at the given times, or null when it is not formed: E is not
     * quadratic, d &gt; {@value #MAX_WIDTH}, H is full and d &gt; {@value #MAX_WIDTH_FULL_H}, or H is not
     * positive semi-definite beyond rounding (an energy that wrongly claims {@link Energy#isQuadratic}).
     *
     * @param d       width ≥ 1
     * @param beta    β &gt; 0 (may be +∞: no noise)
     * @param kappa   κ ≥ 0, finite
     * @param energy  E
     * @param x0      X(0) (d×d), or null for the Ginibre start
     * @param ginibre s &gt; 0 of X(0) = s·G_0 when x0 is null (ignored otherwise)
     * @param times   save times ≥ 0
     */
    public static Law law(int d, double beta, double kappa, Energy energy, DMatrixRMaj x0, double ginibre,
            double[] times) {
        if (d < 1 || !(beta > 0) || !(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("need d >= 1, beta > 0 and finite kappa >= 0, got " + d + ", " + beta + ", "
                    + kappa);
        }
        if (x0 == null ? !(ginibre > 0) || Double.isInfinite(ginibre) : x0.numRows != d || x0.numCols != d) {
            throw new IllegalArgumentException("need a d x d X(0) or a finite Ginibre scale > 0");
        }
        if (!energy.isQuadratic() || d > MAX_WIDTH) {
            return null;
        }
        final int n = d * d;
        final DMatrixRMaj e = new DMatrixRMaj(d, d);
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        energy.gradient(e, g);
        final double[] b = new double[n];
        double bMax = 0;
        for (int j = 0; j < n; j++) {
            b[j] = -g.data[j];
            bMax = Math.max(bMax, Math.abs(b[j]));
        }
        // He_j = (∇E(s e_j) + b)/s. The probe s, a power of two ≥ max(1, ‖b‖∞), keeps the rounding of the
        // constant part (terms of size |b|, e.g. sensing measurements y_k ≫ 1) at O(ε) relative to H
        // instead of ε|b|, which could make a null eigenvalue of H negative beyond the threshold below.
        // Terms that cancel inside ∇E(0) itself (contradictory large measurements: b small, y_k large) do not
        // show in b: a negative eigenvalue is then first retried with probes 2^26 and 2^52 times larger.
        double probe = bMax > 1 ? Math.scalb(1.0, Math.min(Math.getExponent(bMax) + 1, 900)) : 1;
        final DMatrixRMaj h = new DMatrixRMaj(n, n);
        final double[] eig = new double[n];
        DMatrixRMaj q = null;
        for (int attempt = 0;; attempt++, probe = Math.scalb(probe, 26)) {
            boolean diagonal = true;
            for (int j = 0; j < n; j++) {
                e.data[j] = probe;
                energy.gradient(e, g);
                e.data[j] = 0;
                for (int i = 0; i < n; i++) {
                    final double v = (g.data[i] + b[i]) / probe;
                    h.data[i * n + j] = v;
                    diagonal &= i == j || v == 0;
                }
            }
            q = null;
            if (diagonal) {
                for (int j = 0; j < n; j++) {
                    eig[j] = h.data[j * n + j];
                }
            } else {
                if (d > MAX_WIDTH_FULL_H) {
                    return null;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        final double v = 0.5 * (h.data[i * n + j] + h.data[j * n + i]);
                        h.data[i * n + j] = v;
                        h.data[j * n + i] = v;
                    }
                }
                final EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, true, true);
                if (!dec.decompose(h)) {
                    return null;
                }
                q = new DMatrixRMaj(n, n);
                for (int j = 0; j < n; j++) {
                    eig[j] = dec.getEigenvalue(j).getReal();
                    final DMatrixRMaj v = dec.getEigenVector(j);
                    for (int i = 0; i < n; i++) {
                        q.data[i * n + j] = v.data[i];
                    }
                }
            }
            double top = 0;
            for (double v : eig) {
                top = Math.max(top, Math.abs(v));
            }
            double lowest = 0;
            for (int j = 0; j < n; j++) {
                if (Math.abs(eig[j]) <= 1e-12 * top) {
                    eig[j] = 0; // H is positive semi-definite: a rounding-level eigenvalue is a flat direction
                }
                lowest = Math.min(lowest, eig[j]);
            }
            if (lowest == 0) {
                break;
            }
            if (attempt == 2) {
                // not positive semi-definite beyond rounding: no Gaussian stationary structure to offer. A
                // theory is optional, so the rows are left without it rather than the run stopped.
                return null;
            }
        }
        return new Law(d, beta, kappa, energy, x0, ginibre, times, eig, q, b);
    }

    /** X(t) = X̄(t) + Q(sqrt(v(t)) ∘ ξ) at each save time; immutable. */
    public static final class Law {
        final int d;
        final int times;
        private final Energy energy;
        /** Q (d²×d², columns the eigenvectors of H), or null for Q = I. */
        private final DMatrixRMaj q;
        /**
         * X̄(t_k) = E X(t_k) as vec X (x-space): X(0) + Q δ(t_k), δ_j = (1 − e^{−h_j t})(c_j/h_j − z_j(0)), so
         * that X̄(0) is X(0) exactly (no round trip through the eigenbasis).
         */
        private final double[][] mean;
        /** v_j(t_k) in the eigenbasis of H. */
        private final double[][] var;
        private final double[][] sd;
        private final double[] hess;

        private Law(int d, double beta, double kappa, Energy energy, DMatrixRMaj x0, double ginibre, double[] times,
                double[] h, DMatrixRMaj q, double[] b) {
            this.d = d;
            this.times = times.length;
            this.energy = energy;
            this.q = q;
            this.hess = h;
            final int n = d * d;
            final double[] c = rotate(q, b, n);
            final double[] z0 = x0 == null ? new double[n] : rotate(q, x0.data, n);
            final double noise = Double.isInfinite(beta) ? 0 : 2 * kappa / beta;
            mean = new double[times.length][n];
            var = new double[times.length][n];
            sd = new double[times.length][n];
            final double[] delta = new double[n];
            final DMatrixRMaj shift = new DMatrixRMaj(d, d);
            for (int k = 0; k < times.length; k++) {
                final double t = times[k];
                for (int j = 0; j < n; j++) {
                    final double hj = h[j];
                    final double decay = Math.exp(-hj * t);
                    // 1 − e^{−ht} and (1 − e^{−2ht}) / (2h) without cancellation; h = 0: t
                    final double grow = hj == 0 ? 0 : -Math.expm1(-hj * t);
                    final double drift = hj == 0 ? c[j] * t : c[j] / hj * grow;
                    final double integral = hj == 0 ? t : -Math.expm1(-2 * hj * t) / (2 * hj);
                    delta[j] = drift - grow * z0[j]; // μ_j(t) − z_j(0)
                    var[k][j] = noise * integral + (x0 == null ? ginibre * ginibre * decay * decay : 0);
                    sd[k][j] = Math.sqrt(var[k][j]);
                }
                unrotate(delta, shift);
                for (int i = 0; i < n; i++) {
                    mean[k][i] = (x0 == null ? 0 : x0.data[i]) + shift.data[i];
                }
            }
        }

        /** @return Qᵀx (x when Q = I), a new array. */
        private static double[] rotate(DMatrixRMaj q, double[] x, int n) {
            final double[] out = new double[n];
            for (int j = 0; j < n; j++) {
                if (q == null) {
                    out[j] = x[j];
                    continue;
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += q.data[i * n + j] * x[i];
                }
                out[j] = s;
            }
            return out;
        }

        /** y ← Q w (y = w when Q = I). */
        void unrotate(double[] w, DMatrixRMaj y) {
            final int n = d * d;
            if (q == null) {
                System.arraycopy(w, 0, y.data, 0, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += q.data[i * n + j] * w[j];
                }
                y.data[i] = s;
            }
        }

        /** @return whether H was full (a d⁴ product per sampled matrix) rather than diagonal. */
        public boolean fullHessian() {
            return q != null;
        }

        /** @return E‖X(t_k)‖_F² = ‖X̄‖_F² + Σ_j v_j (= Σ_j (μ_j² + v_j)), exact. */
        public double exactSumSquares(int k) {
            double s = 0;
            for (int j = 0; j < mean[k].length; j++) {
                s += mean[k][j] * mean[k][j] + var[k][j];
            }
            return s;
        }

        /** @return E E(X(t_k)) = E(X̄) + ½ Σ_j h_j v_j, exact (E is quadratic). */
        public double exactEnergy(int k) {
            final DMatrixRMaj xbar = meanMatrix(k);
            double s = 0;
            for (int j = 0; j < hess.length; j++) {
                s += hess[j] * var[k][j];
            }
            return energy.value(xbar) + 0.5 * s;
        }

        /** @return the mean matrix X̄(t_k) = E X(t_k), a new d×d matrix. */
        public DMatrixRMaj meanMatrix(int k) {
            final DMatrixRMaj xbar = new DMatrixRMaj(d, d);
            System.arraycopy(mean[k], 0, xbar.data, 0, d * d);
            return xbar;
        }
    }

    private static Supplier<Sampler> samplers(Law law) {
        final int n = law.d * law.d;
        return () -> new Sampler() {
            private final double[] xi = new double[n];
            private final double[] w = new double[n];

            @Override
            public void draw(RandomStream stream) {
                stream.gaussians(xi, 0, n);
            }

            @Override
            public void matrixAt(int k, DMatrixRMaj y) {
                final double[] mu = law.mean[k];
                final double[] sd = law.sd[k];
                for (int j = 0; j < n; j++) {
                    w[j] = sd[j] * xi[j];
                }
                law.unrotate(w, y);
                for (int i = 0; i < n; i++) {
                    y.data[i] += mu[i];
                }
            }
        };
    }
}
