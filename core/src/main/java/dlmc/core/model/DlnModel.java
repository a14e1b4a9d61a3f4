package dlmc.core.model;

import dlmc.core.dln.MetricScale;
import dlmc.core.energy.Energy;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The deep linear network on its balanced manifold, seen downstairs through the end-to-end matrix
 * X = W_N ⋯ W_1 ∈ GL_d (math-spec §1–§4): what is integrated, never how. Immutable, thread-safe.
 *
 * <p>The Riemannian Langevin equation of math-spec §3.4 (Itô, matrix coordinates):
 * <pre>
 *   dX = [ −𝒜_{N,X}(∇E) + (1/β) grad_{g^N} S · 1{entropy} + (κ(N−1)/β) U Λ^{N−2} Vᵀ ] dt
 *        + sqrt(2κ/β) 𝒜_{N,X}^{1/2}(d𝐁)
 * </pre>
 * with the metric operator 𝒜_{N,X} of §2.1 ({@code metricScale = 1}, [M24]'s normalisation),
 * inverse temperature β, anisotropy κ ≥ 0 (κ = 0: the deterministic free-energy flow) and the
 * orbit entropy S of §4.1. Deterministic flows (§2.3) ignore β, κ and the entropy switch.
 *
 * <p>Metric normalisation ({@link #metricScale}, math-spec §2.1 note, §8, §9 item 4; experiment key
 * {@code model.metric_scale}): {@link MetricScale#M24} (default) is the equation above;
 * {@link MetricScale#CMV} replaces 𝒜 by 𝒜/N in every term, which is the same equation run at time
 * t/N ({@link MetricScale}: every drift term and the noise covariance are proportional to 𝒜, and S
 * is the same function). The schemes integrate the M24 equation; the run layer applies the time
 * change ({@code dlmc.core.scheme.TimeChangedStepper}), and time-dependent theory is evaluated at
 * {@link #m24Time}.
 */
public final class DlnModel {
    private final int d;
    private final int depth;
    private final double beta;
    private final double kappa;
    private final boolean entropy;
    private final Energy energy;
    private final DlnInitial initial;
    private final MetricScale metricScale;

    /**
     * A model in the default normalisation {@link MetricScale#M24}.
     *
     * @throws IllegalArgumentException naming the offending value
     */
    public DlnModel(int d, int depth, double beta, double kappa, boolean entropy, Energy energy, DlnInitial initial) {
        this(d, depth, beta, kappa, entropy, energy, initial, MetricScale.DEFAULT);
    }

    /**
     * @param metricScale the normalisation of the metric operator (math-spec §2.1 note)
     * @throws IllegalArgumentException naming the offending value
     */
    public DlnModel(int d, int depth, double beta, double kappa, boolean entropy, Energy energy, DlnInitial initial,
            MetricScale metricScale) {
        if (metricScale == null) {
            throw new IllegalArgumentException("metricScale must not be null");
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, got " + d);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        if (!(beta > 0) || Double.isNaN(beta)) {
            throw new IllegalArgumentException("beta must be > 0, got " + beta);
        }
        if (!(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("kappa must be finite and >= 0, got " + kappa);
        }
        if (initial instanceof DlnInitial.Matrix m) {
            double[][] v = m.values();
            if (v.length != d) {
                throw new IllegalArgumentException("initial matrix has " + v.length + " rows, d = " + d);
            }
            for (double[] row : v) {
                if (row.length != d) {
                    throw new IllegalArgumentException("initial matrix row has " + row.length + " entries, d = " + d);
                }
                for (double x : row) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("initial matrix entry is not finite: " + x);
                    }
                }
            }
        }
        this.d = d;
        this.depth = depth;
        this.beta = beta;
        this.kappa = kappa;
        this.entropy = entropy;
        this.energy = energy;
        this.initial = initial;
        this.metricScale = metricScale;
    }

    /** @return the same model in the normalisation {@code scale} (this if it already is). */
    public DlnModel withMetricScale(MetricScale scale) {
        return scale == metricScale ? this : new DlnModel(d, depth, beta, kappa, entropy, energy, initial, scale);
    }

    /** @return the width d. */
    public int d() {
        return d;
    }

    /** @return the depth N. */
    public int depth() {
        return depth;
    }

    /** @return the inverse temperature β (may be +∞: no noise, no entropy). */
    public double beta() {
        return beta;
    }

    /** @return the anisotropy κ of the noise (0 = deterministic). */
    public double kappa() {
        return kappa;
    }

    /** @return whether the entropic drift (1/β) grad S is included (§3.4). */
    public boolean entropy() {
        return entropy;
    }

    public Energy energy() {
        return energy;
    }

    public DlnInitial initial() {
        return initial;
    }

    /** @return the normalisation of the metric operator: M24 (𝒜, default) or CMV (𝒜/N), math-spec §2.1. */
    public MetricScale metricScale() {
        return metricScale;
    }

    /**
     * @param t a time on this model's clock
     * @return the time at which the M24 process has the law of this model's process at t: t (M24) or
     *         t / N (CMV); {@link MetricScale#m24Time}
     */
    public double m24Time(double t) {
        return metricScale.m24Time(t, depth);
    }

    /**
     * Writes X(0) into {@code X} (d×d); only {@link DlnInitial.Ginibre} draws from the stream.
     *
     * @param X Modified.
     */
    public void initialMatrix(RandomStream stream, DMatrixRMaj X) {
        X.reshape(d, d);
        if (initial instanceof DlnInitial.Identity id) {
            X.zero();
            for (int i = 0; i < d; i++) {
                X.set(i, i, id.scale);
            }
        } else if (initial instanceof DlnInitial.Matrix m) {
            double[][] v = m.values();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    X.set(i, j, v[i][j]);
                }
            }
        } else if (initial instanceof DlnInitial.Ginibre g) {
            for (int i = 0; i < d * d; i++) {
                X.data[i] = g.scale * stream.gaussian();
            }
        }
    }

    @Override
    public String toString() {
        return "DlnModel[d=" + d + ", N=" + depth + ", beta=" + beta + ", kappa=" + kappa + ", entropy=" + entropy
                + ", energy=" + energy + ", metricScale=" + metricScale.key() + "]";
    }
}
