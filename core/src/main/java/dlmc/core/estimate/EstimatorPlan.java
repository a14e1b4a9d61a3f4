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
}
