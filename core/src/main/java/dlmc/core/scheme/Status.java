package dlmc.core.scheme;

/**
 * Outcome of a trajectory (the {@code status} column). A failed trajectory keeps its status; it is
 * never dropped or averaged in (design.md).
 */
public enum Status {
    /** Finished normally. */
    OK("ok"),
    /** A state entry became NaN or infinite. */
    NON_FINITE("non_finite"),
    /**
     * Eigenvalue ordering could not be kept by step control (reject-and-halve exhausted), or the
     * explicit interaction drift met tied layer values (svd-frame with {@link LambdaStep#TAMED}).
     */
    COLLISION("collision"),
    /** The step limit per save interval was exceeded (adaptive step shrank without bound). */
    STEP_LIMIT("step_limit"),
    /** A nonlinear solve (implicit scheme) did not converge. */
    SOLVER_FAILURE("solver_failure"),
    /** Rank deficiency reached where the scheme cannot continue. */
    RANK_DEFICIENT("rank_deficient"),
    /**
     * The state ran away: its largest singular value exceeded {@code DlnSimulator.DIVERGENCE_FACTOR} times its
     * natural scale (an explicit step too long for the energy's stiffness), though still finite.
     */
    DIVERGED("diverged");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** @return the column value, e.g. {@code ok}, {@code non_finite}. */
    public String label() {
        return label;
    }

    public boolean isOk() {
        return this == OK;
    }
}
