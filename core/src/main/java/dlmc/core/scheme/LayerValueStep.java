package dlmc.core.scheme;

import dlmc.core.dln.OrbitEntropy;

/**
 * One step of the layer-singular-value SDE of math-spec §3.4 (additive noise), shared by
 * {@link SvdFrameScheme} (§6.4 steps 4–6) and {@link SingularValueScheme} (§6.5):
 * <pre>
 *   dλ_i = [ −λ_i^{N−1} ∂E/∂σ_i + (1/(βN)) ∂S/∂λ_i · 1{entropy} ] dt          (smooth part b^s)
 *        + c Σ_{j≠i} 2λ_i/(λ_i² − λ_j²) dt                                      (singular part, c = κ/(βN))
 *        + sqrt(2κ/(βN)) dW_i .
 * </pre>
 * <b>Semi-implicit step</b> (§6.5, §6.1-3, "or the semi-implicit step … for the singular part" of
 * §6.4 step 4): the smooth part is explicit and tamed, τ = b^s/(1 + h‖b^s‖₂) (it is stiff only
 * through −αλ^{2N−1} at large λ); the singular part is drift-implicit:
 * <pre>
 *   y = λ + h τ + sqrt(2κ/(βN)) ΔW,
 *   μ = argmin_{μ ∈ D} F(μ),   F(μ) = ½‖μ − y‖² − h c Φ(μ),   Φ(μ) = Σ_{i&lt;j} [log(μ_i − μ_j) + log(μ_i + μ_j)],
 *   D = { μ_1 &gt; μ_2 &gt; … &gt; μ_{d−1} &gt; |μ_d| }   (the type-D Weyl chamber).
 * </pre>
 * Φ = Σ_{i&lt;j} log(μ_i² − μ_j²) is concave on D and ∂Φ/∂μ_i = Σ_{j≠i} 2μ_i/(μ_i² − μ_j²) is the
 * interaction drift, so F is strictly convex on D and tends to +∞ at ∂D and at infinity: μ exists,
 * is unique and lies in D, for every y and every h (no particle swap, whatever the gaps). D does
 * not bound μ_d below: λ_d may pass through 0 (the signed continuation of §3.3). Afterwards
 * (§6.4 steps 5–6) negative entries are reflected, μ_i ← |μ_i| (only μ_d can be negative when
 * c &gt; 0), and the values are sorted descending (a no-op when c &gt; 0: |μ_d| &lt; μ_{d−1}). With
 * c = 0 (κ = 0 or β = ∞) μ = y.
 *
 * <p>Newton's method on ∇F = μ − y − h c ∇Φ(μ) with Hessian I + h c K,
 * K = Σ_{i&lt;j} [(e_i − e_j)(e_i − e_j)ᵀ/(μ_i − μ_j)² + (e_i + e_j)(e_i + e_j)ᵀ/(μ_i + μ_j)²] ⪰ 0,
 * dense Cholesky (d is small), backtracking until the trial point is in D and satisfies Armijo;
 * the full step is taken untested once the squared Newton decrement of F/(hc) is below 1/16 (F/(hc)
 * is self-concordant, as in {@link ImplicitStepSolver}). Converged when
 * ‖∇F‖_∞ / (‖μ‖_∞ + ‖y‖_∞ + h c ‖∇Φ‖_∞) ≤ {@link #RESIDUAL_TOLERANCE}. Starting point: the
 * explicit predictor y + hc∇Φ(y), with near pairs of neighbours solved as two-particle implicit
 * steps ({@link #predict}), when it is in D; else λ itself when it is in D, else λ with ties
 * spread apart by 1e-3·sqrt(hc) (e.g. the start X(0) = I). F is evaluated only where
 * the Armijo test needs it (outside the quadratic region).
 *
 * <p><b>Tamed explicit step</b> ({@link LambdaStep#TAMED}; §6.4 step 4 as written, taming of
 * §6.1-2): the whole drift, interaction included, explicit at λ and tamed,
 * <pre>
 *   b_i = −λ_i^{N−1} ∂E/∂σ_i + c Σ_{j≠i} 2λ_i/(λ_i² − λ_j²) + (1/(βN)) ∂S/∂λ_i · 1{entropy},
 *   μ = λ + h b/(1 + h‖b‖₂) + sqrt(2κ/(βN)) ΔW,
 * </pre>
 * then the same reflection and descending re-order (now also a real re-order: explicit values can
 * cross). h‖τ‖₂ &lt; 1, so a step moves λ by less than 1 plus the noise. A tie (λ_i = λ_j, or
 * λ_i = λ_j = 0) makes b infinite: the step returns {@link Status#COLLISION} and λ is unchanged.
 *
 * <p><b>Pair-implicit step</b> ({@link LambdaStep#PAIR_IMPLICIT}; an IMEX approximation of the
 * semi-implicit step, §6.1-3 applied to the near pairs only): the same y, then instead of Newton
 * <pre>
 *   μ⁰ = P(y),   μ^{k+1} = P(μ^k)  (k &lt; {@link #PAIR_STEP_SWEEPS}),   μ = μ^{PAIR_STEP_SWEEPS},
 * </pre>
 * where P(z) ({@link #pairPass}) is one O(d²) pass over the pairs: every value gets
 * μ_i = y_i + hc ∂Φ/∂μ_i(z) (the interaction explicit at z), except the near pairs of neighbours of
 * z (gap below {@link #PAIR_STEP_RANGE}·sqrt(hc)), whose own 1/(μ_i − μ_{i+1}) is implicit and solved
 * exactly (the two-particle equation g = p + 2hc/g of {@link #predict}). P(y) is Newton's starting
 * point (with the range {@link #PAIR_RANGE}); each further pass is one sweep of the fixed-point
 * iteration μ = y + hc∇Φ(μ), whose fixed point is the semi-implicit step's μ. Near a collision the
 * step is implicit (the tamed step's bias comes from there); at a gap g ≥ R sqrt(hc) the explicit
 * term errs by O(hc²/g³), and each sweep multiplies that by O(hc/g²) ≤ O(1/R²). If a pass is not
 * finite or leaves D (a close triple: measured 0.13 % of W4's steps at Δt = 1e-3, 0.004 % at
 * 2.5e-4), the step falls back to the Newton solve. No gap rule; ties at the start are fine (a tied
 * pair's two-particle solution is well defined, a tied triple falls back to Newton).
 *
 * <p>Allocates nothing after construction; not thread-safe.
 */
final class LayerValueStep {
    /** Normalised residual at which Newton stops (≈ 1e4 ε_mach). */
    static final double RESIDUAL_TOLERANCE = 1e-12;
    /** Newton iterations before {@link Status#SOLVER_FAILURE}. */
    static final int MAX_ITERATIONS = 100;
    /** Step halvings in one line search before {@link Status#SOLVER_FAILURE}. */
    static final int MAX_BACKTRACKS = 60;
    /** Ties in the starting point are spread apart by this fraction of the repulsion length sqrt(hc). */
    static final double TIE_SPREAD = 1e-3;
    /** Neighbours nearer than this multiple of sqrt(hc) are predicted as a pair ({@link #predict}). */
    static final double PAIR_RANGE = 4;
    private static final double FULL_STEP_DECREMENT_SQUARED = 1.0 / 16;
    private static final double ARMIJO = 1e-4;
    private static final double F_ROUNDOFF = 64 * Math.ulp(1.0);

    /** Relative tie tolerance of {@link #hasTie} (far above the rounding of an SVD, ~d ε_mach). */
    static final double TIE_TOLERANCE = 1e-12;

    /**
     * Pair range of the pair-implicit step ({@link #pairStep}): neighbours nearer than this multiple
     * of sqrt(hc) are solved as a two-particle implicit step.
     */
    static final double PAIR_STEP_RANGE = 8;
    /** Fixed-point sweeps after the first pass of the pair-implicit step ({@link #pairStep}). */
    static final int PAIR_STEP_SWEEPS = 2;

    private final boolean tamed;
    private final boolean pairImplicit;
    private final int d;
    private final int depth;
    private final double c;
    private final double noise;
    private final double entropyWeight;
    private final OrbitEntropy entropy;
    private final double[] smooth;
    private final double[] y;
    private final double[] mu;
    private final double[] grad;
    private final double[] direction;
    private final double[] trial;
    private final double[] hessian;
    private final double[] work;
    /** 1/(μ_i − μ_j), 1/(μ_i + μ_j) at [i·d + j], i &lt; j, from the last {@link #residual} call. */
    private final double[] recipMinus;
    private final double[] recipPlus;
    /** 1/L_jj of the last Cholesky factorisation (multiplications instead of d(d+3)/2 divisions). */
    private final double[] pivotInverse;
    /** paired[i]: (i, i+1) is a near pair of the last {@link #predict}. */
    private final boolean[] paired;
    private double lastAbs;
    /** Newton iterations since construction (for tests and benchmarks). */
    private long iterations;
    /** Pair-implicit steps that fell back to the Newton solve, since construction. */
    private long fallbacks;
    /** Successful steps since {@link #resetCounts} that re-ordered / reflected a value at 0 (§6.4 steps 5–6). */
    private long reorders;
    private long reflections;

    /** The semi-implicit step ({@link LambdaStep#IMPLICIT}); parameters as in the full constructor. */
    LayerValueStep(int d, int N, double beta, double kappa, boolean entropy) {
        this(d, N, beta, kappa, entropy, LambdaStep.IMPLICIT);
    }

    /**
     * @param d       width ≥ 1
     * @param N       depth ≥ 1
     * @param beta    inverse temperature &gt; 0 (may be +∞)
     * @param kappa   anisotropy ≥ 0
     * @param entropy whether the entropic drift (1/(βN)) ∂S/∂λ is included
     * @param mode    semi-implicit, tamed explicit or pair-implicit step (class comment)
     */
    LayerValueStep(int d, int N, double beta, double kappa, boolean entropy, LambdaStep mode) {
        this.tamed = mode == LambdaStep.TAMED;
        this.pairImplicit = mode == LambdaStep.PAIR_IMPLICIT;
        this.d = d;
        this.depth = N;
        this.c = kappa / (beta * N);
        this.noise = Math.sqrt(2 * kappa / (beta * N));
        this.entropyWeight = entropy && N > 1 && d > 1 ? 1.0 / (beta * N) : 0.0;
        this.entropy = new OrbitEntropy(d, N);
        this.smooth = new double[d];
        this.y = new double[d];
        this.mu = new double[d];
        this.grad = new double[d];
        this.direction = new double[d];
        this.trial = new double[d];
        this.hessian = new double[d * d];
        this.work = new double[d];
        this.recipMinus = new double[d * d];
        this.recipPlus = new double[d * d];
        this.pivotInverse = new double[d];
        this.paired = new boolean[d];
    }

    /**
     * Advances λ by one step.
     *
     * @param lambda   the state, descending, ≥ 0; on OK replaced by the new state (descending,
     *                 ≥ 0), otherwise unchanged. Modified.
     * @param dEdSigma ∂E/∂σ_i at the current state (for §6.4: (G_E)_ii), length d. Not modified.
     * @param h        the step, &gt; 0
     * @param dW       increments of d independent standard Brownian motions over the step (variance
     *                 h each), read at {@code dW[offset + i·stride]}. Not modified.
     * @param perm     out: position k of the new state holds the value that came from old index
     *                 perm[k] (identity unless a reorder happened). Modified.
     * @param flipped  out: flipped[i] is true iff the value of old index i was reflected at 0.
     *                 Modified.
     * @return OK, NON_FINITE or SOLVER_FAILURE (semi-implicit, pair-implicit); OK, NON_FINITE or
     *         COLLISION (tamed)
     */
    Status apply(double[] lambda, double[] dEdSigma, double h, double[] dW, int offset, int stride, int[] perm,
                 boolean[] flipped) {
        final Status s = tamed ? tamedStep(lambda, dEdSigma, h, dW, offset, stride)
                : semiImplicitStep(lambda, dEdSigma, h, dW, offset, stride);
        if (!s.isOk()) {
            return s;
        }
        // §6.4 steps 5–6: reflection at 0, then descending order (insertion sort, stable); both
        // counted per step (reorders(), reflections()).
        boolean reflected = false;
        for (int i = 0; i < d; i++) {
            flipped[i] = mu[i] < 0;
            if (flipped[i]) {
                mu[i] = -mu[i];
                reflected = true;
            }
            perm[i] = i;
        }
        boolean reordered = false;
        for (int k = 1; k < d; k++) {
            final double v = mu[k];
            final int p = perm[k];
            int j = k - 1;
            while (j >= 0 && mu[j] < v) {
                mu[j + 1] = mu[j];
                perm[j + 1] = perm[j];
                j--;
            }
            if (j + 1 != k) {
                reordered = true;
            }
            mu[j + 1] = v;
            perm[j + 1] = p;
        }
        if (reflected) {
            reflections++;
        }
        if (reordered) {
            reorders++;
        }
        System.arraycopy(mu, 0, lambda, 0, d);
        return Status.OK;
    }

    /** Zeroes {@link #reorders} and {@link #reflections} (a stepper's reset). */
    void resetCounts() {
        reorders = 0;
        reflections = 0;
    }

    /** Sets the counts back to values read before (a batch of steps undone past a failed one). */
    void restoreCounts(long reorderCount, long reflectionCount) {
        reorders = reorderCount;
        reflections = reflectionCount;
    }

    /** @return successful steps since {@link #resetCounts} whose values had to be re-ordered. */
    long reorders() {
        return reorders;
    }

    /** @return successful steps since {@link #resetCounts} at which a value was reflected at 0. */
    long reflections() {
        return reflections;
    }

    /**
     * μ ← the semi-implicit step of the class comment (tamed smooth part, implicit interaction), or
     * its pair-implicit approximation ({@link #pairStep}) when that mode is on and the pass stays in D.
     */
    private Status semiImplicitStep(double[] lambda, double[] dEdSigma, double h, double[] dW, int offset,
                                    int stride) {
        if (entropyWeight != 0) {
            entropy.gradientLayerValues(lambda, smooth);
        }
        double norm2 = 0;
        for (int i = 0; i < d; i++) {
            final double energyTerm = -KernelPowers.pow(lambda[i], depth - 1) * dEdSigma[i];
            final double b = energyTerm + (entropyWeight != 0 ? entropyWeight * smooth[i] : 0.0);
            smooth[i] = b;
            norm2 += b * b;
        }
        final double taming = 1.0 / (1.0 + h * Math.sqrt(norm2));
        for (int i = 0; i < d; i++) {
            y[i] = lambda[i] + h * taming * smooth[i] + noise * dW[offset + i * stride];
        }
        if (!allFinite(y)) {
            return Status.NON_FINITE;
        }
        if (c > 0 && d > 1) {
            if (pairImplicit) {
                if (pairStep(h * c)) {
                    return Status.OK;
                }
                fallbacks++;
            }
            return solve(lambda, h);
        }
        System.arraycopy(y, 0, mu, 0, d);
        return Status.OK;
    }

    /**
     * μ ← λ + h τ + sqrt(2κ/(βN)) ΔW, τ = b/(1 + h‖b‖₂), b the whole drift at λ (math-spec §6.4
     * step 4 with the taming of §6.1-2): energy, entropy ({@link OrbitEntropy#gradientLayerValues})
     * and interaction ({@link #interaction}, each pair once). COLLISION if the interaction is not
     * finite (tied values, e.g. X(0) = I), NON_FINITE if b or μ is not.
     */
    private Status tamedStep(double[] lambda, double[] dEdSigma, double h, double[] dW, int offset, int stride) {
        if (entropyWeight != 0) {
            entropy.gradientLayerValues(lambda, smooth);
        }
        final boolean interacting = c > 0 && d > 1;
        if (interacting) {
            interaction(lambda, work);
            if (!allFinite(work)) {
                return Status.COLLISION;
            }
        }
        double norm2 = 0;
        for (int i = 0; i < d; i++) {
            final double energyTerm = -KernelPowers.pow(lambda[i], depth - 1) * dEdSigma[i];
            final double b = energyTerm + (entropyWeight != 0 ? entropyWeight * smooth[i] : 0.0)
                    + (interacting ? c * work[i] : 0.0);
            smooth[i] = b;
            norm2 += b * b;
        }
        if (!Double.isFinite(norm2) && !allFinite(smooth)) {
            return Status.NON_FINITE;
        }
        final double taming = 1.0 / (1.0 + h * Math.sqrt(norm2));
        for (int i = 0; i < d; i++) {
            mu[i] = lambda[i] + h * taming * smooth[i] + noise * dW[offset + i * stride];
        }
        return allFinite(mu) ? Status.OK : Status.NON_FINITE;
    }

    /**
     * Whether the descending values λ have a tie at which the tamed step's interaction drift is
     * infinite or dominated by rounding: λ_i − λ_{i+1} ≤ {@link #TIE_TOLERANCE}·λ_1 for some i
     * (all values tie when λ_1 = 0). d = 1: false.
     *
     * @param lambda descending, ≥ 0, length ≥ d. Not modified.
     */
    static boolean hasTie(double[] lambda, int d) {
        for (int i = 0; i + 1 < d; i++) {
            if (!(lambda[i] - lambda[i + 1] > TIE_TOLERANCE * lambda[0])) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the interaction drift is on (c = κ/(βN) &gt; 0 and d ≥ 2). */
    boolean interacting() {
        return c > 0 && d > 1;
    }

    /** @return the Newton iterations made since construction. */
    long iterations() {
        return iterations;
    }

    /** @return the pair-implicit steps that fell back to the Newton solve, since construction. */
    long fallbacks() {
        return fallbacks;
    }

    /** μ ← argmin F (class comment), from the state λ. */
    private Status solve(double[] lambda, double h) {
        final double hc = h * c;
        startingPoint(lambda, hc, TIE_SPREAD * Math.sqrt(hc));
        // F(μ) is needed only by the Armijo test, i.e. outside the quadratic region: evaluated
        // lazily (the logarithms are a large part of an iteration); the iterates are the same.
        double f = 0;
        double fAbs = 0;
        boolean fValid = false;
        for (int it = 0; ; it++) {
            final double r = residual(hc);
            if (!Double.isFinite(r)) {
                return Status.NON_FINITE;
            }
            if (r <= RESIDUAL_TOLERANCE) {
                return Status.OK;
            }
            if (it >= MAX_ITERATIONS) {
                return Status.SOLVER_FAILURE;
            }
            newtonDirection(hc);
            iterations++;
            double slope = 0;
            for (int i = 0; i < d; i++) {
                slope += grad[i] * direction[i];
            }
            if (!(slope < 0)) {
                // Round-off made the Newton direction useless: fall back to steepest descent.
                for (int i = 0; i < d; i++) {
                    direction[i] = -grad[i];
                }
                slope = 0;
                for (int i = 0; i < d; i++) {
                    slope -= grad[i] * grad[i];
                }
            }
            final boolean quadraticRegion = -slope <= FULL_STEP_DECREMENT_SQUARED * hc;
            if (!quadraticRegion && !fValid) {
                f = objective(mu, hc);
                fAbs = lastAbs;
                fValid = true;
            }
            double alpha = 1;
            int backtracks = 0;
            while (true) {
                for (int i = 0; i < d; i++) {
                    trial[i] = mu[i] + alpha * direction[i];
                }
                if (inChamber(trial)) {
                    if (quadraticRegion) {
                        fValid = false;
                        break;
                    }
                    final double fTrial = objective(trial, hc);
                    if (fTrial <= f + ARMIJO * alpha * slope + F_ROUNDOFF * (fAbs + lastAbs)) {
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
            System.arraycopy(trial, 0, mu, 0, d);
        }
    }

    /**
     * μ ← the predictor of {@link #predict} if it is in D; else λ if λ ∈ D; else λ (descending,
     * ≥ 0) with ties spread upward from the bottom.
     */
    private void startingPoint(double[] lambda, double hc, double spread) {
        if (predict(hc)) {
            return;
        }
        System.arraycopy(lambda, 0, mu, 0, d);
        if (inChamber(mu)) {
            return;
        }
        for (int i = d - 2; i >= 0; i--) {
            final double floor = Math.abs(mu[i + 1]) + Math.max(spread, 4 * Math.ulp(Math.abs(mu[i + 1])));
            if (mu[i] < floor) {
                mu[i] = floor;
            }
        }
    }

    /**
     * μ ← a one-pass approximation of μ = y + hc∇Φ(μ): the explicit predictor y + hc∇Φ(y), except
     * for near pairs of neighbours (gap y_i − y_{i+1} below {@link #PAIR_RANGE}·sqrt(hc), or
     * negative; disjoint pairs, the smaller gap first among overlapping ones), whose own
     * interaction is taken implicitly: with the other terms explicit at y, R_k = ∂Φ/∂μ_k(y)
     * without the pair's 1/(μ_i − μ_{i+1}), the pair's gap g solves g = p + 2hc/g,
     * p = y_i − y_{i+1} + hc(R_i − R_{i+1}) (the positive root of g² − pg − 2hc = 0) and its sum is
     * explicit, μ_i + μ_{i+1} = y_i + y_{i+1} + hc(R_i + R_{i+1}). The explicit predictor overshoots
     * at such a pair (its error is O(hc²/g³)), which cost Newton a damped step and several
     * iterations; the two-particle solution is exact for an isolated pair.
     *
     * @return whether μ is finite and in D
     */
    private boolean predict(double hc) {
        return pairPass(y, hc, PAIR_RANGE * Math.sqrt(hc));
    }

    /**
     * μ ← the pair-implicit step of the class comment: the pass {@link #pairPass} at y, then
     * {@link #PAIR_STEP_SWEEPS} passes at the previous μ (pairs with gap below
     * {@link #PAIR_STEP_RANGE}·sqrt(hc)).
     *
     * @return whether every pass gave a finite μ in D (else μ is not to be used)
     */
    private boolean pairStep(double hc) {
        final double range = PAIR_STEP_RANGE * Math.sqrt(hc);
        if (!pairPass(y, hc, range)) {
            return false;
        }
        for (int s = 0; s < PAIR_STEP_SWEEPS; s++) {
            System.arraycopy(mu, 0, trial, 0, d);
            if (!pairPass(trial, hc, range)) {
                return false;
            }
        }
        return true;
    }

    /**
     * μ ← y + hc∇Φ with the interaction taken at the point z, except for near pairs of neighbours of z
     * (gap z_i − z_{i+1} below {@code range}, or negative; disjoint pairs, the smaller gap first
     * among overlapping ones), whose own interaction is implicit: with R_k = ∂Φ/∂μ_k(z) without the
     * pair's 1/(μ_i − μ_{i+1}), the pair's gap g solves g = p + 2hc/g, p = y_i − y_{i+1} +
     * hc(R_i − R_{i+1}) (the positive root of g² − pg − 2hc = 0, computed without cancellation) and
     * its sum is μ_i + μ_{i+1} = y_i + y_{i+1} + hc(R_i + R_{i+1}). One pass over the pairs i &lt; j,
     * one reciprocal each: ±1/(z_i − z_j) + 1/(z_i + z_j) = ±2z_{i|j}/(z_i² − z_j²). z is {@link #y} or
     * {@link #trial}, never {@link #mu}.
     *
     * @return whether μ is finite and in D
     */
    private boolean pairPass(double[] z, double hc, double range) {
        for (int i = 0; i < d; i++) {
            paired[i] = false;
            work[i] = 0.0;
        }
        for (int i = 0; i < d - 1; i++) {
            final double g = z[i] - z[i + 1];
            if (!(g < range)) {
                continue;
            }
            if (i + 2 < d && z[i + 1] - z[i + 2] < g) {
                continue; // the next pair is nearer: it gets i + 1
            }
            paired[i] = true;
            i++;
        }
        for (int i = 0; i < d - 1; i++) {
            final double zi = z[i];
            double wi = work[i];
            // the neighbour j = i + 1 first (its 1/(z_i − z_j) is implicit if the pair is near),
            // then j ≥ i + 2 without a branch; the same operations in the same order as one loop
            final double zn = z[i + 1];
            if (paired[i]) {
                final double rp = 1 / (zi + zn);
                wi += rp;
                work[i + 1] += rp;
            } else {
                // 1/(z_i − z_j) + 1/(z_i + z_j) = 2z_i/(z_i² − z_j²), −1/(z_i − z_j) + 1/(z_i + z_j) = −2z_j/(…)
                final double r = 1 / ((zi - zn) * (zi + zn));
                wi += 2 * zi * r;
                work[i + 1] -= 2 * zn * r;
            }
            for (int j = i + 2; j < d; j++) {
                final double zj = z[j];
                final double r = 1 / ((zi - zj) * (zi + zj));
                wi += 2 * zi * r;
                work[j] -= 2 * zj * r;
            }
            work[i] = wi;
        }
        for (int i = 0; i < d; i++) {
            if (paired[i]) {
                final double p = y[i] - y[i + 1] + hc * (work[i] - work[i + 1]);
                final double root = Math.sqrt(p * p + 8 * hc);
                final double g = p >= 0 ? 0.5 * (p + root) : 4 * hc / (root - p);
                final double m = 0.5 * (y[i] + y[i + 1] + hc * (work[i] + work[i + 1]));
                mu[i] = m + 0.5 * g;
                mu[i + 1] = m - 0.5 * g;
                i++;
            } else {
                mu[i] = y[i] + hc * work[i];
            }
        }
        return allFinite(mu) && inChamber(mu);
    }

    private boolean inChamber(double[] m) {
        for (int i = 0; i < d - 1; i++) {
            if (!(m[i] > m[i + 1])) {
                return false;
            }
        }
        return m[d - 2] > Math.abs(m[d - 1]);
    }

    /**
     * F(m)·(no constant); sets {@link #lastAbs}, a bound on the magnitudes whose rounding errors
     * enter F (Σ|log| terms, or |log Π| + the number of pairs). m ∈ D.
     */
    private double objective(double[] m, double hc) {
        double quad = 0;
        for (int i = 0; i < d; i++) {
            final double e = m[i] - y[i];
            quad += e * e;
        }
        // Φ = log Π (m_i − m_j)(m_i + m_j): one logarithm of the product (relative error
        // ≈ d² ε_mach) instead of d(d−1) logarithms; the sum of logs if the product under- or
        // overflows.
        double prod = 1;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                prod *= (m[i] - m[j]) * (m[i] + m[j]);
            }
        }
        double logs;
        double logsAbs;
        if (prod >= Double.MIN_NORMAL && prod < Double.POSITIVE_INFINITY) {
            logs = Math.log(prod);
            logsAbs = Math.abs(logs) + d * (d - 1) * 0.5;
        } else {
            logs = 0;
            logsAbs = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    final double l = Math.log(m[i] - m[j]) + Math.log(m[i] + m[j]);
                    logs += l;
                    logsAbs += Math.abs(l);
                }
            }
        }
        lastAbs = 0.5 * quad + hc * logsAbs;
        return 0.5 * quad - hc * logs;
    }

    /** grad ← ∇F(μ); @return the normalised residual. */
    private double residual(double hc) {
        double rMax = 0;
        double muMax = 0;
        double yMax = 0;
        double bMax = 0;
        interaction(mu, work);
        for (int i = 0; i < d; i++) {
            final double b = work[i];
            final double r = mu[i] - y[i] - hc * b;
            grad[i] = r;
            rMax = Math.max(rMax, Math.abs(r));
            muMax = Math.max(muMax, Math.abs(mu[i]));
            yMax = Math.max(yMax, Math.abs(y[i]));
            bMax = Math.max(bMax, Math.abs(b));
        }
        return rMax / (Double.MIN_NORMAL + muMax + yMax + hc * bMax);
    }

    /**
     * out_i ← ∂Φ/∂m_i = Σ_{j≠i} 2m_i/(m_i² − m_j²) = Σ_{j≠i} [1/(m_i − m_j) + 1/(m_i + m_j)], the
     * interaction drift without its factor c. Reciprocals once per pair i &lt; j (kept in
     * {@link #recipMinus}, {@link #recipPlus} for {@link #newtonDirection}); out_i sums its terms in
     * the order j = 0, 1, …, and 1/(m_j − m_i) = −1/(m_i − m_j) exactly. A tie m_i = m_j (or
     * m_i = m_j = 0) gives a non-finite entry.
     */
    private void interaction(double[] m, double[] out) {
        java.util.Arrays.fill(out, 0, d, 0.0);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                final double rm = 1 / (m[i] - m[j]);
                final double rp = 1 / (m[i] + m[j]);
                recipMinus[i * d + j] = rm;
                recipPlus[i * d + j] = rp;
                out[i] += rm + rp;
                out[j] += -rm + rp;
            }
        }
    }

    /** direction ← −(I + hc K)⁻¹ grad by Cholesky (at the μ of the last {@link #residual} call); on a failed factorisation the diagonally scaled gradient. */
    private void newtonDirection(double hc) {
        for (int i = 0; i < d; i++) {
            double diag = 1;
            for (int j = 0; j < d; j++) {
                if (j == i) {
                    continue;
                }
                final int pair = i < j ? i * d + j : j * d + i;
                final double rm = recipMinus[pair];
                final double rp = recipPlus[pair];
                final double a = rm * rm;
                final double b = rp * rp;
                diag += hc * (a + b);
                hessian[i * d + j] = hc * (b - a);
            }
            hessian[i * d + i] = diag;
            work[i] = diag;
        }
        for (int i = 0; i < d; i++) {
            direction[i] = -grad[i];
        }
        if (!choleskyInPlace()) {
            for (int i = 0; i < d; i++) {
                direction[i] = -grad[i] / work[i];
            }
            return;
        }
        choleskySolveInPlace(direction);
        if (!allFinite(direction)) {
            for (int i = 0; i < d; i++) {
                direction[i] = -grad[i] / work[i];
            }
        }
    }

    private boolean choleskyInPlace() {
        final double[] a = hessian;
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * d + k] * a[j * d + k];
            }
            if (!(s > 0) || Double.isInfinite(s)) {
                return false;
            }
            final double ljj = Math.sqrt(s);
            final double inv = 1 / ljj;
            a[j * d + j] = ljj;
            pivotInverse[j] = inv;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * d + k] * a[j * d + k];
                }
                a[i * d + j] = t * inv;
            }
        }
        return true;
    }

    private void choleskySolveInPlace(double[] x) {
        final double[] a = hessian;
        for (int i = 0; i < d; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * d + k] * x[k];
            }
            x[i] = s * pivotInverse[i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < d; k++) {
                s -= a[k * d + i] * x[k];
            }
            x[i] = s * pivotInverse[i];
        }
    }

    private boolean allFinite(double[] v) {
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }
}
