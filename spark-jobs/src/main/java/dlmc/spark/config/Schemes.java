package dlmc.spark.config;

import dlmc.core.model.DysonModel;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.SimulationSpec;
import dlmc.core.scheme.DysonScheme;
import dlmc.core.scheme.EulerMaruyamaScheme;
import dlmc.core.scheme.ExactMatrixScheme;
import dlmc.core.scheme.ImplicitScheme;

/** Maps {@code scheme.type} names to core schemes. */
final class Schemes {
    private Schemes() {
    }

    static DysonScheme dyson(String type, double epsilon, long maxSteps) {
        switch (type) {
            case ExactMatrixScheme.NAME:
                return new ExactMatrixScheme();
            case EulerMaruyamaScheme.NAME:
                return new EulerMaruyamaScheme(epsilon, EulerMaruyamaScheme.DEFAULT_MAX_HALVINGS, maxSteps);
            case ImplicitScheme.NAME:
                return new ImplicitScheme();
            default:
                throw ConfigException.invalid("scheme.type", type, "exact, euler-maruyama or implicit");
        }
    }

    static SimulationSpec dysonSpec(DysonModel model, DysonScheme scheme, double dt) {
        return new DysonSpec(model, scheme, dt);
    }
}
