package dlmc.core.scheme;

import dlmc.core.model.DysonModel;
import dlmc.core.random.RandomStream;

/**
 * One drift-implicit Euler step (math-spec §6.1-3; see {@link ImplicitScheme}) applied in place
 * to a spectrum: draws n Gaussians ξ, forms y = λ + σ sqrt(h) ξ and replaces λ by the solution
 * μ of μ − h b(μ) = y in the Weyl chamber. Works from any finite λ, including coincident
 * eigenvalues. Owns its workspaces; not thread-safe; no allocation.
 */
final class ImplicitStep {
    /** Ties in the starting point are broken at this fraction of the repulsion length sqrt(c h). */
    static final double TIE_SPREAD = 1e-3;

    private final int n;
    private final double sigma;
    private final double c;
    private final ImplicitStepSolver solver;
    private final double[] y;
    private final double[] mu;

    ImplicitStep(DysonModel model) {
        this.n = model.n();
        this.sigma = Math.sqrt(model.noiseVariance());
        this.c = model.interaction();
        this.solver = new ImplicitStepSolver(model);
        this.y = new double[n];
        this.mu = new double[n];
    }

    /**
     * @param lambda the state; replaced by the new state on OK, unchanged otherwise. Modified.
     * @param h      the step, &gt; 0
     * @return OK, NON_FINITE or SOLVER_FAILURE
     */
    Status apply(double[] lambda, double h, RandomStream stream) {
        stream.gaussians(y, 0, n);
        final double s = sigma * Math.sqrt(h);
        for (int i = 0; i < n; i++) {
            y[i] = lambda[i] + s * y[i];
        }
        return solveFromTarget(lambda, h);
    }

    /**
     * The same step driven by a given Brownian increment (no draws): y = λ + σ ΔW.
     *
     * @param lambda the state; replaced by the new state on OK, unchanged otherwise. Modified.
     * @param h      the step, &gt; 0
     * @param dW     the increment of the standard Brownian motion over the step, length n. Not modified.
     */
    Status applyIncrement(double[] lambda, double h, double[] dW) {
        for (int i = 0; i < n; i++) {
            y[i] = lambda[i] + sigma * dW[i];
        }
        return solveFromTarget(lambda, h);
    }

    private Status solveFromTarget(double[] lambda, double h) {
        if (!Chamber.allFinite(y, n)) {
            return Status.NON_FINITE;
        }
        ImplicitStepSolver.startingPoint(lambda, y, n, TIE_SPREAD * Math.sqrt(c * h), mu);
        final Status status = solver.solve(y, h, mu);
        if (status.isOk()) {
            System.arraycopy(mu, 0, lambda, 0, n);
        }
        return status;
    }

    /** @return the solver of the last step (iterations, residual). */
    ImplicitStepSolver solver() {
        return solver;
    }

    /** @return the target y of the last step. Not to be modified. */
    double[] lastTarget() {
        return y;
    }
}
