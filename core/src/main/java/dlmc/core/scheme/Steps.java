package dlmc.core.scheme;

import dlmc.core.dln.MetricScale;
import dlmc.core.model.DlnModel;

/** Fixed-step bookkeeping shared by the DLN schemes. Stateless. */
final class Steps {
    /** A remainder shorter than this fraction of Δt is merged into the last step before a save time. */
    static final double MERGE_FRACTION = 1e-9;

    private Steps() {
    }

    static void checkDt(double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("scheme.dt must be finite and > 0, got " + dt);
        }
    }

    /**
     * The DLN schemes integrate the equation with [M24]'s 𝒜 (math-spec §2.1, metricScale = 1); a model
     * in another normalisation is run by {@link TimeChangedStepper#of}, never handed to a scheme directly.
     *
     * @throws IllegalArgumentException if the model is not {@link MetricScale#M24}
     */
    static void requireM24(DlnModel model) {
        if (model.metricScale() != MetricScale.M24) {
            throw new IllegalArgumentException("a scheme's stepper integrates the m24 equation (metricScale = 1, math-spec 2.1); "
                    + "run a model with metric_scale " + model.metricScale().key() + " through TimeChangedStepper.of");
        }
    }

    static void checkTarget(double tTo, double t) {
        if (!(tTo > t) || Double.isInfinite(tTo)) {
            throw new IllegalArgumentException("advanceTo(" + tTo + ") is not a finite time after the current time " + t);
        }
    }

    /** @return the next step from t towards tTo: dt, or the whole remainder when it is at most dt(1 + 1e-9). */
    static double next(double t, double tTo, double dt) {
        final double rest = tTo - t;
        return rest <= dt * (1 + MERGE_FRACTION) ? rest : dt;
    }

    static boolean allFinite(double[] v, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }
}
