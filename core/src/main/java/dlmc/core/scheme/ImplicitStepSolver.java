package dlmc.core.scheme;

import dlmc.core.model.DysonModel;

/**
 * Solves the drift-implicit Euler equation of math-spec §6.1-3 for a {@link DysonModel}:
 * <pre>  μ = argmin_{μ_1 &lt; ... &lt; μ_n} F(μ),
 *   F(μ) = ½‖μ − y‖² − h c Φ(μ) + h θ/2 ‖μ‖²,   Φ(μ) = Σ_{i&lt;j} log(μ_j − μ_i),</pre>
 * i.e. the unique root in the Weyl chamber of the residual (= ∇F)
 * <pre>  r(μ) = μ − y − h b(μ),   b = model drift = c ∇Φ − θ μ.</pre>
 * F is strictly convex on the open chamber (−Φ is convex, the rest is a positive quadratic) and
 * tends to +∞ at its boundary and at infinity, so the minimiser exists, is unique and strictly
 * ordered, for every y ∈ ℝⁿ (sorted or not) and every h &gt; 0.
 *
 * <p>Algorithm: Newton's method on r with Hessian ∇²F = (1 + hθ) I + h c K, K the graph
 * Laplacian K_ij = −1/(μ_i − μ_j)², K_ii = Σ_{j≠i} 1/(μ_i − μ_j)² (so ∇²F is SPD: K ⪰ 0). The
 * Newton system is solved in centre-of-mass and gap coordinates (see {@code newtonDirection}:
 * K's null vector 1 makes a direct Cholesky of ∇²F fail for tiny gaps) by an in-place Cholesky
 * factorisation on a reused {@code double[n*n]}; backtracking halves the step
 * until the trial point is strictly ordered (stays in the chamber) and satisfies the Armijo
 * condition on F, except in the region of quadratic convergence (see
 * {@link #FULL_STEP_DECREMENT_SQUARED}), where the F differences drop below the round-off of F.
 * Converged when the normalised residual
 * <pre>  ‖r(μ)‖_∞ / (‖μ‖_∞ + ‖y‖_∞ + h ‖b(μ)‖_∞)</pre>
 * (the relative size of r against the terms it is computed from; ~1e-16·n is machine precision)
 * is at most {@link #RESIDUAL_TOLERANCE}.
 *
 * <p>Cost O(n³/6) per Newton iteration; no allocation after construction. Not thread-safe.
 */
final class ImplicitStepSolver {
    /** Normalised residual at which Newton stops (≈ 1e4 ε_mach: well above round-off for n ≲ 1000). */
    static final double RESIDUAL_TOLERANCE = 1e-12;
    /** Newton iterations before {@link Status#SOLVER_FAILURE}. */
    static final int MAX_ITERATIONS = 200;
    /** Step halvings in one line search before {@link Status#SOLVER_FAILURE}. */
    static final int MAX_BACKTRACKS = 60;
    /**
     * Squared Newton decrement of F/(hc) below which the full Newton step is taken untested.
     * F/(hc) is self-concordant (a convex quadratic plus a log barrier of linear functions), so for
     * decrement λ ≤ 1/4 the full step stays in the chamber and converges quadratically
     * (Nesterov–Nemirovski; Boyd–Vandenberghe §9.6).
     */
    static final double FULL_STEP_DECREMENT_SQUARED = 1.0 / 16;
    /** Armijo sufficient-decrease constant. */
    private static final double ARMIJO = 1e-4;
    /** Round-off allowance on F in the Armijo test, relative to Σ|terms of F|. */
    private static final double F_ROUNDOFF = 64 * Math.ulp(1.0);

    private final DysonModel model;
    private final int n;
    private final double c;
    private final double theta;
    private final double[] hessian;
    private final double[] residual;
    private final double[] direction;
    private final double[] trial;
    private final double[] drift;
    private final double[] tail;
    private int iterations;
    private double normalisedResidual = Double.NaN;

    ImplicitStepSolver(DysonModel model) {
        this.model = model;
        this.n = model.n();
        this.c = model.interaction();
        this.theta = model.confinement();
        this.hessian = new double[n * n];
        this.residual = new double[n];
        this.direction = new double[n];
        this.trial = new double[n];
        this.drift = new double[n];
        this.tail = new double[n];
    }

    /**
     * @param y  the explicit target λ^k + σ sqrt(h) ξ, length n, finite. Not modified.
     * @param h  the step, &gt; 0
     * @param mu in: a strictly ascending starting point; out: the solution if {@link Status#OK},
     *           else the last iterate (strictly ascending). Modified.
     * @return OK, or SOLVER_FAILURE (no convergence), or NON_FINITE (non-finite y or iterate)
     */
    Status solve(double[] y, double h, double[] mu) {
        iterations = 0;
        normalisedResidual = Double.NaN;
        if (!Chamber.allFinite(y, n) || !Chamber.allFinite(mu, n) || !(h > 0) || Double.isInfinite(h)) {
            return Status.NON_FINITE;
        }
        if (!Chamber.strictlyAscending(mu, n)) {
            return Status.SOLVER_FAILURE;
        }
        double f = objective(y, h, mu);
        double fAbs = lastAbs;
        while (true) {
            normalisedResidual = residual(y, h, mu);
            if (!Double.isFinite(normalisedResidual)) {
                return Status.NON_FINITE;
            }
            if (normalisedResidual <= RESIDUAL_TOLERANCE) {
                return Status.OK;
            }
            if (iterations >= MAX_ITERATIONS) {
                return Status.SOLVER_FAILURE;
            }
            iterations++;
            newtonDirection(h, mu);
            if (!Chamber.allFinite(direction, n)) {
                return Status.SOLVER_FAILURE;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                slope += residual[i] * direction[i];
            }
            // Inside the region of quadratic convergence the full step is taken without testing F:
            // there F differences are below the round-off of F (log of gaps computed to ulp(gap)).
            final boolean quadraticRegion = -slope <= FULL_STEP_DECREMENT_SQUARED * h * c;
            double alpha = 1;
            int backtracks = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    trial[i] = mu[i] + alpha * direction[i];
                }
                if (Chamber.strictlyAscending(trial, n)) {
                    double fTrial = objective(y, h, trial);
                    if (quadraticRegion
                            || fTrial <= f + ARMIJO * alpha * slope + F_ROUNDOFF * (fAbs + lastAbs)) {
                        f = fTrial;
                        fAbs = lastAbs;
                        break;
                    }
                }
                if (++backtracks > MAX_BACKTRACKS) {
                    return Status.SOLVER_FAILURE;
                }
                alpha *= 0.5;
            }
            System.arraycopy(trial, 0, mu, 0, n);
        }
    }

    /**
     * The Newton starting point: {@code lambda} itself if it is strictly ascending (it is then
     * inside the chamber and O(sqrt h) from the solution); otherwise (coincident eigenvalues, e.g.
     * the zero start, where Φ(λ) = −∞) the sorted target y with ties spread apart so that each
     * entry exceeds its predecessor by at least {@code spread}. Any strictly ordered point is a
     * valid start because the minimiser does not depend on it (strict convexity).
     *
     * @param lambda current state, length n. Not modified.
     * @param y      target, length n. Not modified.
     * @param spread minimum separation used to break ties, &gt; 0
     * @param mu     the starting point. Modified.
     */
    static void startingPoint(double[] lambda, double[] y, int n, double spread, double[] mu) {
        if (Chamber.strictlyAscending(lambda, n)) {
            System.arraycopy(lambda, 0, mu, 0, n);
            return;
        }
        System.arraycopy(y, 0, mu, 0, n);
        java.util.Arrays.sort(mu, 0, n);
        for (int i = 1; i < n; i++) {
            final double floor = mu[i - 1] + Math.max(spread, 4 * Math.ulp(mu[i - 1]));
            if (mu[i] < floor) {
                mu[i] = floor;
            }
        }
    }

    /** @return Newton iterations of the last {@link #solve}. */
    int iterations() {
        return iterations;
    }

    /** @return the normalised residual at the end of the last {@link #solve} (see class comment). */
    double normalisedResidual() {
        return normalisedResidual;
    }

    /** Σ |terms| of the last objective evaluation, for the round-off allowance. */
    private double lastAbs;

    /** F(μ) for strictly ascending μ; also sets {@link #lastAbs}. */
    private double objective(double[] y, double h, double[] mu) {
        double quad = 0;
        double conf = 0;
        for (int i = 0; i < n; i++) {
            final double d = mu[i] - y[i];
            quad += d * d;
            conf += mu[i] * mu[i];
        }
        double logs = 0;
        double logsAbs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                final double l = Math.log(mu[j] - mu[i]);
                logs += l;
                logsAbs += Math.abs(l);
            }
        }
        final double a = 0.5 * quad;
        final double b = 0.5 * h * theta * conf;
        final double l = h * c * logs;
        lastAbs = a + b + h * c * logsAbs;
        return a + b - l;
    }

    /** Fills {@link #residual} with r(μ) and returns its normalised size. */
    private double residual(double[] y, double h, double[] mu) {
        model.drift(mu, drift);
        double rMax = 0;
        double scale = Double.MIN_NORMAL;
        double muMax = 0;
        double yMax = 0;
        double bMax = 0;
        for (int i = 0; i < n; i++) {
            final double r = mu[i] - y[i] - h * drift[i];
            residual[i] = r;
            rMax = Math.max(rMax, Math.abs(r));
            muMax = Math.max(muMax, Math.abs(mu[i]));
            yMax = Math.max(yMax, Math.abs(y[i]));
            bMax = Math.max(bMax, Math.abs(drift[i]));
        }
        scale += muMax + yMax + h * bMax;
        return rMax / scale;
    }

    /**
     * direction := −H⁻¹ r, H = a I + h c K, a = 1 + hθ, solved in centre-of-mass and gap
     * coordinates. Since K 1 = 0, the mean of p is −mean(r)/a. The mean-free part is determined
     * by its consecutive differences δ = D p (D the (n−1)×n difference operator), which solve the
     * SPD system
     * <pre>  [a (DDᵀ)⁻¹ + h c K̃] δ = −(DDᵀ)⁻¹ D r,   K = Dᵀ K̃ D,
     *   K̃_kl = Σ_{i ≤ min(k,l), j &gt; max(k,l)} (μ_j − μ_i)⁻²,   (DDᵀ)⁻¹_kl = (k+1)(n−1−l)/n (k ≤ l, 0-based).</pre>
     * Why not Cholesky on H directly: K has the null vector 1, so when the gaps g are tiny
     * (hc/g² ≫ a, e.g. a user-given clustered spectrum) H has condition number ~ hc/(a g²) and
     * its last Cholesky pivot, ~a, is the difference of O(hc/g²) numbers and may come out negative.
     * K̃ has no null space (K̃ ⪰ diag of the consecutive-pair weights), so this system is well
     * conditioned up to diagonal scaling, to which Cholesky is insensitive.
     * On a failed factorisation the direction is NaN.
     */
    private void newtonDirection(double h, double[] mu) {
        final double a = 1 + h * theta;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += residual[i];
        }
        mean /= n;
        final int m = n - 1;
        if (m == 0) {
            direction[0] = -mean / a;
            return;
        }
        final double hc = h * c;
        // Assemble A = a (DDᵀ)⁻¹ + hc K̃ (m×m, row-major, stride m) with running tail sums.
        java.util.Arrays.fill(tail, 0, m, 0.0);
        for (int k = 0; k < m; k++) {
            double suffix = 0;
            for (int l = m - 1; l >= k; l--) {
                final double d = mu[l + 1] - mu[k];
                suffix += 1 / (d * d);
                tail[l] += suffix;
            }
            for (int l = k; l < m; l++) {
                final double v = a * (k + 1) * (double) (n - 1 - l) / n + hc * tail[l];
                hessian[k * m + l] = v;
                hessian[l * m + k] = v;
            }
        }
        // rhs = −(DDᵀ)⁻¹ D r.
        for (int k = 0; k < m; k++) {
            trial[k] = residual[k + 1] - residual[k];
        }
        for (int k = 0; k < m; k++) {
            double u = 0;
            for (int l = 0; l < m; l++) {
                final int lo = Math.min(k, l);
                final int hi = Math.max(k, l);
                u += (lo + 1) * (double) (n - 1 - hi) / n * trial[l];
            }
            direction[k] = -u;
        }
        if (!choleskyInPlace(m)) {
            java.util.Arrays.fill(direction, Double.NaN);
            return;
        }
        choleskySolveInPlace(direction, m);
        // p' = cumulative sums of δ, then remove its mean and add the centre-of-mass step.
        double prev = 0;
        double sum = 0;
        for (int k = 0; k < m; k++) {
            final double delta = direction[k];
            trial[k] = prev;
            sum += prev;
            prev += delta;
        }
        trial[m] = prev;
        sum += prev;
        final double shift = -mean / a - sum / n;
        for (int i = 0; i < n; i++) {
            direction[i] = trial[i] + shift;
        }
    }

    /** Lower Cholesky factor of the n×n matrix in {@link #hessian} written into its lower triangle; false if not SPD. */
    private boolean choleskyInPlace(int n) {
        final double[] a = hessian;
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                return false;
            }
            final double ljj = Math.sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /** x[0..n) := (L Lᵀ)⁻¹ x with L from {@link #choleskyInPlace}. */
    private void choleskySolveInPlace(double[] x, int n) {
        final double[] a = hessian;
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
    }
}
