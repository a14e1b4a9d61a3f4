package dlmc.core.run;

/**
 * Everything needed to build simulators for one experiment (model, scheme, step). Immutable.
 */
public interface SimulationSpec {

    /** @return a fresh simulator with its own workspaces (one per task or thread). */
    TrajectorySimulator newSimulator();

    /** @return the spectrum length of every observation. */
    int spectrumLength();

    /**
     * Fixes what the ensemble estimators need before the run (histogram ranges etc.). Called once,
     * on the driver; may simulate a small deterministic pilot ensemble (a pure function of the
     * arguments).
     *
     * @param grid the save times
     * @param bins histogram bins
     * @param seed the run seed
     */
    dlmc.core.estimate.EstimatorPlan planEstimates(SaveGrid grid, int bins, long seed);

    /**
     * @return warnings every run of this spec shows (printed, and written to the manifest), e.g. a
     *         scheme's known bias on this model ({@link dlmc.core.scheme.DlnScheme#warning}); empty
     *         by default
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
