package dlmc.core.model;

import dlmc.core.random.RandomStream;
import dlmc.core.random.GaussianEnsembles;

/**
 * Dyson Brownian motion: what is integrated, not how (math-spec §5.1). Immutable, thread-safe.
 *
 * <p>All three normalisations share the form
 * <pre>  dλ_i = sqrt(σ²) dB_i + c Σ_{j≠i} dt/(λ_i − λ_j) − θ λ_i dt</pre>
 * with (σ², c, θ) = (2/β, 1, 0) for D1, (2/(βn), 1/n, 0) for D2 and (2/(βn), 1/n, 1/2) for OU.
 * The matrix realisation (β = 1, 2, 4) is H_t = H_0 + s·𝐇_t with s = 1 (D1) or 1/sqrt(n)
 * (D2, OU; plus the OU transition of §5.1).
 */
public final class DysonModel {
    private final double beta;
    private final int n;
    private final Normalization normalization;
    private final InitialCondition initial;

    /**
     * @throws IllegalArgumentException if {@code beta <= 0}, {@code n < 1}, or a given spectrum has
     *                                  the wrong length or is not finite
     */
    public DysonModel(double beta, int n, Normalization normalization, InitialCondition initial) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (initial instanceof InitialCondition.Spectrum s) {
            double[] v = s.values();
            if (v.length != n) {
                throw new IllegalArgumentException("initial spectrum has " + v.length + " values, n = " + n);
            }
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("initial spectrum value is not finite: " + x);
                }
            }
        }
        if (initial instanceof InitialCondition.Gbe g && !(g.time() > 0 && Double.isFinite(g.time()))) {
            throw new IllegalArgumentException("gbe initial time must be > 0, got " + g.time());
        }
        this.beta = beta;
        this.n = n;
        this.normalization = normalization;
        this.initial = initial;
    }

    public double beta() {
        return beta;
    }

    public int n() {
        return n;
    }

    public Normalization normalization() {
        return normalization;
    }

    public InitialCondition initial() {
        return initial;
    }

    /** @return true if β ∈ {1, 2, 4}, the matrix-realisable Dyson indices. */
    public boolean isClassicalBeta() {
        return beta == 1.0 || beta == 2.0 || beta == 4.0;
    }

    /** @return c, the coefficient of Σ 1/(λ_i − λ_j): 1 (D1) or 1/n (D2, OU). */
    public double interaction() {
        return normalization == Normalization.D1 ? 1.0 : 1.0 / n;
    }

    /** @return σ², the noise variance per unit time of each λ_i: 2/β (D1) or 2/(βn). */
    public double noiseVariance() {
        return normalization == Normalization.D1 ? 2.0 / beta : 2.0 / (beta * n);
    }

    /** @return θ, the OU confinement rate: 1/2 for OU, else 0. */
    public double confinement() {
        return normalization == Normalization.OU ? 0.5 : 0.0;
    }

    /**
     * @return the scale s of the matrix increment: H_t = H_0 + s·𝐇_t, 𝐇 with D1 variances;
     *         1 for D1, 1/sqrt(n) for D2 and OU.
     */
    public double matrixScale() {
        return normalization == Normalization.D1 ? 1.0 : 1.0 / Math.sqrt(n);
    }

    /**
     * The drift b_i(λ) = c Σ_{j≠i} 1/(λ_i − λ_j) − θ λ_i (math-spec §5.1). Each pair is computed
     * once. O(n²).
     *
     * @param lambda eigenvalues (any order, distinct). Not modified.
     * @param out    the drift. Modified.
     */
    public void drift(double[] lambda, double[] out) {
        final double c = interaction();
        final double theta = confinement();
        for (int i = 0; i < n; i++) {
            out[i] = -theta * lambda[i];
        }
        for (int i = 0; i < n; i++) {
            final double li = lambda[i];
            double acc = 0;
            for (int j = i + 1; j < n; j++) {
                final double inv = c / (li - lambda[j]);
                acc += inv;
                out[j] -= inv;
            }
            out[i] += acc;
        }
    }

    /**
     * Draws (or copies) the initial spectrum, ascending. Only {@link InitialCondition.Gbe} draws.
     *
     * @param out Modified, length n.
     */
    public void initialSpectrum(RandomStream stream, double[] out) {
        if (initial instanceof InitialCondition.Zero) {
            java.util.Arrays.fill(out, 0, n, 0.0);
        } else if (initial instanceof InitialCondition.Spectrum s) {
            System.arraycopy(s.values(), 0, out, 0, n);
        } else if (initial instanceof InitialCondition.Gbe g) {
            // D1 at time t from 0: eigenvalues of sqrt(t) * (GβE with density ∝ exp(-β/4 tr H²)).
            GaussianEnsembles.tridiagonalSpectrum(beta, n, stream, out);
            final double scale = Math.sqrt(g.time()) * matrixScale();
            for (int i = 0; i < n; i++) {
                out[i] *= scale;
            }
        }
    }

    /**
     * Radius of the semicircle that the spectrum fills at time t for the zero and GβE initial
     * conditions in the large-n limit (math-spec §5.2): 2 sqrt(n (t0 + t)) for D1,
     * 2 sqrt(t0 + t) for D2, 2 sqrt(1 − (1 − t0) e^{−t}) for OU, where t0 is the GβE time (0 for zero).
     * For a given spectrum: NaN (no closed form).
     */
    public double semicircleRadius(double t) {
        double t0;
        if (initial instanceof InitialCondition.Zero) {
            t0 = 0;
        } else if (initial instanceof InitialCondition.Gbe g) {
            t0 = g.time();
        } else {
            return Double.NaN;
        }
        switch (normalization) {
            case D1:
                return 2 * Math.sqrt(n * (t0 + t));
            case D2:
                return 2 * Math.sqrt(t0 + t);
            default:
                // OU from a GβE of variance t0 (per 1/n): variance at t is t0 e^{-t} + (1 - e^{-t}).
                return 2 * Math.sqrt(t0 * Math.exp(-t) + (1 - Math.exp(-t)));
        }
    }

    /**
     * Exact E (1/n) Σ λ_i(t) and E (1/n) Σ λ_i(t)² for any start and any β &gt; 0 (math-spec §5.1;
     * Itô on Σλ_i and Σλ_i²: the interaction terms sum to 0 and to n(n−1), the noise adds 2n/β per
     * unit D1 time), so also for a given spectrum, where the semicircle radius is unknown. With
     * c = n − 1 + 2/β and m_k(0) the start's moments (0 and, for a GβE start, the D1/D2 law at t0):
     * D1: m1(0), m2(0) + c t; D2: m1(0), m2(0) + c t/n; OU: e^{−t/2} m1(0), e^{−t} m2(0) + (1 − e^{−t}) c/n.
     * Exact in law for the matrix representation and the eigenvalue SDE alike (a scheme's own
     * discretisation error is not included).
     *
     * @param t time ≥ 0
     * @return {E m1, E m2}
     */
    public double[] exactFirstTwoMoments(double t) {
        final double c = n - 1 + 2 / beta;
        double m1 = 0;
        double m2 = 0;
        if (initial instanceof InitialCondition.Spectrum sp) {
            for (double v : sp.values()) {
                m1 += v / n;
                m2 += v * v / n;
            }
        } else if (initial instanceof InitialCondition.Gbe g) {
            // the law of the process from zero at t0: D1 c·t0; D2 and OU (the D2 law at t0) c·t0/n
            m2 = normalization == Normalization.D1 ? c * g.time() : c * g.time() / n;
        }
        switch (normalization) {
            case D1:
                return new double[] {m1, m2 + c * t};
            case D2:
                return new double[] {m1, m2 + c * t / n};
            default:
                return new double[] {Math.exp(-t / 2) * m1, Math.exp(-t) * m2 + (1 - Math.exp(-t)) * c / n};
        }
    }

    @Override
    public String toString() {
        return "DysonModel[beta=" + beta + ", n=" + n + ", " + normalization.key() + ", " + initial + "]";
    }
}
