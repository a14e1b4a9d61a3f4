package dlmc.core.scheme;

import dlmc.core.dln.MetricScale;
import dlmc.core.linalg.Svd;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import org.ejml.data.DMatrixRMaj;

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

    /**
     * Whether a trajectory of this scheme can start from a {@code matrix} X(0) at all: the stepper's
     * own {@link DlnStepper#reset} decides, so a start that would end every trajectory at t = 0 (e.g.
     * a rank-deficient matrix for a scheme whose state space is GL_d, math-spec §1.2, §2.1, §6.3) can
     * be refused before anything runs. Other starts are never refused here: a Ginibre start is random
     * (full rank almost surely), an identity start has full rank (its ties are the concern of
     * {@link SvdFrameScheme#lambdaStepReason}).
     *
     * @param dt the step Δt, finite and &gt; 0
     * @return null if the start is admissible (or not a matrix start), else the reason (config error text)
     */
    default String startReason(DlnModel model, double dt) {
        if (!(model.initial() instanceof DlnInitial.Matrix) || unsupportedReason(model) != null) {
            return null;
        }
        final int d = model.d();
        final DMatrixRMaj x0 = new DMatrixRMaj(d, d);
        model.initialMatrix(null, x0); // a matrix start draws nothing
        final Status status = newStepper(model.withMetricScale(MetricScale.M24), dt).reset(x0, null);
        if (status.isOk()) {
            return null;
        }
        final Svd svd = new Svd(d);
        final String sigma = svd.decompose(x0) ? java.util.Arrays.toString(svd.sigma()) : "(not computable)";
        return "X(0) has singular values " + sigma + ": every trajectory of scheme " + info().name()
                + " would stop at t = 0 with status " + status.label();
    }
}
