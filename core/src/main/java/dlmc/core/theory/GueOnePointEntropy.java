package dlmc.core.theory;

/**
 * Exact one-point law of the GUE (β = 2) at finite n and its differential entropy (nats).
 *
 * <p>For the standard weight exp(−Σx²/2)|Δ(x)|² ({@link GbeEntropy} convention) the eigenvalues
 * form a determinantal process with the Hermite kernel, so the one-point density (the mean
 * empirical spectral density) is ρ_n(x) = K_n(x, x)/n = (1/n) Σ_{k=0}^{n−1} φ_k(x)², with the
 * orthonormal Hermite functions φ_k(x) = He_k(x) e^{−x²/4} / sqrt(sqrt(2π) k!) computed by the
 * three-term recurrence φ_{k+1} = (x φ_k − sqrt(k) φ_{k−1}) / sqrt(k + 1) (Mehta, Random Matrices,
 * ch. 6; the Christoffel–Darboux sum written out). The entropy −∫ρ log ρ is computed with the
 * trapezoidal rule (step {@link #STEP}) on [−(2√n + 12), 2√n + 12]; the integrand is analytic
 * and decays like a Gaussian, so the rule converges geometrically (steps 0.02, 0.01 and 0.002
 * agree to 1e-14 for n = 2, 3, 5; for n = 2 the tests check it against the marginal of the joint
 * law by nested tanh-sinh quadrature, to 1e-10). A scaled spectrum λ = s·x adds log s; the dlmc D1 spectrum at
 * time t from 0 is s = sqrt(2t/β) = sqrt(t) (math-spec §5.1, {@link GbeEntropy#scaleOfRadius}).
 *
 * <p>Cost O(n·(√n + 12)/STEP). Stateless, thread-safe.
 */
public final class GueOnePointEntropy {
    /** Trapezoidal step. */
    public static final double STEP = 0.01;
    /** Largest n accepted (cost and underflow of φ_0 beyond |x| ≈ 54). */
    public static final int MAX_N = 400;

    private GueOnePointEntropy() {
    }

    /** @return ρ_n(x) of the standard GUE (class comment). */
    public static double density(int n, double x) {
        check(n);
        double prev = 0;
        double cur = Math.exp(-x * x / 4) / Math.pow(2 * Math.PI, 0.25);
        double s = cur * cur;
        for (int k = 0; k < n - 1; k++) {
            final double next = (x * cur - Math.sqrt(k) * prev) / Math.sqrt(k + 1.0);
            prev = cur;
            cur = next;
            s += cur * cur;
        }
        return s / n;
    }

    /** @return −∫ ρ_n log ρ_n of the standard GUE. */
    public static double standard(int n) {
        check(n);
        final double l = 2 * Math.sqrt(n) + 12;
        final int steps = (int) Math.ceil(2 * l / STEP);
        final double h = 2 * l / steps;
        double sum = 0;
        for (int i = 1; i < steps; i++) { // the end points carry ρ < 1e-30
            final double r = density(n, -l + i * h);
            if (r > 0) {
                sum -= r * Math.log(r);
            }
        }
        return sum * h;
    }

    /** @return the one-point entropy of the spectrum λ = s·x (s ≥ 0; −∞ at s = 0). */
    public static double scaled(int n, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= 0, got " + scale);
        }
        return standard(n) + Math.log(scale);
    }

    private static void check(int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [1, " + MAX_N + "], got " + n);
        }
    }
}
