package dlmc.core.scheme;

import dlmc.core.dln.Kernel;
import dlmc.core.energy.Energy;
import dlmc.core.linalg.JacobiSvd;
import dlmc.core.linalg.LaneJacobi;
import dlmc.core.linalg.SmallProducts;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The stepper of {@link SvdFrameScheme}. Allocates nothing in {@link #advanceTo}. Not thread-safe.
 *
 * <p>With a spectral energy ({@link Energy#isSpectral}) the matrices M = diag(s) + a of §6.4
 * step 3 depend only on the λ-path and the draws, not on the frames, so {@code advanceTo} takes
 * up to {@link LaneJacobi#LANES} steps at a time: it draws their increments, runs the λ-updates
 * (steps 1, 4–6) one after the other, decomposes the steps' M together ({@link LaneJacobi}: one
 * step per SIMD lane), then applies the rotations to the frames in order (step 7: U ← U·U_δ·P,
 * V ← V·V_δ·P). Each step's arithmetic is the same whether it is taken alone
 * ({@link #stepWithIncrement}) or in a batch, and with or without SIMD: the trajectories depend on
 * neither. A non-spectral energy needs the current frames for G_E, so its steps are taken one at
 * a time, with V_δ accumulated into a copy of V ({@link JacobiSvd#decomposeColumns}).
 */
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
    /** Spectral energies: the batched rotations (null otherwise). */
    private final LaneJacobi lanes;
    /** Per step of a batch: length, end time, λ before it, its λ-update's perm and flips. */
    private final double[] batchH;
    private final double[] batchEnd;
    private final double[][] batchLambda;
    private final int[][] batchPerm;
    private final boolean[][] batchFlipped;
    private final long[] batchReorders;
    private final long[] batchReflections;
    /** The right frame's buffer for V·V_δ (spectral path); swapped with V. */
    private DMatrixRMaj Vnew;
    /** The left frame; swapped with {@link #Unew} after a step without re-order. */
    private DMatrixRMaj U;
    private DMatrixRMaj V;
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
        this.lanes = spectral ? new LaneJacobi(d) : null;
        final int batch = spectral ? LaneJacobi.LANES : 1;
        this.dB = new double[batch * d * d];
        this.batchH = new double[batch];
        this.batchEnd = new double[batch];
        this.batchLambda = new double[batch][d];
        this.batchPerm = new int[batch][d];
        this.batchFlipped = new boolean[batch][d];
        this.batchReorders = new long[batch];
        this.batchReflections = new long[batch];
        this.Vnew = new DMatrixRMaj(d, d);
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
        final int dd = d * d;
        while (t < tTo) {
            // plan up to one batch of steps (one unless the energy is spectral), draw their increments
            int count = 0;
            double tk = t;
            while (count < batchH.length && tk < tTo) {
                final double h = Steps.next(tk, tTo, dt);
                tk = h == tTo - tk ? tTo : tk + h;
                batchH[count] = h;
                batchEnd[count] = tk;
                count++;
            }
            stream.gaussians(dB, 0, count * dd);
            for (int b = 0; b < count; b++) {
                final double sq = Math.sqrt(batchH[b]);
                for (int k = b * dd; k < (b + 1) * dd; k++) {
                    dB[k] *= sq;
                }
            }
            if (spectral) {
                final Status status = spectralSteps(count, dB);
                if (!status.isOk()) {
                    return status;
                }
            } else {
                final Status status = stepWithIncrement(batchH[0], dB);
                if (!status.isOk()) {
                    return status;
                }
                t = batchEnd[0];
            }
        }
        t = tTo;
        return Status.OK;
    }

    /**
     * Steps of lengths h[0], h[1], … (at most {@link LaneJacobi#LANES}, a spectral energy) as one
     * batch, driven by the increments dB[b·d² …] of step b (for tests of the batching: the same
     * bits as the steps taken one by one with {@link #stepWithIncrement}). Does not advance the
     * clock.
     */
    Status stepsWithIncrements(double[] h, double[] dB) {
        if (!spectral || h.length > batchH.length) {
            throw new IllegalArgumentException("batches are for spectral energies, at most " + batchH.length + " steps");
        }
        for (int b = 0; b < h.length; b++) {
            batchH[b] = h[b];
            batchEnd[b] = t;
        }
        return spectralSteps(h.length, dB);
    }

    /**
     * The steps of one batch with a spectral energy (class comment): steps b = 0 … count − 1 of
     * lengths {@code batchH[b]} ending at {@code batchEnd[b]}, driven by the increments
     * {@code dB[b·d² …]}. Advances the clock to the end of the last successful step; on failure
     * the state is that before the failed step, as if the steps had been taken one by one.
     */
    private Status spectralSteps(int count, double[] dB) {
        final int dd = d * d;
        final double noise = Math.sqrt(2 * kappa / beta);
        final double[] m = lanes.data();
        final double[] sl = sqrtL.data;
        final double[] ge = GE.data;
        int taken = count;
        Status failure = Status.OK;
        for (int b = 0; b < count; b++) {
            // 1. s, G_E = ∇E(diag s) (diagonal: the off-diagonal drift vanishes, L is not needed)
            System.arraycopy(lambda, 0, batchLambda[b], 0, d);
            batchReorders[b] = layerStep.reorders();
            batchReflections[b] = layerStep.reflections();
            for (int i = 0; i < d; i++) {
                s[i] = KernelPowers.pow(lambda[i], depth);
                diagS.data[i * d + i] = s[i];
            }
            energy.gradient(diagS, GE);
            KernelPowers.fill(lambda, depth, powN1, null, sqrtL);
            // 2.–3. M = diag(s) + a into lane b
            final int off = b * dd;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    final int k = i * d + j;
                    m[lanes.index(i, j) + b] = i == j ? s[i] : noise * sl[k] * dB[off + k];
                }
                diagGE[i] = ge[i * d + i];
            }
            // 4.–6. λ-update with the diagonal noises, reflection, re-order (λ written only on OK)
            final Status status = layerStep.apply(lambda, diagGE, batchH[b], dB, off, d + 1, batchPerm[b], batchFlipped[b]);
            if (!status.isOk()) {
                taken = b;
                failure = status;
                break;
            }
        }
        // 3. the rotations of all steps together (that of a failed λ-update too: a step alone
        // reports a failed SVD before its λ-update)
        lanes.decompose(Math.min(taken + 1, count));
        for (int b = 0; b <= taken && b < count; b++) {
            if (!lanes.finish(b, jacobi, true)) {
                // as the step alone: NON_FINITE with the state before it
                System.arraycopy(batchLambda[b], 0, lambda, 0, d);
                layerStep.restoreCounts(batchReorders[b], batchReflections[b]);
                return Status.NON_FINITE;
            }
            if (b == taken) {
                return failure;
            }
            // 5. negate column i of V_δ for reflected values; 6.–7. U ← (U U_δ)P, V ← (V V_δ)P
            final DMatrixRMaj Vd = jacobi.V();
            final boolean[] flipped = batchFlipped[b];
            for (int i = 0; i < d; i++) {
                if (flipped[i]) {
                    for (int r = 0; r < d; r++) {
                        Vd.unsafe_set(r, i, -Vd.unsafe_get(r, i));
                    }
                }
            }
            SmallProducts.mult(U.data, jacobi.U().data, Unew.data, d);
            SmallProducts.mult(V.data, Vd.data, Vnew.data, d);
            applyNewFrames(batchPerm[b]);
            t = batchEnd[b];
        }
        return Status.OK;
    }

    /** U ← Unew·P, V ← Vnew·P (P the permutation perm), by swapping the buffers when P = I. */
    private void applyNewFrames(int[] perm) {
        if (isIdentity(perm)) {
            final DMatrixRMaj su = U;
            U = Unew;
            Unew = su;
            final DMatrixRMaj sv = V;
            V = Vnew;
            Vnew = sv;
        } else {
            for (int k = 0; k < d; k++) {
                final int from = perm[k];
                for (int r = 0; r < d; r++) {
                    U.unsafe_set(r, k, Unew.unsafe_get(r, from));
                    V.unsafe_set(r, k, Vnew.unsafe_get(r, from));
                }
            }
        }
        steps++;
        if (++sinceOrthonormalised >= reorthonormaliseEvery) {
            orthonormalise(U);
            orthonormalise(V);
            sinceOrthonormalised = 0;
        }
    }

    /**
     * One step of length h (§6.4 steps 1–7) driven by the given frame increments
     * dB_ij = sqrt(h) Z_ij (no draws; for nested-grid convergence tests). Does not advance the clock.
     * On failure the state is unchanged. For a spectral energy ({@link Energy#isSpectral}:
     * E(RXSᵀ) = E(X), hence ∇E(RYSᵀ) = R∇E(Y)Sᵀ for R, S ∈ O_d) G_E = Uᵀ∇E(U diag(s) Vᵀ)V is
     * ∇E(diag s), evaluated directly (no composition of X, no products; equal up to rounding),
     * and the step is a batch of one of {@code advanceTo}'s (class comment): the same bits as
     * the step inside a batch.
     *
     * @param dB d×d row-major increments of d² independent standard Brownian motions. Not modified.
     */
    Status stepWithIncrement(double h, double[] dB) {
        if (spectral) {
            batchH[0] = h;
            batchEnd[0] = t;
            return spectralSteps(1, dB);
        }
        // 1. L, G_E = Uᵀ ∇E(X) V
        for (int i = 0; i < d; i++) {
            s[i] = KernelPowers.pow(lambda[i], depth);
        }
        compose(U, s, V, X);
        energy.gradient(X, grad);
        SmallProducts.multTransA(U.data, grad.data, tmp.data, d);
        SmallProducts.mult(tmp.data, V.data, GE.data, d);
        KernelPowers.fill(lambda, depth, powN1, L, sqrtL);
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
                mj[i] = noise * sl[k] * dB[k] - l[k] * ge[k] * h;
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
        System.arraycopy(VVd.data, 0, Vnew.data, 0, d * d);
        applyNewFrames(perm);
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
