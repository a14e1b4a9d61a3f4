package dlmc.spark.validate;

/**
 * One oracle of {@code dlmc validate}: an experiment (a YAML resource under
 * {@code dlmc/validate/}, run through the normal job path) and the comparison of its estimates
 * with theory. Immutable.
 *
 * @param id          the math-spec §7 oracle id, e.g. {@code "O19"}, or {@code "ENT"} for the entropy
 *                    estimates against the exact GβE entropies (math-spec §5.1; no §7 number)
 * @param description one line: model, scheme, what is compared
 * @param experiment  the resource file name under {@code dlmc/validate/}
 * @param evaluator   the comparison
 */
record ValidationCheck(String id, String description, String experiment, Evaluator evaluator) {
    /** Compares a finished run's estimates with theory. */
    @FunctionalInterface
    interface Evaluator {
        /**
         * @param level the false-failure probability allowed to the whole check, in (0, 1)
         *              ({@link Catalogue#ALPHA} by default); a check of k statistics gives each level/k
         * @return the outcome; its false-failure probability is at most {@code level}
         * @throws IllegalStateException when an estimate the comparison needs is missing
         */
        Outcome evaluate(RunEstimates estimates, double level);
    }
}
