package dlmc.spark.config;

import dlmc.core.model.DysonModel;
import dlmc.core.run.SimulationSpec;
import dlmc.core.scheme.DysonScheme;

/** Maps {@code scheme.type} names to core schemes. */
final class Schemes {
    private Schemes() {
    }

    static DysonScheme dyson(String type, double epsilon, long maxSteps) {
        throw new UnsupportedOperationException("TODO wire schemes");
    }

    static SimulationSpec dysonSpec(DysonModel model, DysonScheme scheme, double dt) {
        throw new UnsupportedOperationException("TODO wire schemes");
    }
}
