package dlmc.spark.runner;

import java.util.Map;

/**
 * What a finished run reports back (also used by tests).
 *
 * @param runDir       the run directory URI
 * @param statusCounts trajectories by status label
 * @param wallSeconds  total wall time
 */
public record RunSummary(String runDir, Map<String, Long> statusCounts, double wallSeconds) {
}
