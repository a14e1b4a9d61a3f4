package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code matrix} start is checked against the scheme before anything runs ({@code
 * DlnScheme.startReason}): a start that would end every trajectory at t = 0 is refused (exit 2 in
 * {@code ConfigErrorsTest}), while the starts a scheme can leave stay valid — svd-frame and
 * singular-values cross one vanishing singular value by reflection (math-spec §3.3, §6.4 step 5),
 * and N = 1 has no rank condition for the end-to-end schemes (𝒜 = id, §2.1).
 */
class DlnStartConfigTest {
    private static String dln(String scheme, int depth, String initial) {
        return String.join("\n",
                "name: start",
                "model:",
                "  type: dln",
                "  d: 2",
                "  depth: " + depth,
                "  energy: {type: confining, alpha: 1.0}",
                "  initial: " + initial,
                "scheme:",
                "  type: " + scheme,
                "  dt: 0.01",
                "time:",
                "  t_end: 1.0",
                "ensemble:",
                "  trajectories: 10",
                "");
    }

    private static final String RANK_ONE = "{type: matrix, values: [[1, 2], [2, 4]]}";

    @Test
    void reflectingSchemesAcceptOneVanishingSingularValue() {
        for (String scheme : List.of("svd-frame", "singular-values")) {
            ExperimentConfig c = ExperimentConfig.parse(dln(scheme, 3, RANK_ONE), "test", List.of());
            assertEquals(scheme, c.schemeType());
        }
    }

    @Test
    void depthOneGradientFlowAcceptsARankDeficientStart() {
        ExperimentConfig c = ExperimentConfig.parse(dln("gradient-flow", 1, RANK_ONE), "test", List.of());
        assertEquals("gradient-flow", c.schemeType());
    }

    @Test
    void endToEndSchemesRefuseARankDeficientStartAtDepthTwo() {
        for (String scheme : List.of("gradient-flow", "matrix-em", "parameter-flow")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ExperimentConfig.parse(dln(scheme, 2, RANK_ONE), "test", List.of()), scheme);
            assertTrue(e.getMessage().startsWith("model.initial: " + RANK_ONE + " is not allowed"), e.getMessage());
            assertTrue(e.getMessage().contains("every trajectory of scheme " + scheme
                    + " would stop at t = 0 with status rank_deficient"), e.getMessage());
        }
    }

    @Test
    void fullRankMatrixAndRandomStartsAreAccepted() {
        for (String scheme : List.of("svd-frame", "singular-values", "gradient-flow", "matrix-em", "parameter-flow")) {
            ExperimentConfig.parse(dln(scheme, 3, "{type: matrix, values: [[1, 0.2], [0, 0.5]]}"), "test", List.of());
            ExperimentConfig.parse(dln(scheme, 3, "{type: ginibre, scale: 0.1}"), "test", List.of());
        }
    }
}
