package dlmc.core.scheme;

import dlmc.core.dln.BalancedLift;
import dlmc.core.dln.RankDeficientException;
import dlmc.core.energy.Energy;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The gradient flow of all N layers in parameter space (math-spec §1.1), scheme name
 * {@code parameter-flow}:
 * <pre>  dW_p/dt = −∇_{W_p}(E∘φ) = −W_{&gt;p}ᵀ ∇E(X) W_{&lt;p}ᵀ,  p = 1..N,   X = φ(𝐖) = W_N ⋯ W_1,</pre>
 * W_{&gt;p} = W_N⋯W_{p+1}, W_{&lt;p} = W_{p−1}⋯W_1 (empty products = I), integrated by classical RK4
 * with a fixed step dt in (Mat_d)^N with its Frobenius metric (last step before a save time
 * shortened to hit it, {@link FixedStepGrid}). One stage costs O(N d³): prefix products W_{&lt;p}
 * and suffix products W_{&gt;p}, then one gradient of E. No SVD is needed to step.
 *
 * <h2>Start</h2>
 * {@link DlnStepper#reset} lifts X(0) to the balanced manifold with {@link BalancedLift} and
 * <b>identity</b> fibre coordinates Q_1 = … = Q_{N−1} = I, so W_p = U_p Λ V_pᵀ with W_1 = ΛVᵀ,
 * W_N = UΛ, W_p = Λ otherwise (math-spec §1.3). The choice does not matter for X(t): by ACH18
 * Thm 1 (math-spec §2.3) every balanced start over X(0) gives the same end-to-end trajectory, and
 * the O_d^{N−1} action commutes with the flow. The stream is not used. An X(0) with
 * σ_d/σ_1 ≤ {@link BalancedLift#RANK_TOLERANCE} gives {@link Status#RANK_DEFICIENT}, a non-finite
 * one {@link Status#NON_FINITE} ({@link DlnStepper#state} then reports X(0)).
 *
 * <h2>Invariants (observed, not enforced)</h2>
 * G_p = W_{p+1}ᵀW_{p+1} − W_pW_pᵀ is conserved by the exact flow from any start (math-spec §1.2),
 * by RK4 up to O(h⁴T) (§6.2, oracle O5). {@link DlnStepper#balanceResidual()} reports
 * {@link BalancedLift#maxBalancednessResidual}: ~1e-15 along a flow from a balanced start, it
 * drifts only by the integrator error. Balancedness is never re-projected.
 *
 * <h2>Which dynamics</h2>
 * The β = ∞ limit (no noise, no entropic drift): the model's β, κ and entropy switch are
 * <b>ignored</b>, so every {@link DlnModel} is supported. The stochastic and entropic flows are
 * integrated (downstairs) by other schemes; isotropic Euclidean noise on 𝐖 would leave the
 * balanced manifold (math-spec §6.6). The parameter-space vector field is polynomial, hence smooth
 * everywhere: rank deficiency of X along the flow is not a failure of this scheme and is not
 * checked after the start.
 *
 * <h2>Failures</h2>
 * {@link Status#NON_FINITE} when a stage or the new state has a NaN/∞ entry; the layers stay at the
 * last finite state (the start of the failed step). Later {@code advanceTo} calls return the same
 * status without stepping.
 *
 * <p>Contract ({@link #info()}): deterministic ODE, order 4 (strong = weak = 4). The state reported
 * by {@link DlnStepper#state} is X = φ(𝐖) and its singular values (one SVD per call);
 * {@link DlnStepper#orthogonalityResidual()} is NaN.
 *
 * <p>Immutable and thread-safe; steppers are not.
 */
public final class ParameterFlowScheme implements DlnScheme {
    /** Scheme name in experiment files ({@code scheme.type}). */
    public static final String NAME = "parameter-flow";

    private static final SchemeInfo INFO = new SchemeInfo(NAME, 4.0, 4.0, "ODE",
            "deterministic: classical RK4 with fixed step for the layer gradient flow dW_p/dt = "
                    + "-W_{>p}^T grad E(X) W_{<p}^T (math-spec 1.1, 6.2) from the balanced lift with identity Q's; "
                    + "the beta = infinity limit: beta, kappa and entropy are ignored; balancedness observed, not enforced");

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

    /**
     * One trajectory's layers and RK4 workspaces. {@link #advanceTo} allocates nothing. Indexing:
     * {@code W[p-1]} holds W_p. Not thread-safe.
     */
    static final class Stepper implements DlnStepper {
        private final int d;
        private final int depth;
        private final Energy energy;
        private final double dt;
        private final BalancedLift lift;
        private final Svd svd;
        /** Accepted layers. */
        private final DMatrixRMaj[] W;
        /** Stage layers (also the proposal before it is accepted). */
        private final DMatrixRMaj[] Y;
        /** ∇_{W_p} L at the current stage (the negative velocity). */
        private final DMatrixRMaj[] K;
        /** k1 + 2k2 + 2k3 + k4, per layer. */
        private final DMatrixRMaj[] sum;
        /** prefix[p-1] = W_{&lt;p} = W_{p−1}⋯W_1 of the stage layers. */
        private final DMatrixRMaj[] prefix;
        /** suffix[p-1] = W_{&gt;p} = W_N⋯W_{p+1} of the stage layers. */
        private final DMatrixRMaj[] suffix;
        private final DMatrixRMaj X;
        private final DMatrixRMaj G;
        private final DMatrixRMaj work;
        /** X(0) as given, reported by {@link #state} when the start was not admissible. */
        private final DMatrixRMaj X0;
        private boolean layersValid;
        private double t;
        private long steps;
        private Status status = Status.OK;

        Stepper(int d, int N, Energy energy, double dt) {
            this.d = d;
            this.depth = N;
            this.energy = energy;
            this.dt = dt;
            this.lift = new BalancedLift(d, N);
            this.svd = new Svd(d);
            this.W = matrices(N, d);
            this.Y = matrices(N, d);
            this.K = matrices(N, d);
            this.sum = matrices(N, d);
            this.prefix = matrices(N, d);
            this.suffix = matrices(N, d);
            this.X = new DMatrixRMaj(d, d);
            this.G = new DMatrixRMaj(d, d);
            this.work = new DMatrixRMaj(d, d);
            this.X0 = new DMatrixRMaj(d, d);
        }

        private static DMatrixRMaj[] matrices(int n, int d) {
            final DMatrixRMaj[] a = new DMatrixRMaj[n];
            for (int i = 0; i < n; i++) {
                a[i] = new DMatrixRMaj(d, d);
            }
            return a;
        }

        /**
         * Balanced lift of X0 with identity Q's (class comment).
         *
         * @param X0in   X(0), d×d. Not modified (copied).
         * @param stream not used
         * @throws IllegalArgumentException if X0in is not d×d
         */
        @Override
        public Status reset(DMatrixRMaj X0in, RandomStream stream) {
            if (X0in.numRows != d || X0in.numCols != d) {
                throw new IllegalArgumentException("expected a " + d + "x" + d + " initial matrix, got " + X0in.numRows
                        + "x" + X0in.numCols);
            }
            X0.setTo(X0in);
            t = 0;
            steps = 0;
            layersValid = false;
            if (!allFinite(X0)) {
                status = Status.NON_FINITE;
                return status;
            }
            try {
                lift.lift(X0, W);
            } catch (RankDeficientException e) {
                status = Status.RANK_DEFICIENT;
                return status;
            }
            layersValid = true;
            status = Status.OK;
            return status;
        }

        /**
         * Starts from arbitrary layers, balanced or not (oracle O5: G_p is conserved from any start).
         *
         * @param W0 N d×d matrices W_1..W_N. Not modified (copied).
         * @return OK, or NON_FINITE if an entry is not finite
         * @throws IllegalArgumentException on a shape mismatch
         */
        Status resetLayers(DMatrixRMaj[] W0) {
            if (W0.length != depth) {
                throw new IllegalArgumentException("expected N = " + depth + " layers, got " + W0.length);
            }
            for (int p = 0; p < depth; p++) {
                if (W0[p].numRows != d || W0[p].numCols != d) {
                    throw new IllegalArgumentException("layer W_" + (p + 1) + " must be " + d + "x" + d);
                }
                W[p].setTo(W0[p]);
            }
            lift.product(W, X0);
            t = 0;
            steps = 0;
            layersValid = true;
            status = allLayersFinite(W) ? Status.OK : Status.NON_FINITE;
            return status;
        }

        /**
         * Copies the current layers.
         *
         * @param out N d×d matrices. Modified.
         */
        void layers(DMatrixRMaj[] out) {
            for (int p = 0; p < depth; p++) {
                out[p].setTo(W[p]);
            }
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

        /** One classical RK4 step; the stages hold K = ∇_𝐖 L, so the weights carry the minus. */
        private Status step(double h) {
            gradient(W);
            copy(K, sum);
            // k2 at W − h/2 k1
            combine(W, -0.5 * h, K, Y);
            if (!allLayersFinite(Y)) {
                return Status.NON_FINITE;
            }
            gradient(Y);
            addScaled(sum, 2.0, K);
            // k3 at W − h/2 k2
            combine(W, -0.5 * h, K, Y);
            if (!allLayersFinite(Y)) {
                return Status.NON_FINITE;
            }
            gradient(Y);
            addScaled(sum, 2.0, K);
            // k4 at W − h k3
            combine(W, -h, K, Y);
            if (!allLayersFinite(Y)) {
                return Status.NON_FINITE;
            }
            gradient(Y);
            addScaled(sum, 1.0, K);
            combine(W, -h / 6.0, sum, Y);
            if (!allLayersFinite(Y)) {
                return Status.NON_FINITE;
            }
            copy(Y, W);
            steps++;
            return Status.OK;
        }

        /**
         * K_p ← W_{&gt;p}ᵀ ∇E(φ(V)) W_{&lt;p}ᵀ for the layers V (math-spec §1.1). Non-finite
         * gradients propagate into K and are caught at the next stage point.
         */
        private void gradient(DMatrixRMaj[] V) {
            CommonOps_DDRM.setIdentity(prefix[0]);
            for (int p = 1; p < depth; p++) {
                CommonOps_DDRM.mult(V[p - 1], prefix[p - 1], prefix[p]);
            }
            CommonOps_DDRM.mult(V[depth - 1], prefix[depth - 1], X);
            CommonOps_DDRM.setIdentity(suffix[depth - 1]);
            for (int p = depth - 1; p >= 1; p--) {
                CommonOps_DDRM.mult(suffix[p], V[p], suffix[p - 1]);
            }
            energy.gradient(X, G);
            for (int p = 0; p < depth; p++) {
                CommonOps_DDRM.multTransA(suffix[p], G, work);
                CommonOps_DDRM.multTransB(work, prefix[p], K[p]);
            }
        }

        private void combine(DMatrixRMaj[] A, double b, DMatrixRMaj[] B, DMatrixRMaj[] out) {
            for (int p = 0; p < depth; p++) {
                CommonOps_DDRM.add(1.0, A[p], b, B[p], out[p]);
            }
        }

        private void addScaled(DMatrixRMaj[] A, double b, DMatrixRMaj[] B) {
            for (int p = 0; p < depth; p++) {
                CommonOps_DDRM.addEquals(A[p], b, B[p]);
            }
        }

        private void copy(DMatrixRMaj[] from, DMatrixRMaj[] to) {
            for (int p = 0; p < depth; p++) {
                to[p].setTo(from[p]);
            }
        }

        private static boolean allLayersFinite(DMatrixRMaj[] A) {
            for (DMatrixRMaj a : A) {
                if (!allFinite(a)) {
                    return false;
                }
            }
            return true;
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

        /**
         * X ← φ(𝐖) = W_N⋯W_1 and σ ← its singular values, descending (one SVD). Before a
         * successful start: X(0) as given, σ of X(0) (NaN if it is not finite). Allocates nothing.
         */
        @Override
        public void state(DMatrixRMaj Xout, double[] sigmaOut) {
            if (layersValid) {
                lift.product(W, Xout);
            } else {
                Xout.setTo(X0);
            }
            if (svd.decompose(Xout)) {
                System.arraycopy(svd.sigma(), 0, sigmaOut, 0, d);
            } else {
                Arrays.fill(sigmaOut, 0, d, Double.NaN);
            }
        }

        /** @return NaN: no frame is carried. */
        @Override
        public double orthogonalityResidual() {
            return Double.NaN;
        }

        /**
         * @return {@link BalancedLift#maxBalancednessResidual} of the current layers (observed, not
         *         enforced; 0 for N = 1); NaN before a successful start
         */
        @Override
        public double balanceResidual() {
            return layersValid ? BalancedLift.maxBalancednessResidual(W) : Double.NaN;
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
