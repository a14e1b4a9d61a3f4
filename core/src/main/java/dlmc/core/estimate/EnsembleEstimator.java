package dlmc.core.estimate;

import dlmc.core.run.Observation;
import java.util.List;

/**
 * A mergeable ensemble accumulator over save times ({@code accept} / {@code combine}, the shape
 * of a Spark reduction). Given the same sequence of calls the result is bit-identical.
 * Implementations are plain (Kryo-serialisable) classes; not thread-safe.
 */
public interface EnsembleEstimator {

    /** Adds one ok snapshot of one trajectory at save time {@code timeIndex}. */
    void accept(int timeIndex, Observation obs);

    /**
     * Adds everything {@code other} accepted (after this one's own, in call order).
     *
     * @throws IllegalArgumentException if the two were built for different layouts or types
     */
    void combine(EnsembleEstimator other);

    /** @return the estimates in tidy long format (a new list each call). */
    List<EstimateRow> rows();
}
