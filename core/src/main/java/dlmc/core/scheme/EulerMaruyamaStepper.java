package dlmc.core.scheme;

import dlmc.core.model.DysonModel;
import dlmc.core.random.RandomStream;
import java.util.Arrays;

/**
 * The stepper of {@link EulerMaruyamaScheme}. Pending Brownian pieces (the second halves left by
 * bridge splits) live on a stack of (end time, increment) that grows by doubling only in the
 * rare event of more nested splits than ever before, so steady-state stepping allocates nothing.
 * Not thread-safe.
 */
final class EulerMaruyamaStepper implements DysonStepper {
    private static final int INITIAL_STACK = 64;

    private final DysonModel model;
    private final int n;
    private final double dtMax;
    private final double epsilon;
    private final double gapStepFactor;
    private final int maxHalvings;
    private final long maxStepsPerInterval;
    private final double sigma;
    private final double hFloor;
    private final ImplicitStep implicitStep;
    private final double[] lambda;
    private final double[] proposal;
    private final double[] drift;
    private final double[] dW;
    private final double[] first;
    private double[] stackIncrements;
    private double[] stackEnds;
    private int depth;
    private double t;
    private long steps;
    private long rejected;
    private long implicitSteps;

    EulerMaruyamaStepper(DysonModel model, double dtMax, double epsilon, int maxHalvings, long maxStepsPerInterval) {
        this.model = model;
        this.n = model.n();
        this.dtMax = dtMax;
        this.epsilon = epsilon;
        this.gapStepFactor = epsilon * epsilon * Math.min(1.0, model.beta() / 2) / model.interaction();
        this.maxHalvings = maxHalvings;
        this.maxStepsPerInterval = maxStepsPerInterval;
        this.sigma = Math.sqrt(model.noiseVariance());
        this.hFloor = EulerMaruyamaScheme.IMPLICIT_FLOOR_FRACTION * dtMax;
        this.implicitStep = new ImplicitStep(model);
        this.lambda = new double[n];
        this.proposal = new double[n];
        this.drift = new double[n];
        this.dW = new double[n];
        this.first = new double[n];
        this.stackIncrements = new double[INITIAL_STACK * n];
        this.stackEnds = new double[INITIAL_STACK];
    }

    @Override
    public void reset(double[] spectrum0) {
        System.arraycopy(spectrum0, 0, lambda, 0, n);
        t = 0;
        steps = 0;
        rejected = 0;
        implicitSteps = 0;
        depth = 0;
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
        long attempts = 0;
        while (t < tTo) {
            if (++attempts > maxStepsPerInterval) {
                return Status.STEP_LIMIT;
            }
            // Coincident eigenvalues (zero start) or a gap-adaptive step below the floor: implicit step.
            final boolean ordered = Chamber.strictlyAscending(lambda, n);
            double hAllowed = 0;
            if (ordered) {
                model.drift(lambda, drift);
                hAllowed = allowedStep();
            }
            final boolean implicit = !(hAllowed >= hFloor);
            final double hTarget = implicit ? hFloor : hAllowed;
            if (!(t + hTarget > t)) {
                // The step fell below the time resolution at t: step control cannot resolve it.
                return Status.COLLISION;
            }
            double tEnd;
            if (depth > 0) {
                depth--;
                tEnd = stackEnds[depth];
                System.arraycopy(stackIncrements, depth * n, dW, 0, n);
                if (tEnd - t > hTarget) {
                    tEnd = splitAt(t + hTarget, tEnd, stream);
                }
            } else {
                tEnd = tTo - t <= hTarget ? tTo : t + hTarget;
                stream.gaussians(dW, 0, n);
                final double s = Math.sqrt(tEnd - t);
                for (int i = 0; i < n; i++) {
                    dW[i] *= s;
                }
            }
            if (implicit) {
                final Status s = implicitStep.applyIncrement(lambda, tEnd - t, dW);
                if (!s.isOk()) {
                    return s;
                }
                t = tEnd;
                steps++;
                implicitSteps++;
                continue;
            }
            int halvings = 0;
            while (true) {
                final double h = tEnd - t;
                for (int i = 0; i < n; i++) {
                    proposal[i] = lambda[i] + drift[i] * h + sigma * dW[i];
                }
                if (!Chamber.allFinite(proposal, n)) {
                    return Status.NON_FINITE;
                }
                if (Chamber.strictlyAscending(proposal, n)) {
                    System.arraycopy(proposal, 0, lambda, 0, n);
                    t = tEnd;
                    steps++;
                    break;
                }
                rejected++;
                if (++halvings > maxHalvings) {
                    return Status.COLLISION;
                }
                if (++attempts > maxStepsPerInterval) {
                    return Status.STEP_LIMIT;
                }
                final double mid = t + 0.5 * h;
                if (!(mid > t && mid < tEnd)) {
                    return Status.COLLISION;
                }
                tEnd = splitAt(mid, tEnd, stream);
            }
        }
        return Status.OK;
    }

    /**
     * One explicit Euler–Maruyama step λ ← λ + b(λ) h + σ ΔW of length h driven by the given
     * Brownian increment (no draws, no step control, no implicit floor; for nested-grid
     * strong-order tests, which drive the fine and the coarse grid with one Brownian path). It is
     * the step {@link #advanceTo} takes wherever the adaptive rule allows h and the proposal
     * stays ordered. A proposal that leaves the chamber is not halved (there is no stream for the
     * bridge): it is counted in {@link #rejectedSteps}, the state is left unchanged and
     * {@link Status#COLLISION} is returned. Does not advance the clock; an accepted step counts
     * in {@link #steps}.
     *
     * @param h  the step, &gt; 0
     * @param dW the increments of the n standard Brownian motions over the step. Not modified.
     * @return OK, NON_FINITE (non-finite state or proposal) or COLLISION (unordered state or proposal)
     */
    Status stepWithIncrement(double h, double[] dW) {
        if (!Chamber.allFinite(lambda, n)) {
            return Status.NON_FINITE;
        }
        if (!Chamber.strictlyAscending(lambda, n)) {
            return Status.COLLISION;
        }
        model.drift(lambda, drift);
        for (int i = 0; i < n; i++) {
            proposal[i] = lambda[i] + drift[i] * h + sigma * dW[i];
        }
        if (!Chamber.allFinite(proposal, n)) {
            return Status.NON_FINITE;
        }
        if (!Chamber.strictlyAscending(proposal, n)) {
            rejected++;
            return Status.COLLISION;
        }
        System.arraycopy(proposal, 0, lambda, 0, n);
        steps++;
        return Status.OK;
    }

    /**
     * Δt_k of {@link EulerMaruyamaScheme} (without the save-time cap), from the current state and
     * {@link #drift}.
     */
    private double allowedStep() {
        double h = dtMax;
        if (n < 2) {
            return h;
        }
        final double g = Chamber.minGap(lambda, n);
        h = Math.min(h, gapStepFactor * g * g);
        for (int i = 1; i < n; i++) {
            final double db = Math.abs(drift[i] - drift[i - 1]);
            final double gi = lambda[i] - lambda[i - 1];
            if (epsilon * gi < h * db) {
                h = epsilon * gi / db;
            }
        }
        return h;
    }

    /**
     * Splits the current increment {@link #dW} over [t, tEnd] at {@code mid} by the Brownian
     * bridge: {@link #dW} becomes the increment over [t, mid], and the one over [mid, tEnd] is
     * pushed. @return mid
     */
    private double splitAt(double mid, double tEnd, RandomStream stream) {
        if (depth == stackEnds.length) {
            stackEnds = Arrays.copyOf(stackEnds, 2 * depth);
            stackIncrements = Arrays.copyOf(stackIncrements, 2 * depth * n);
        }
        BrownianBridge.split(dW, n, mid - t, tEnd - mid, stream, first, stackIncrements, depth * n);
        stackEnds[depth] = tEnd;
        depth++;
        System.arraycopy(first, 0, dW, 0, n);
        return mid;
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
        return rejected;
    }

    /** @return implicit steps taken (coincident start, step floor) since reset; included in {@link #steps}. */
    long implicitSteps() {
        return implicitSteps;
    }

    /** @return the current time (exactly the last save time reached). */
    double time() {
        return t;
    }
}
