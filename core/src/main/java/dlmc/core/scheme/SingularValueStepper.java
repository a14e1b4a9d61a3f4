package dlmc.core.scheme;

import dlmc.core.energy.Energy;
import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/** The stepper of {@link SingularValueScheme}. Allocates nothing in {@link #advanceTo}. Not thread-safe. */
final class SingularValueStepper implements DlnStepper {
    /** reset: σ_i ≤ this·σ_1 counts as zero. */
    static final double RANK_TOLERANCE = 1e-14;

    private final int d;
    private final int depth;
    private final double dt;
    private final boolean entropy;
    private final Energy energy;
    private final LayerValueStep step;
    private final Svd svd;
    private final double[] lambda;
    private final double[] sigma;
    private final double[] dEdSigma;
    private final double[] dW;
    private final int[] perm;
    private final boolean[] flipped;
    private final DMatrixRMaj Xd;
    private final DMatrixRMaj grad;
    private double t;
    private long steps;

    SingularValueStepper(DlnModel model, double dt) {
        this.d = model.d();
        this.depth = model.depth();
        this.dt = dt;
        this.entropy = model.entropy();
        this.energy = model.energy();
        this.step = new LayerValueStep(d, depth, model.beta(), model.kappa(), model.entropy());
        this.svd = new Svd(d);
        this.lambda = new double[d];
        this.sigma = new double[d];
        this.dEdSigma = new double[d];
        this.dW = new double[d];
        this.perm = new int[d];
        this.flipped = new boolean[d];
        this.Xd = new DMatrixRMaj(d, d);
        this.grad = new DMatrixRMaj(d, d);
    }

    /** Keeps only the singular values of X0; RANK_DEFICIENT if N ≥ 2, entropy on, and two of them vanish. */
    @Override
    public Status reset(DMatrixRMaj X0, RandomStream stream) {
        t = 0;
        steps = 0;
        step.resetCounts();
        if (!svd.decompose(X0)) {
            return Status.NON_FINITE;
        }
        System.arraycopy(svd.sigma(), 0, sigma, 0, d);
        for (int i = 0; i < d; i++) {
            lambda[i] = depth == 1 ? sigma[i] : Math.pow(sigma[i], 1.0 / depth);
        }
        if (entropy && depth > 1 && d > 1 && !(sigma[d - 2] > RANK_TOLERANCE * sigma[0])) {
            return Status.RANK_DEFICIENT;
        }
        return Status.OK;
    }

    @Override
    public Status advanceTo(double tTo, RandomStream stream) {
        Steps.checkTarget(tTo, t);
        while (t < tTo) {
            final double h = Steps.next(t, tTo, dt);
            stream.gaussians(dW, 0, d);
            final double s = Math.sqrt(h);
            for (int i = 0; i < d; i++) {
                dW[i] *= s;
            }
            final Status status = stepWithIncrement(h, dW);
            if (!status.isOk()) {
                return status;
            }
            t = h == tTo - t ? tTo : t + h;
        }
        t = tTo;
        return Status.OK;
    }

    /**
     * One step of length h driven by the given Brownian increments (no draws; for nested-grid
     * convergence tests). Does not advance the clock.
     *
     * @param dW the increments of the d standard Brownian motions W_i over the step. Not modified.
     */
    Status stepWithIncrement(double h, double[] dW) {
        Xd.zero();
        for (int i = 0; i < d; i++) {
            Xd.unsafe_set(i, i, depth == 1 ? lambda[i] : Math.pow(lambda[i], depth));
        }
        energy.gradient(Xd, grad);
        for (int i = 0; i < d; i++) {
            dEdSigma[i] = grad.unsafe_get(i, i);
        }
        final Status s = step.apply(lambda, dEdSigma, h, dW, 0, 1, perm, flipped);
        if (s.isOk()) {
            steps++;
        }
        return s;
    }

    /** X = diag(σ), σ = λ^N descending (singular vectors are not simulated). */
    @Override
    public void state(DMatrixRMaj X, double[] sigmaOut) {
        X.reshape(d, d);
        X.zero();
        for (int i = 0; i < d; i++) {
            final double v = depth == 1 ? lambda[i] : Math.pow(lambda[i], depth);
            sigmaOut[i] = v;
            X.unsafe_set(i, i, v);
        }
    }

    /** @return λ (descending, ≥ 0). Do not modify. */
    double[] layerValues() {
        return lambda;
    }

    @Override
    public double orthogonalityResidual() {
        return Double.NaN;
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
        return step.reorders();
    }

    @Override
    public long reflections() {
        return step.reflections();
    }
}
