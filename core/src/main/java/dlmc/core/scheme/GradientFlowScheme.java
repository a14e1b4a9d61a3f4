package dlmc.core.scheme;

import dlmc.core.dln.BalancedLift;
import dlmc.core.dln.MetricOperator;
import dlmc.core.energy.Energy;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The end-to-end Riemannian gradient flow of the deep linear network (math-spec §2.3), scheme
 * name {@code gradient-flow}:
 * <pre>  dX/dt = −grad_{g^N} E(X) = −𝒜_{N,X}(∇E(X)),   𝒜_{N,X}(P) = U (L ∘ UᵀPV) Vᵀ,</pre>
 * integrated by the classical fourth-order Runge–Kutta method with a fixed step dt (the last step
 * before a save time shortened to hit it exactly, {@link FixedStepGrid}). 𝒜 is applied in the SVD
 * basis of each stage point ({@link MetricOperator}, normalisation {@link dlmc.core.dln.MetricScale#M24},
 * factor 1): four SVDs per step, cost O(d³ + d²N) per stage (math-spec §8).
 *
 * <h2>Which dynamics</h2>
 * This is the β = ∞ limit of the DLN Riemannian Langevin equation (math-spec §3.4, §8 "Limits":
 * 1/β = 0 ⇒ plain gradient flow): the model's β, κ and entropy switch are <b>ignored</b> (no
 * noise, no Brownian drift, no entropic drift), so every {@link DlnModel} is supported. The
 * stochastic and entropic flows (κ &gt; 0 or finite β) are integrated by other schemes. The same
 * trajectory X(t) is produced, from a balanced start, by the parameter-space flow
 * {@link ParameterFlowScheme} (math-spec §2.3, ACH18 Thm 1; oracle O6).
 *
 * <h2>Step size and stability</h2>
 * RK4 is explicit: stability needs roughly h ≲ 0.5 / (max_ij L_ij · ‖∇²E‖) (math-spec §6.2;
 * ‖∇²E‖ = 1 for ½‖X − Φ‖²). The step is not adapted; an unstable step shows up as NON_FINITE, or as
 * DIVERGED at a save time ({@code DlnSimulator.DIVERGENCE_FACTOR}).
 *
 * <h2>Failures (statuses, never exceptions)</h2>
 * <ul>
 *   <li>{@link Status#NON_FINITE}: a stage point or the new state has a NaN/∞ entry (or its SVD
 *       fails). The state stays at the last finite point, at the time of the failed step's start.</li>
 *   <li>{@link Status#RANK_DEFICIENT} (N ≥ 2 only): σ_d/σ_1 of an accepted state is at most
 *       {@link #RANK_TOLERANCE}. The state is that accepted point. For N = 1, 𝒜 = id and the
 *       flow is smooth through det X = 0, so no rank check is made.</li>
 * </ul>
 * After a failure, {@link DlnStepper#advanceTo} returns the same status without stepping.
 *
 * <p>Contract ({@link #info()}): deterministic ODE, order 4 (strong = weak = 4: there is no noise,
 * so the pathwise and the "in law" errors are the same error); the stream is never used.
 * {@link DlnStepper#orthogonalityResidual()} and {@link DlnStepper#balanceResidual()} are NaN (no
 * carried frame, no layers).
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class GradientFlowScheme implements DlnScheme {
    /** Scheme name in experiment files ({@code scheme.type}). */
    public static final String NAME = "gradient-flow";

    /**
     * An accepted state with σ_d/σ_1 ≤ RANK_TOLERANCE is reported {@link Status#RANK_DEFICIENT}
     * (N ≥ 2). Same value and reason as {@link BalancedLift#RANK_TOLERANCE}: below ~1e-12 a
     * backward-stable SVD gives σ_d no reliable digit (absolute error ≈ d·ε_mach·σ_1), λ_d =
     * σ_d^{1/N} is amplified noise, and 𝒜_{N,X} (Hölder, not smooth, at rank deficiency) no longer
     * supports the fourth-order error expansion.
     */
    public static final double RANK_TOLERANCE = BalancedLift.RANK_TOLERANCE;

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 4.0, 4.0, "ODE",
            "deterministic: classical RK4 with fixed step for dX/dt = -A_{N,X}(grad E(X)) (math-spec 2.3, 6.2), "
                    + "A in the SVD basis; the beta = infinity limit: beta, kappa and entropy are ignored; "
                    + "rank_deficient when sigma_d/sigma_1 <= 1e-12 (N >= 2)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    /**
     * @return null for every model with an energy (β, κ and the entropy switch are ignored: this is
     *         the β = ∞ limit), else the reason
     */
    @Override
    public String unsupportedReason(DlnModel model) {
        return model.energy() == null ? "scheme " + NAME + " needs model.energy (got none)" : null;
    }

    /**
     * @param dt the RK4 step, finite and &gt; 0
     * @throws IllegalArgumentException if dt is not finite and positive or the model is unsupported,
     *                                  or the model is not in the M24 normalisation (run a CMV model
     *                                  through {@link TimeChangedStepper#of})
     */
    @Override
    public DlnStepper newStepper(DlnModel model, double dt) {
        Steps.requireM24(model);
        final String reason = unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new Stepper(model.d(), model.depth(), model.energy(), FixedStepGrid.checkStep(dt));
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** One trajectory's state and RK4 workspaces. {@link #advanceTo} allocates nothing. Not thread-safe. */
    static final class Stepper implements DlnStepper {
        private final int d;
        private final int depth;
        private final Energy energy;
        private final double dt;
        private final MetricOperator metric;
        /** Accepted state. */
        private final DMatrixRMaj X;
        /** Singular values of X, descending. */
        private final double[] sigma;
        /** Stage point (also the proposal X_{k+1} before it is accepted). */
        private final DMatrixRMaj Y;
        /** ∇E at the stage point. */
        private final DMatrixRMaj G;
        /** 𝒜(∇E) at the current stage (the negative velocity). */
        private final DMatrixRMaj K;
        /** k1 + 2k2 + 2k3 + k4. */
        private final DMatrixRMaj sum;
        private double t;
        private long steps;
        private Status status = Status.OK;
        /** True iff {@link #metric} holds the point X (so k1 needs no new SVD). */
        private boolean metricAtX;

        Stepper(int d, int N, Energy energy, double dt) {
            this.d = d;
            this.depth = N;
            this.energy = energy;
            this.dt = dt;
            this.metric = new MetricOperator(d, N);
            this.X = new DMatrixRMaj(d, d);
            this.sigma = new double[d];
            this.Y = new DMatrixRMaj(d, d);
            this.G = new DMatrixRMaj(d, d);
            this.K = new DMatrixRMaj(d, d);
            this.sum = new DMatrixRMaj(d, d);
        }

        /**
         * @param X0     d×d. Not modified.
         * @param stream not used
         * @throws IllegalArgumentException if X0 is not d×d
         */
        @Override
        public Status reset(DMatrixRMaj X0, RandomStream stream) {
            if (X0.numRows != d || X0.numCols != d) {
                throw new IllegalArgumentException("expected a " + d + "x" + d + " initial matrix, got " + X0.numRows
                        + "x" + X0.numCols);
            }
            X.setTo(X0);
            t = 0;
            steps = 0;
            status = acceptCurrent(false);
            return status;
        }

        /**
         * SVD of X into the metric operator and σ; the status of X as a state.
         *
         * @param near X is the next point of this trajectory (warm-started SVD, {@link MetricOperator#setPointNear});
         *             false at the start, so that a path does not depend on the trajectory before it
         */
        private Status acceptCurrent(boolean near) {
            metricAtX = near ? metric.setPointNear(X) : metric.setPoint(X);
            if (!metricAtX) {
                Arrays.fill(sigma, Double.NaN);
                return Status.NON_FINITE;
            }
            System.arraycopy(metric.sigma(), 0, sigma, 0, d);
            if (depth >= 2 && !(sigma[d - 1] > RANK_TOLERANCE * sigma[0])) {
                return Status.RANK_DEFICIENT;
            }
            return Status.OK;
        }

        /**
         * @param stream not used
         * @throws IllegalArgumentException if tTo is not after the current time
         */
        @Override
        public Status advanceTo(double tTo, RandomStream stream) {
            if (!status.isOk()) {
                return status;
            }
            FixedStepGrid.checkTarget(t, tTo);
            while (t < tTo) {
                final double h = FixedStepGrid.nextStep(t, tTo, dt);
                status = step(h);
                if (!status.isOk()) {
                    return status;
                }
                t = h == tTo - t ? tTo : t + h;
            }
            return status;
        }

        /**
         * One classical RK4 step of length h for dX/dt = −𝒜_{N,X}(∇E(X)). The stages hold
         * k_i = 𝒜(∇E) (the velocity with its sign removed), so the weights below carry the minus.
         */
        private Status step(double h) {
            // k1 at X (the metric already holds X after the previous accepted step)
            if (!metricAtX && !metric.setPointNear(X)) {
                return Status.NON_FINITE;
            }
            metricAtX = false;
            rate(X);
            sum.setTo(K);
            // k2 at X − h/2 k1
            CommonOps_DDRM.add(1.0, X, -0.5 * h, K, Y);
            if (!stage()) {
                return Status.NON_FINITE;
            }
            CommonOps_DDRM.addEquals(sum, 2.0, K);
            // k3 at X − h/2 k2
            CommonOps_DDRM.add(1.0, X, -0.5 * h, K, Y);
            if (!stage()) {
                return Status.NON_FINITE;
            }
            CommonOps_DDRM.addEquals(sum, 2.0, K);
            // k4 at X − h k3
            CommonOps_DDRM.add(1.0, X, -h, K, Y);
            if (!stage()) {
                return Status.NON_FINITE;
            }
            CommonOps_DDRM.addEquals(sum, K);
            // proposal X − h/6 (k1 + 2k2 + 2k3 + k4), accepted only if finite
            CommonOps_DDRM.add(1.0, X, -h / 6.0, sum, Y);
            if (!allFinite(Y)) {
                return Status.NON_FINITE;
            }
            X.setTo(Y);
            steps++;
            return acceptCurrent(true);
        }

        /** K ← 𝒜_{N,Y}(∇E(Y)) at the stage point Y; false if Y is not finite. */
        private boolean stage() {
            if (!metric.setPointNear(Y)) {
                return false;
            }
            rate(Y);
            return true;
        }

        /** K ← 𝒜(∇E(P)) with the metric operator already at P. */
        private void rate(DMatrixRMaj P) {
            energy.gradient(P, G);
            metric.apply(G, K);
        }

        private static boolean allFinite(DMatrixRMaj A) {
            final int n = A.getNumElements();
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(A.data[k])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void state(DMatrixRMaj Xout, double[] sigmaOut) {
            Xout.setTo(X);
            System.arraycopy(sigma, 0, sigmaOut, 0, d);
        }

        /** @return NaN: no frame is carried (the SVD is recomputed at every stage). */
        @Override
        public double orthogonalityResidual() {
            return Double.NaN;
        }

        /** @return NaN: no layers are carried. */
        @Override
        public double balanceResidual() {
            return Double.NaN;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public long rejectedSteps() {
            return 0;
        }

        /** @return the current time (the last save time reached, or the start of a failed step). */
        double time() {
            return t;
        }
    }
}
