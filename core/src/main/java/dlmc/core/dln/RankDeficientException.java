package dlmc.core.dln;

/**
 * Thrown when a matrix that must be in GL_d is numerically rank-deficient:
 * σ_d/σ_1 ≤ {@link BalancedLift#RANK_TOLERANCE} (math-spec §1.3 step 1). Carries the ratio.
 */
public final class RankDeficientException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final double ratio;

    public RankDeficientException(double ratio, double sigmaMin, double sigmaMax, double tolerance) {
        super("X is rank-deficient: sigma_d/sigma_1 = " + ratio + " (sigma_d = " + sigmaMin + ", sigma_1 = "
                + sigmaMax + ") <= rank tolerance " + tolerance);
        this.ratio = ratio;
    }

    /** @return σ_d/σ_1 (NaN if X = 0). */
    public double ratio() {
        return ratio;
    }
}
