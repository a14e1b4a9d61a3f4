package dlmc.core.scheme;

import dlmc.core.dln.Kernel;
import dlmc.core.energy.Energy;
import dlmc.core.linalg.JacobiSvd;
import dlmc.core.linalg.SmallProducts;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/** The stepper of {@link SvdFrameScheme}. Allocates nothing in {@link #advanceTo}. Not thread-safe. */
final class SvdFrameStepper implements DlnStepper {
    /** reset: σ_i ≤ this·σ_1 counts as zero. */
    static final double RANK_TOLERANCE = 1e-14;

    private final int d;
    private final int depth;
    private final double dt;
    private final double beta;
    private final double kappa;
    private final boolean entropy;
    private final Energy energy;
    private final int reorthonormaliseEvery;
    private final LayerValueStep layerStep;
    private final boolean tamed;
    private final Svd svd;
    private final JacobiSvd jacobi;
    /** The left frame; swapped with {@link #Unew} after a step without re-order. */
    private DMatrixRMaj U;
    private final DMatrixRMaj V;
    private final DMatrixRMaj X;
    private final DMatrixRMaj L;
    private final DMatrixRMaj sqrtL;
    private final double[] powN1;
    private final DMatrixRMaj grad;
    private final DMatrixRMaj GE;
    private final DMatrixRMaj tmp;
    /** diag(s) (off-diagonal entries stay 0). */
    private final DMatrixRMaj diagS;
    private final boolean spectral;
    private DMatrixRMaj Unew;
    private final double[] lambda;
    private final double[] s;
    private final double[] diagGE;
    private final double[] dB;
    private final int[] perm;
    private final boolean[] flipped;
    private double t;
    private long steps;
    private long sinceOrthonormalised;

    SvdFrameStepper(DlnModel model, double dt, int reorthonormaliseEvery, LambdaStep lambdaStep) {
        this.d = model.d();
        this.depth = model.depth();
        this.dt = dt;
        this.beta = model.beta();
        this.kappa = model.kappa();
        this.entropy = model.entropy();
        this.energy = model.energy();
        this.reorthonormaliseEvery = reorthonormaliseEvery;
        this.layerStep = new LayerValueStep(d, depth, beta, kappa, entropy, lambdaStep);
        this.tamed = lambdaStep == LambdaStep.TAMED;
        this.svd = new Svd(d);
        this.jacobi = new JacobiSvd(d);
        this.U = new DMatrixRMaj(d, d);
        this.V = new DMatrixRMaj(d, d);
        this.X = new DMatrixRMaj(d, d);
        this.L = new DMatrixRMaj(d, d);
        this.sqrtL = new DMatrixRMaj(d, d);
        this.powN1 = new double[d];
        this.grad = new DMatrixRMaj(d, d);
        this.GE = new DMatrixRMaj(d, d);
        this.tmp = new DMatrixRMaj(d, d);
        this.diagS = new DMatrixRMaj(d, d);
        this.spectral = energy.isSpectral();
        this.Unew = new DMatrixRMaj(d, d);
        this.lambda = new double[d];
        this.s = new double[d];
        this.diagGE = new double[d];
        this.dB = new double[d * d];
        this.perm = new int[d];
        this.flipped = new boolean[d];
    }

    /**
     * SVD of X0 with the §6.4 sign normalisation. RANK_DEFICIENT if N ≥ 2, the entropy is on and
     * two singular values vanish (∂S/∂λ is undefined there); one vanishing value is fine (λ_d = 0
     * is the reflecting boundary). With {@link LambdaStep#TAMED} and the interaction on:
     * COLLISION if two layer values tie ({@link LayerValueStep#hasTie}; e.g. X0 = I), where the
     * explicit interaction drift is infinite.
     */
    @Override
    public Status reset(DMatrixRMaj X0, RandomStream stream) {
        t = 0;
        steps = 0;
        layerStep.resetCounts();
        sinceOrthonormalised = 0;
        if (!svd.decompose(X0, true)) {
            return Status.NON_FINITE;
        }
        svd.copyTo(U, s, V);
        Kernel.layerValues(s, depth, lambda);
        if (entropy && depth > 1 && d > 1 && !(s[d - 2] > RANK_TOLERANCE * s[0])) {
            return Status.RANK_DEFICIENT;
        }
        if (tamed && layerStep.interacting() && LayerValueStep.hasTie(lambda, d)) {
            return Status.COLLISION;
        }
        return Status.OK;
    }

    @Override
    public Status advanceTo(double tTo, RandomStream stream) {
        Steps.checkTarget(tTo, t);
        while (t < tTo) {
            final double h = Steps.next(t, tTo, dt);
            stream.gaussians(dB, 0, d * d);
            final double sq = Math.sqrt(h);
            for (int k = 0; k < d * d; k++) {
                dB[k] *= sq;
            }
            final Status status = stepWithIncrement(h, dB);
            if (!status.isOk()) {
                return status;
            }
            t = h == tTo - t ? tTo : t + h;
        }
        t = tTo;
        return Status.OK;
    }

    /**
     * One step of length h (§6.4 steps 1–7) driven by the given frame increments
     * dB_ij = sqrt(h) Z_ij (no draws; for nested-grid convergence tests). Does not advance the clock.
     * On failure the state is unchanged. For a spectral energy ({@link Energy#isSpectral}:
     * E(RXSᵀ) = E(X), hence ∇E(RYSᵀ) = R∇E(Y)Sᵀ for R, S ∈ O_d) G_E = Uᵀ∇E(U diag(s) Vᵀ)V is
     * ∇E(diag s), evaluated directly: no composition of X and no d×d products (equal up to
     * rounding).
     *
     * @param dB d×d row-major increments of d² independent standard Brownian motions. Not modified.
     */
    Status stepWithIncrement(double h, double[] dB) {
        // 1. L, G_E = Uᵀ ∇E(X) V; for a spectral energy ∇E(diag s) (see stepWithIncrement's comment).
        for (int i = 0; i < d; i++) {
            s[i] = KernelPowers.pow(lambda[i], depth);
        }
        if (spectral) {
            for (int i = 0; i < d; i++) {
                diagS.data[i * d + i] = s[i];
            }
            energy.gradient(diagS, GE);
        } else {
            compose(U, s, V, X);
            energy.gradient(X, grad);
            SmallProducts.multTransA(U.data, grad.data, tmp.data, d);
            SmallProducts.mult(tmp.data, V.data, GE.data, d);
        }
        // For a spectral energy G_E is diagonal (∇E(D) = R∇E(D)R for every diagonal sign matrix R
        // when E(RDR) = E(D)): the off-diagonal drift −L_ij (G_E)_ij h is zero and L is not needed.
        KernelPowers.fill(lambda, depth, powN1, spectral ? null : L, sqrtL);
        // 2.–3. M = diag(s) + a, a off-diagonal, written column by column straight into the
        // Jacobi's column storage (m[j][i] = M_ij); SVD, signs normalised, S̃ discarded.
        final double noise = Math.sqrt(2 * kappa / beta);
        final double[][] m = jacobi.columns();
        final double[] sl = sqrtL.data;
        final double[] l = L.data;
        final double[] ge = GE.data;
        for (int j = 0; j < d; j++) {
            final double[] mj = m[j];
            for (int i = 0; i < d; i++) {
                final int k = i * d + j;
                mj[i] = spectral ? noise * sl[k] * dB[k] : noise * sl[k] * dB[k] - l[k] * ge[k] * h;
            }
            mj[j] = s[j];
            diagGE[j] = ge[j * d + j];
        }
        // M is diag(s) + O(√h): one-sided Jacobi from the identity needs few sweeps. Its
        // rotations are accumulated into a copy of V (decomposeColumns of A = M with the start
        // frame V: M Vᵀ = U_δ Σ (V V_δ)ᵀ), so jacobi.V() is V·V_δ with no product; U_δ and its
        // sign rule (U_δ)_ii ≥ 0 are as for the decomposition of M (§6.4 step 3).
        if (!jacobi.decomposeColumns(V, true)) {
            return Status.NON_FINITE;
        }
        // 4.–6. λ-update with the diagonal noises, reflection, re-order (λ is written only on OK).
        final Status status = layerStep.apply(lambda, diagGE, h, dB, 0, d + 1, perm, flipped);
        if (!status.isOk()) {
            return status;
        }
        // 5. negate column i of V_δ for reflected values (column i of V V_δ: the same);
        // 6.–7. U ← (U U_δ)P, V ← (V V_δ)P.
        final DMatrixRMaj VVd = jacobi.V();
        for (int i = 0; i < d; i++) {
            if (flipped[i]) {
                for (int r = 0; r < d; r++) {
                    VVd.unsafe_set(r, i, -VVd.unsafe_get(r, i));
                }
            }
        }
        // U, U_δ and V·V_δ are finite (U by induction, the others by decomposeColumns' contract),
        // so the new frame is finite too: no finiteness check here.
        SmallProducts.mult(U.data, jacobi.U().data, Unew.data, d);
        if (isIdentity(perm)) {
            // the common case (no re-order): U ← U·U_δ by swapping the buffers
            final DMatrixRMaj swap = U;
            U = Unew;
            Unew = swap;
            System.arraycopy(VVd.data, 0, V.data, 0, d * d);
        } else {
            for (int k = 0; k < d; k++) {
                final int from = perm[k];
                for (int r = 0; r < d; r++) {
                    U.unsafe_set(r, k, Unew.unsafe_get(r, from));
                    V.unsafe_set(r, k, VVd.unsafe_get(r, from));
                }
            }
        }
        steps++;
        if (++sinceOrthonormalised >= reorthonormaliseEvery) {
            orthonormalise(U);
            orthonormalise(V);
            sinceOrthonormalised = 0;
        }
        return Status.OK;
    }

    private boolean isIdentity(int[] p) {
        for (int k = 0; k < d; k++) {
            if (p[k] != k) {
                return false;
            }
        }
        return true;
    }

    /** out ← U diag(c) Vᵀ. */
    private void compose(DMatrixRMaj Ua, double[] c, DMatrixRMaj Va, DMatrixRMaj out) {
        for (int r = 0; r < d; r++) {
            for (int col = 0; col < d; col++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += Ua.unsafe_get(r, k) * c[k] * Va.unsafe_get(col, k);
                }
                out.unsafe_set(r, col, v);
            }
        }
    }

    /**
     * Q ← the Q factor of Q = QR with R_ii &gt; 0 (math-spec §0.3), by modified Gram–Schmidt on the
     * columns (which yields exactly that factor).
     */
    static void orthonormalise(DMatrixRMaj Q) {
        final int n = Q.numCols;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += Q.unsafe_get(r, j) * Q.unsafe_get(r, k);
                }
                for (int r = 0; r < n; r++) {
                    Q.unsafe_set(r, k, Q.unsafe_get(r, k) - dot * Q.unsafe_get(r, j));
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += Q.unsafe_get(r, k) * Q.unsafe_get(r, k);
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < n; r++) {
                Q.unsafe_set(r, k, Q.unsafe_get(r, k) / norm);
            }
        }
    }

    @Override
    public void state(DMatrixRMaj Xout, double[] sigma) {
        Xout.reshape(d, d);
        for (int i = 0; i < d; i++) {
            sigma[i] = KernelPowers.pow(lambda[i], depth);
        }
        compose(U, sigma, V, Xout);
    }

    /** @return λ (descending, ≥ 0). Do not modify. */
    double[] layerValues() {
        return lambda;
    }

    @Override
    public double orthogonalityResidual() {
        return Math.max(Svd.orthogonalityResidual(U), Svd.orthogonalityResidual(V));
    }

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

    @Override
    public long reorders() {
        return layerStep.reorders();
    }

    @Override
    public long reflections() {
        return layerStep.reflections();
    }
}
