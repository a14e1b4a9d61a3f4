package dlmc.core.scheme;

import dlmc.core.model.DysonModel;
import dlmc.core.random.RandomStream;

/** The stepper of {@link ImplicitScheme}. Not thread-safe; no allocation after construction. */
final class ImplicitStepper implements DysonStepper {
    private final int n;
    private final double dt;
    private final ImplicitStep step;
    private final double[] lambda;
    private double t;
    private long steps;

    ImplicitStepper(DysonModel model, double dt) {
        this.n = model.n();
        this.dt = dt;
        this.step = new ImplicitStep(model);
        this.lambda = new double[n];
    }

    @Override
    public void reset(double[] spectrum0) {
        System.arraycopy(spectrum0, 0, lambda, 0, n);
        t = 0;
        steps = 0;
    }

    /** @throws IllegalArgumentException if {@code tTo} is not after the current time */
    @Override
    public Status advanceTo(double tTo, RandomStream stream) {
        if (!(tTo > t)) {
            throw new IllegalArgumentException("advanceTo(" + tTo + ") is not after the current time " + t);
        }
        if (!Chamber.allFinite(lambda, n)) {
            return Status.NON_FINITE;
        }
        final double t0 = t;
        final double span = tTo - t0;
        final long m = Math.max(1L, (long) Math.ceil(span / dt * (1 - 1e-12)));
        for (long k = 1; k <= m; k++) {
            final double tNext = k == m ? tTo : t0 + span * ((double) k / m);
            final Status s = step.apply(lambda, tNext - t, stream);
            if (!s.isOk()) {
                return s;
            }
            t = tNext;
            steps++;
        }
        return Status.OK;
    }

    /**
     * One drift-implicit step of length h driven by the given Brownian increment (no draws; for
     * nested-grid strong-order tests, which drive the fine and the coarse grid with one Brownian
     * path): the step {@link #advanceTo} takes, with σ ΔW in place of σ sqrt(h) ξ. On failure the
     * state is unchanged. Does not advance the clock; an accepted step counts in {@link #steps}.
     *
     * @param h  the step, &gt; 0
     * @param dW the increments of the n standard Brownian motions over the step. Not modified.
     * @return OK, NON_FINITE or SOLVER_FAILURE
     */
    Status stepWithIncrement(double h, double[] dW) {
        if (!Chamber.allFinite(lambda, n)) {
            return Status.NON_FINITE;
        }
        final Status s = step.applyIncrement(lambda, h, dW);
        if (s.isOk()) {
            steps++;
        }
        return s;
    }

    @Override
    public void spectrum(double[] out) {
        System.arraycopy(lambda, 0, out, 0, n);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long rejectedSteps() {
        return 0;
    }

    /** @return the current time (exactly the last save time reached). */
    double time() {
        return t;
    }

    /** @return the step, for tests of its optimality condition. */
    ImplicitStep step() {
        return step;
    }
}
