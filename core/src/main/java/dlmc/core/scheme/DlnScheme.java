package dlmc.core.scheme;

import dlmc.core.model.DlnModel;

/**
 * A way of integrating a {@link DlnModel}. Implementations are immutable and thread-safe. They
 * implement the equation of math-spec §3.4 with [M24]'s metric operator 𝒜 (metricScale = 1, the
 * convention of every formula in math-spec); a model with {@code metric_scale: cmv} (𝒜/N) is the
 * same equation at time t/N and is run by {@link TimeChangedStepper#of}, which every run goes through
 * ({@code dlmc.core.run.DlnSpec}).
 */
public interface DlnScheme {

    /** @return order, calculus and name. */
    SchemeInfo info();

    /** @return null if the scheme can integrate {@code model}, else the reason (config error text). */
    String unsupportedReason(DlnModel model);

    /**
     * @param model a model in the M24 normalisation ({@link DlnModel#metricScale}); see
     *              {@link TimeChangedStepper#of} for the others
     * @return a new stepper with its own workspaces (one per task or thread)
     */
    DlnStepper newStepper(DlnModel model, double dt);

    /**
     * @return null, or a warning about what this scheme computes for {@code model} that every run
     *         should show (a run prints it and writes it to its manifest), e.g. a known bias
     */
    default String warning(DlnModel model) {
        return null;
    }
}
