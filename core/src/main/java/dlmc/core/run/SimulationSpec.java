package dlmc.core.run;

/**
 * Everything needed to build simulators for one experiment (model, scheme, step). Immutable.
 */
public interface SimulationSpec {

    /** @return a fresh simulator with its own workspaces (one per task or thread). */
    TrajectorySimulator newSimulator();

    /** @return the spectrum length of every observation. */
    int spectrumLength();
}
