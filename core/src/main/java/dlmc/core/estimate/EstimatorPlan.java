package dlmc.core.estimate;

import java.io.Serializable;

/**
 * What an ensemble estimator needs fixed before the run (save times, bins, histogram ranges):
 * decided once on the driver, shipped to every task, so that all per-chunk estimators merge
 * exactly. Immutable.
 */
public interface EstimatorPlan extends Serializable {

    /** @return a fresh, empty estimator with this plan. */
    EnsembleEstimator newEstimator();

    /**
     * @return what planning could not do that a run should say once (printed, and written to the
     *         manifest's {@code warnings}), e.g. a theory that applies but could not be computed;
     *         meaningful on the driver, where the plan is made (not shipped to the tasks)
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
