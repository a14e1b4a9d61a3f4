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
     * @param grid the save times
     * @param bins histogram bins
     * @return a fresh, empty ensemble estimator for this experiment's observations
     */
    dlmc.core.estimate.EnsembleEstimator newEstimator(SaveGrid grid, int bins);
}
