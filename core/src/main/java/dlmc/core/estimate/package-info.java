/**
 * Mergeable estimators ({@code accept} / {@code combine}, Commons Statistics style) for ensemble
 * statistics: {@link dlmc.core.estimate.MomentAccumulator}, {@link dlmc.core.estimate.HistogramAccumulator}
 * and the per-run {@link dlmc.core.estimate.SpectralEstimator}, whose tidy rows
 * ({@link dlmc.core.estimate.EstimateRow}) form the {@code estimates/} table (interface.md §3;
 * quantity names in {@code dlmc/estimates.md}). The trajectory is the iid unit of every standard
 * error. All classes are plain (no records) so that Kryo's FieldSerializer can ship them between
 * Spark executors; none is thread-safe, and results are a deterministic function of the sequence
 * of accept/combine calls.
 */
package dlmc.core.estimate;
