package dlmc.core.scheme;

import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Advances one deep-linear-network trajectory between save times. Created once per task by a
 * {@link DlnScheme}; owns its workspaces, so {@link #advanceTo} allocates nothing. Not thread-safe.
 */
public interface DlnStepper {

    /**
     * Starts a trajectory at t = 0 from X(0). Schemes that carry layers (parameter-flow) build
     * them with the balanced lift (math-spec §1.3); they may draw Haar rotations from {@code stream}.
     *
     * @param X0 d×d, full rank. Not modified.
     * @return OK, or RANK_DEFICIENT / NON_FINITE if the start is not admissible; in that case
     *         {@link #state} still reports X0
     */
    Status reset(DMatrixRMaj X0, RandomStream stream);

    /** Advances to {@code tTo} (> current time); on failure the state stays at the failure. */
    Status advanceTo(double tTo, RandomStream stream);

    /**
     * Current end-to-end matrix and its singular values (descending).
     *
     * @param X     Modified (d×d).
     * @param sigma Modified (length d).
     */
    void state(DMatrixRMaj X, double[] sigma);

    /** @return max(‖UᵀU − I‖_F, ‖VᵀV − I‖_F) of the carried frame, NaN if none. */
    double orthogonalityResidual();

    /** @return max_p ‖W_{p+1}ᵀW_{p+1} − W_pW_pᵀ‖_F / ‖W_p‖_F², NaN if no layers are carried. */
    double balanceResidual();

    /** @return accepted steps since reset. */
    long steps();

    /** @return rejected steps since reset. */
    long rejectedSteps();

    /**
     * @return accepted steps since reset after which the singular values had to be re-ordered
     *         (math-spec §6.4 step 6; a re-sort in §6.1's sense, counted as §6.1 asks), or −1 if
     *         the scheme does not re-order
     */
    default long reorders() {
        return -1;
    }

    /**
     * @return accepted steps since reset at which a singular value was reflected at 0 (math-spec
     *         §6.4 step 5, §6.5), or −1 if the scheme does not reflect
     */
    default long reflections() {
        return -1;
    }

    /**
     * @return accepted steps since reset taken from a state with λ_min &lt; (λ_1^{2N−4}·h)^{1/4}, h
     *         the step: the region near rank deficiency where math-spec §6.3 finds the matrix
     *         Euler–Maruyama scheme biased; −1 for other schemes and for depth 1
     */
    default long biasedRegimeSteps() {
        return -1;
    }
}
