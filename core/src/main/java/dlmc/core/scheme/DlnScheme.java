package dlmc.core.scheme;

import dlmc.core.model.DlnModel;

/** A way of integrating a {@link DlnModel}. Implementations are immutable and thread-safe. */
public interface DlnScheme {

    /** @return order, calculus and name. */
    SchemeInfo info();

    /** @return null if the scheme can integrate {@code model}, else the reason (config error text). */
    String unsupportedReason(DlnModel model);

    /** @return a new stepper with its own workspaces (one per task or thread). */
    DlnStepper newStepper(DlnModel model, double dt);

    /**
     * @return null, or a warning about what this scheme computes for {@code model} that every run
     *         should show (a run prints it and writes it to its manifest), e.g. a known bias
     */
    default String warning(DlnModel model) {
        return null;
    }
}
