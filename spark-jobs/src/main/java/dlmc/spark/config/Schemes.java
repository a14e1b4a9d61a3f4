package dlmc.spark.config;

import dlmc.core.model.DysonModel;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.SimulationSpec;
import dlmc.core.scheme.DlnScheme;
import dlmc.core.scheme.GradientFlowScheme;
import dlmc.core.scheme.LambdaStep;
import dlmc.core.scheme.MatrixEmScheme;
import dlmc.core.scheme.ParameterFlowScheme;
import dlmc.core.scheme.SingularValueScheme;
import dlmc.core.scheme.SvdFrameScheme;
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
                throw invalidType(type, "dyson");
        }
    }

    /** Names of the Dyson-model schemes (interface.md §2). */
    static final java.util.List<String> DYSON_SCHEMES = java.util.List.of("exact", "euler-maruyama", "implicit");

    /** Names of the deep-linear-network schemes (interface.md §2). */
    static final java.util.List<String> DLN_SCHEMES =
            java.util.List.of("svd-frame", "matrix-em", "singular-values", "gradient-flow", "parameter-flow");

    /** @param lambdaStep svd-frame's {@code scheme.lambda_step}; null = the default ({@link LambdaStep#DEFAULT}, pair-implicit) */
    static DlnScheme dln(String type, double epsilon, LambdaStep lambdaStep) {
        switch (type) {
            case SvdFrameScheme.NAME:
                return new SvdFrameScheme(lambdaStep == null ? LambdaStep.DEFAULT : lambdaStep);
            case MatrixEmScheme.NAME:
                return new MatrixEmScheme(epsilon);
            case SingularValueScheme.NAME:
                return new SingularValueScheme();
            case GradientFlowScheme.NAME:
                return new GradientFlowScheme();
            case ParameterFlowScheme.NAME:
                return new ParameterFlowScheme();
            default:
                throw invalidType(type, "dln");
        }
    }

    /**
     * @param modelType {@code dyson} or {@code dln}
     * @return "scheme.type: 'x' is not allowed (the schemes of modelType)", with a "did you mean" for a near miss, or
     *         the note that x is a scheme of the other model type
     */
    static ConfigException invalidType(String type, String modelType) {
        boolean dyson = modelType.equals("dyson");
        java.util.List<String> own = dyson ? DYSON_SCHEMES : DLN_SCHEMES;
        java.util.List<String> other = dyson ? DLN_SCHEMES : DYSON_SCHEMES;
        String allowed = (dyson ? "exact, euler-maruyama or implicit" : String.join(", ", DLN_SCHEMES))
                + " for model.type: " + modelType;
        if (other.contains(type)) {
            return new ConfigException(ConfigException.invalid("scheme.type", type, allowed).getMessage()
                    + "; '" + type + "' is a scheme of model.type: " + (dyson ? "dln" : "dyson"));
        }
        return ConfigException.invalidChoice("scheme.type", type, own, allowed);
    }

    static SimulationSpec dysonSpec(DysonModel model, DysonScheme scheme, double dt) {
        return new DysonSpec(model, scheme, dt);
    }
}
