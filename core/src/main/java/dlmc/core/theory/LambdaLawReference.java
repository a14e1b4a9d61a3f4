package dlmc.core.theory;

import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Exact-sampling reference for the layer singular values of the g^N Brownian motion (E = 0, no
 * entropic drift; math-spec §3.3 equivalence theorem, oracle O15): at time t, λ(t) has the law of
 * the singular values of
 * <pre>
 *   Y = Λ_0 + sqrt(2κ t/(βN)) G,   G a d×d standard Ginibre matrix,  Λ_0 = diag(λ(0)),
 * </pre>
 * the Euclidean matrix Brownian motion at inverse temperature β/κ (§3.4: with anisotropy κ the
 * downstairs noise is the g^N BM at β/κ) observed at time t/N. For a Ginibre start X(0) = s·G_0,
 * λ(0) = σ(s G_0)^{1/N} is drawn first (the λ-law holds conditionally on λ(0)).
 *
 * <p>Sampling and statistics: {@link SampledSpectrumReference} (the same G, and G_0, at every save
 * time; draw m from the stream (seed, {@link #ID_OFFSET} + m)).
 *
 * <p>Closed form instead of sampling (§3.3): E‖Y‖_F² = Σ λ_i(0)² + d²·2κt/(βN)
 * ({@link #exactSumSquares}).
 *
 * <p>Times are on the clock of [M24]'s metric operator 𝒜 (math-spec §2.1, metricScale = 1). For a
 * model with {@code metric_scale: cmv} (𝒜/N) the law at its time t is this law at t/N
 * ({@link dlmc.core.dln.MetricScale#m24Time}); {@code dlmc.core.run.DlnReferences} passes those times.
 */
public final class LambdaLawReference extends SampledSpectrumReference {
    /** The initial layer singular values: fixed λ(0), or X(0) = s·G_0. */
    public static final class Start {
        final double[] lambda0;
        final double ginibreScale;

        private Start(double[] lambda0, double ginibreScale) {
            this.lambda0 = lambda0;
            this.ginibreScale = ginibreScale;
        }

        /** @param lambda0 λ(0) (any order, each ≥ 0). Copied. */
        public static Start fixed(double[] lambda0) {
            return new Start(lambda0.clone(), Double.NaN);
        }

        /** @param scale s &gt; 0 of X(0) = s·G_0 */
        public static Start ginibre(double scale) {
            return new Start(null, scale);
        }

        public boolean isFixed() {
            return lambda0 != null;
        }
    }

    /**
     * @param d        width ≥ 1
     * @param depth    N ≥ 1
     * @param beta     β &gt; 0 (may be +∞: no noise)
     * @param kappa    κ ≥ 0
     * @param start    λ(0)
     * @param times    save times t ≥ 0 on the M24 clock (t/N for a CMV model's save time t)
     * @param lambdaHi per save time, upper end of the λ histogram [0, hi)
     * @param sigmaHi  per save time, upper end of the σ histogram [0, hi)
     * @param bins     bins per histogram ≥ 1
     * @param draws    reference draws ≥ 2
     * @param seed     the run seed
     */
    public LambdaLawReference(int d, int depth, double beta, double kappa, Start start, double[] times,
            double[] lambdaHi, double[] sigmaHi, int bins, int draws, long seed) {
        super(d, depth, times.length, lambdaHi, sigmaHi, bins, draws, seed, samplers(d, depth, beta, kappa, start, times));
    }

    /** Checks the parameters (before any sampling) and returns the per-block sampler factory. */
    private static java.util.function.Supplier<Sampler> samplers(int d, int depth, double beta, double kappa, Start start,
            double[] times) {
        if (!(beta > 0) || !(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("need beta > 0 and finite kappa >= 0, got " + beta + ", " + kappa);
        }
        if (d < 1 || depth < 1) {
            throw new IllegalArgumentException("need d, depth >= 1");
        }
        final double[] scale = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            scale[i] = Math.sqrt(2 * kappa * times[i] / (beta * depth));
        }
        return () -> new Sampler() {
            private final DMatrixRMaj g = new DMatrixRMaj(d, d);
            private final DMatrixRMaj y0 = new DMatrixRMaj(d, d);
            private final double[] lambda0 = new double[d];

            @Override
            public void draw(RandomStream stream) {
                if (start.isFixed()) {
                    System.arraycopy(start.lambda0, 0, lambda0, 0, d);
                } else {
                    stream.gaussians(g.data, 0, d * d);
                    for (int i = 0; i < d * d; i++) {
                        y0.data[i] = start.ginibreScale * g.data[i];
                    }
                    singularValues(y0, lambda0);
                    for (int i = 0; i < d; i++) {
                        lambda0[i] = depth == 1 ? lambda0[i] : Math.pow(lambda0[i], 1.0 / depth);
                    }
                }
                stream.gaussians(g.data, 0, d * d);
            }

            @Override
            public void matrixAt(int k, DMatrixRMaj y) {
                for (int i = 0; i < d * d; i++) {
                    y.data[i] = scale[k] * g.data[i];
                }
                for (int i = 0; i < d; i++) {
                    y.data[i * d + i] += lambda0[i];
                }
            }
        };
    }

    /**
     * E Σλ² = Σ λ_i(0)² + d²·2κt/(βN) for a fixed start (math-spec §3.3: E‖Y_{t/N}‖² with
     * i.i.d. N(0, 2κt/(βN)) increments); for the Ginibre start with N = 1, d²(s² + 2κt/β). t on
     * the M24 clock: a CMV model at time t passes t/N, giving Σ λ_i(0)² + d²·2κ(t/N)/(βN).
     *
     * @return the exact value, or NaN for a Ginibre start with N ≥ 2 (E Σσ(G_0)^{2/N} has no closed form here)
     */
    public static double exactSumSquares(int d, int depth, double beta, double kappa, Start start, double t) {
        final double inc = (double) d * d * 2 * kappa * t / (beta * depth);
        if (start.isFixed()) {
            double s = 0;
            for (double l : start.lambda0) {
                s += l * l;
            }
            return s + inc;
        }
        return depth == 1 ? d * d * start.ginibreScale * start.ginibreScale + inc : Double.NaN;
    }
}
