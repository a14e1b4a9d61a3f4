package dlmc.core.scheme;

/**
 * The step rule of the fixed-step deterministic schemes: steps of length dt from the current time,
 * the last one before a save time shortened so that the save time is hit exactly. A remainder
 * within {@link #MERGE_FRACTION}·dt of a full step is taken as one step (no step shorter than
 * ~1e-9·dt left over by the rounding of t + k·dt). Stateless.
 */
final class FixedStepGrid {
    /**
     * A remainder tTo − t ≤ (1 + MERGE_FRACTION)·dt is covered by one step of length tTo − t.
     * 1e-9 is far above the rounding of a sum of ~1e7 steps (~1e7·ε_mach·t/dt relative to dt) and
     * far below any step-size change that would matter for an O(h⁴) scheme.
     */
    static final double MERGE_FRACTION = 1e-9;

    private FixedStepGrid() {
    }

    /**
     * @param t   current time
     * @param tTo target time, &gt; t
     * @param dt  base step, &gt; 0
     * @return the next step length: tTo − t if that is at most (1 + {@link #MERGE_FRACTION})·dt,
     *         else dt
     */
    static double nextStep(double t, double tTo, double dt) {
        final double rest = tTo - t;
        return rest <= dt * (1.0 + MERGE_FRACTION) ? rest : dt;
    }

    /**
     * @throws IllegalArgumentException if dt is not finite and positive (message names scheme.dt)
     */
    static double checkStep(double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be a finite number > 0, got " + dt);
        }
        return dt;
    }

    /**
     * @throws IllegalArgumentException if tTo is not after t (or not finite)
     */
    static void checkTarget(double t, double tTo) {
        if (!(tTo > t) || Double.isInfinite(tTo)) {
            throw new IllegalArgumentException("advanceTo(" + tTo + ") is not after the current time " + t);
        }
    }
}
