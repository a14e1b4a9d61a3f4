package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.run.DlnSpec;
import dlmc.core.scheme.LambdaStep;
import dlmc.core.scheme.SvdFrameScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scheme.lambda_step} (svd-frame only, math-spec §6.4 step 4): the values parse into the
 * scheme, the default is implicit, and the key survives into the effective document that executors
 * re-parse. The refusals (bad value, other schemes, tied starts) are in {@code ConfigErrorsTest}.
 */
class LambdaStepConfigTest {
    private static final String DLN = String.join("\n",
            "name: lambda-step",
            "model:",
            "  type: dln",
            "  d: 3",
            "  depth: 2",
            "  energy: {type: confining, alpha: 1.0}",
            "  initial: {type: ginibre, scale: 1.0}",
            "scheme:",
            "  type: svd-frame",
            "  dt: 0.01",
            "time:",
            "  t_end: 1.0",
            "ensemble:",
            "  trajectories: 10",
            "");

    private static LambdaStep schemeMode(ExperimentConfig c) {
        return ((SvdFrameScheme) ((DlnSpec) c.simulationSpec()).scheme()).lambdaStep();
    }

    /** The DLN document with {@code scheme.lambda_step: value}. */
    private static String withLambdaStep(String value) {
        return DLN.replace("  dt: 0.01", "  dt: 0.01\n  lambda_step: " + value);
    }

    /**
     * The value written in the file parses into the scheme, is kept in the effective document and
     * parses again from it (what the executors do). @return the parsed experiment
     */
    private static ExperimentConfig parsesAndSurvives(String value, LambdaStep expected) {
        final ExperimentConfig c = ExperimentConfig.parse(withLambdaStep(value), "test", List.of());
        assertEquals(value, c.lambdaStep());
        assertSame(expected, schemeMode(c));
        assertSame(expected, schemeMode(ExperimentConfig.fromEffective(c.effectiveYaml())));
        assertTrue(c.effectiveYaml().contains("lambda_step: " + value), c.effectiveYaml());
        return c;
    }

    /** Without the key: pair-implicit, named in the effective document and the same after the round trip. */
    @Test
    void defaultIsPairImplicit() {
        final ExperimentConfig c = ExperimentConfig.parse(DLN, "test", List.of());
        assertEquals("pair-implicit", c.lambdaStep());
        assertSame(LambdaStep.PAIR_IMPLICIT, schemeMode(c));
        assertSame(LambdaStep.PAIR_IMPLICIT, schemeMode(ExperimentConfig.fromEffective(c.effectiveYaml())));
        // written into the effective document (config_yaml of the manifest, the --resume check)
        assertTrue(c.effectiveYaml().contains("lambda_step: pair-implicit"), c.effectiveYaml());
        assertEquals(c.effectiveYaml(), ExperimentConfig.fromEffective(c.effectiveYaml()).effectiveYaml());
    }

    /** implicit (the Newton step, no longer the default) written in the file is kept for the executors. */
    @Test
    void implicitParsesAndIsKeptInTheEffectiveDocument() {
        parsesAndSurvives("implicit", LambdaStep.IMPLICIT);
    }

    @Test
    void tamedParsesAndIsKeptInTheEffectiveDocument() {
        parsesAndSurvives("tamed", LambdaStep.TAMED);
    }

    @Test
    void setOverrides() {
        final ExperimentConfig t = ExperimentConfig.parse(DLN, "test", List.of("scheme.lambda_step=tamed"));
        assertSame(LambdaStep.TAMED, schemeMode(t));
        final ExperimentConfig i = ExperimentConfig.parse(DLN, "test", List.of("scheme.lambda_step=implicit"));
        assertSame(LambdaStep.IMPLICIT, schemeMode(i));
        // the identity start is fine for the default, for the implicit step and for tamed without interaction (kappa = 0)
        final String identity = DLN.replace("{type: ginibre, scale: 1.0}", "{type: identity, scale: 1.0}");
        assertEquals("pair-implicit", ExperimentConfig.parse(identity, "test", List.of()).lambdaStep());
        assertEquals("implicit", ExperimentConfig.parse(identity, "test", List.of("scheme.lambda_step=implicit")).lambdaStep());
        assertEquals("tamed", ExperimentConfig.parse(identity.replace("  d: 3", "  d: 3\n  kappa: 0"), "test",
                List.of("scheme.lambda_step=tamed")).lambdaStep());
    }

    /** pair-implicit parses, survives the effective document and accepts a tied start (X(0) = I). */
    @Test
    void pairImplicitParsesAndAcceptsTheIdentityStart() {
        parsesAndSurvives("pair-implicit", LambdaStep.PAIR_IMPLICIT);
        final String identity = DLN.replace("{type: ginibre, scale: 1.0}", "{type: identity, scale: 1.0}");
        final ExperimentConfig i = ExperimentConfig.parse(identity, "test", List.of("scheme.lambda_step=pair-implicit"));
        assertSame(LambdaStep.PAIR_IMPLICIT, schemeMode(i));
    }

    @Test
    void otherSchemesHaveNoLambdaStep() {
        assertNull(ExperimentConfig.parse(DLN.replace("svd-frame", "matrix-em"), "test", List.of()).lambdaStep());
    }
}
