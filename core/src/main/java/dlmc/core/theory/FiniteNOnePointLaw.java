package dlmc.core.theory;

/**
 * The exact one-point law (mean spectral density) at finite n of a spectrum that is exactly a
 * scaled Gaussian β-ensemble with semicircle radius R, where it is known in closed form: n = 1
 * (any β: a Gaussian) and β = 2 with n ≤ {@link GueOnePointEntropy#MAX_N} (the Hermite kernel,
 * {@link GueOnePointEntropy#density}). The spectrum is λ = s·x with x the standard law of
 * {@link GbeEntropy} and s = R/sqrt(2nβ) ({@link GbeEntropy#scaleOfRadius}; math-spec §5.1), so
 * ρ(λ) = ρ_n(λ/s)/s. Elsewhere the density theory stays the n → ∞ semicircle (§5.2).
 *
 * <p>Bin masses are integrated with 8-point Gauss–Legendre panels no wider than s/8 on
 * [−L, L], L = s(2√n + 12) (ρ_n &lt; 1e-30 outside); the density is analytic, so each panel is
 * accurate to far below 1e-12 (tests: the total mass is 1 to 1e-12, n = 1 matches the normal CDF).
 * Stateless apart from its parameters; thread-safe.
 */
public final class FiniteNOnePointLaw {
    private static final double[] GL_X = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290,
        -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] GL_W = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873,
        0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    private final int n;
    private final double scale;
    private final double half;

    private FiniteNOnePointLaw(int n, double scale) {
        this.n = n;
        this.scale = scale;
        this.half = scale * (2 * Math.sqrt(n) + 12);
    }

    /** @return whether the exact finite-n law is available for (n, β): n = 1, or β = 2 and n ≤ MAX_N */
    public static boolean isAvailable(int n, double beta) {
        return n == 1 || (beta == 2 && n >= 1 && n <= GueOnePointEntropy.MAX_N);
    }

    /**
     * @param radius semicircle radius R &gt; 0 of the scaled GβE
     * @return the law, or null where {@link #isAvailable} is false or R is not positive and finite
     */
    public static FiniteNOnePointLaw of(int n, double beta, double radius) {
        if (!isAvailable(n, beta) || !(radius > 0) || Double.isInfinite(radius)) {
            return null;
        }
        return new FiniteNOnePointLaw(n, GbeEntropy.scaleOfRadius(n, beta, radius));
    }

    /** @return ρ(λ), the mean fraction of eigenvalues per unit λ. */
    public double density(double x) {
        // n = 1: the standard law is N(0, 1), which the Hermite sum with one term is for every β
        return GueOnePointEntropy.density(n, x / scale) / scale;
    }

    /** @return the mass of [lo, hi) (infinite ends allowed). */
    public double probability(double lo, double hi) {
        final double a = Math.max(lo, -half);
        final double b = Math.min(hi, half);
        if (!(b > a)) {
            return 0;
        }
        final int panels = (int) Math.ceil((b - a) / (scale / 8));
        final double h = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            final double mid = a + (p + 0.5) * h;
            double s = 0;
            for (int k = 0; k < GL_X.length; k++) {
                s += GL_W[k] * density(mid + 0.5 * h * GL_X[k]);
            }
            sum += 0.5 * h * s;
        }
        return sum;
    }

    public int n() {
        return n;
    }

    /** @return s = R/sqrt(2nβ). */
    public double scale() {
        return scale;
    }
}
