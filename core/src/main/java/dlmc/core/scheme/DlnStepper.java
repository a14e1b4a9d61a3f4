package dlmc.core.scheme;

import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Advances one deep-linear-network trajectory between save times. Created once per task by a
 * {@link DlnScheme}; owns its workspaces, so {@link #advanceTo} allocates nothing. Not thread-safe.
 * Its {@link StepCounts} count from {@link #reset}.
 */
public interface DlnStepper extends StepCounts {

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
}
