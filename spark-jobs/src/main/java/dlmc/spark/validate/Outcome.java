package dlmc.spark.validate;

/**
 * The result of one comparison of simulation with theory.
 *
 * @param statistic what was measured, e.g. {@code "z = -0.84 (1.1246 vs 1.1250 ± 0.0044)"}
 * @param tolerance the acceptance rule with its false-failure probability, e.g. {@code "|z| ≤ 3.29 (p 1e-3)"}
 * @param passed    whether the statistic is inside the tolerance
 */
record Outcome(String statistic, String tolerance, boolean passed) {
    /** @return one outcome that passes iff all do; texts joined with "; ". */
    static Outcome all(Outcome... parts) {
        StringBuilder s = new StringBuilder();
        StringBuilder t = new StringBuilder();
        boolean ok = true;
        for (Outcome o : parts) {
            s.append(s.length() == 0 ? "" : "; ").append(o.statistic);
            if (t.indexOf(o.tolerance) < 0) {
                t.append(t.length() == 0 ? "" : "; ").append(o.tolerance);
            }
            ok &= o.passed;
        }
        return new Outcome(s.toString(), t.toString(), ok);
    }
}
