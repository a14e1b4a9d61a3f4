package dlmc.core.scheme;

import dlmc.core.model.DysonModel;

/** A way of integrating a {@link DysonModel}. Implementations are immutable and thread-safe. */
public interface DysonScheme {

    /** @return order, calculus and name. */
    SchemeInfo info();

    /**
     * @return null if the scheme can integrate {@code model}, else the reason (for a config
     *         error message), e.g. "representation: matrix needs beta in {1, 2, 4}".
     */
    String unsupportedReason(DysonModel model);

    /**
     * @param model the model
     * @param dt    the base (maximum) step; exact schemes may ignore it
     * @return a new stepper with its own workspaces (one per task/thread)
     */
    DysonStepper newStepper(DysonModel model, double dt);
}
