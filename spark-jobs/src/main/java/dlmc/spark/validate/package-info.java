/**
 * {@code dlmc validate}: a curated set of the math-spec §7 oracles run as small experiments
 * through the normal job path ({@link dlmc.spark.runner.RunJob}), their estimates compared with
 * theory, one PASS/FAIL row per check.
 *
 * <p>Roles: {@link dlmc.spark.validate.ValidationCheck} (one oracle: its experiment and its
 * comparison), {@link dlmc.spark.validate.Catalogue} (the quick and full lists),
 * {@link dlmc.spark.validate.Comparisons} (z and chi-square tests with a stated false-failure
 * probability), {@link dlmc.spark.validate.RunEstimates} (a finished run's {@code estimates/}
 * table), {@link dlmc.spark.validate.ValidateCommand} (options, Spark session, table).
 */
package dlmc.spark.validate;
