package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.dln.MetricScale;
import dlmc.core.run.DlnSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code model.metric_scale} (DLN only, math-spec §2.1 note): m24 and cmv parse into the model, a
 * written value survives into the effective document that executors re-parse (and that the manifest
 * echoes), and the default m24 is not written into it — so every existing experiment keeps its
 * effective document and its default run id. The refusals (bad values, Dyson models) are in
 * {@code ConfigErrorsTest}.
 */
class MetricScaleConfigTest {
    private static final String DLN = String.join("\n",
            "name: metric-scale",
            "model:",
            "  type: dln",
            "  d: 3",
            "  depth: 3",
            "  energy: {type: confining, alpha: 1.0}",
            "scheme:",
            "  type: svd-frame",
            "  dt: 0.01",
            "time:",
            "  t_end: 1.0",
            "ensemble:",
            "  trajectories: 10",
            "");

    private static MetricScale modelScale(ExperimentConfig c) {
        return ((DlnSpec) c.simulationSpec()).model().metricScale();
    }

    @SuppressWarnings("unchecked")
    private static Object echoed(ExperimentConfig c) {
        return ((Map<String, Object>) c.effective().get("model")).get("metric_scale");
    }

    /** Without the key: m24, and the effective document (run id, --resume check) does not name it. */
    @Test
    void defaultIsM24AndNotWrittenIntoTheEffectiveDocument() {
        final ExperimentConfig c = ExperimentConfig.parse(DLN, "test", List.of());
        assertEquals("m24", c.metricScale());
        assertSame(MetricScale.M24, c.dlnModel().metricScale());
        assertSame(MetricScale.M24, modelScale(c));
        assertFalse(c.effectiveYaml().contains("metric_scale"), c.effectiveYaml());
        assertNull(echoed(c));
        final ExperimentConfig again = ExperimentConfig.fromEffective(c.effectiveYaml());
        assertEquals(c.effectiveYaml(), again.effectiveYaml());
        assertSame(MetricScale.M24, modelScale(again));
    }

    @Test
    void cmvParsesAndSurvivesTheEffectiveDocument() {
        for (String value : new String[] {"cmv", "m24"}) {
            final ExperimentConfig c = ExperimentConfig.parse(DLN.replace("  depth: 3", "  depth: 3\n  metric_scale: " + value),
                    "test", List.of());
            final MetricScale expected = MetricScale.fromKey(value);
            assertEquals(value, c.metricScale());
            assertSame(expected, modelScale(c));
            assertTrue(c.effectiveYaml().contains("  metric_scale: " + value + "\n"), c.effectiveYaml());
            assertEquals(value, echoed(c), "the manifest's config echo");
            final ExperimentConfig again = ExperimentConfig.fromEffective(c.effectiveYaml());
            assertSame(expected, modelScale(again), "executors re-parse the same normalisation");
            assertEquals(c.effectiveYaml(), again.effectiveYaml());
        }
    }

    @Test
    void setOverrides() {
        final ExperimentConfig c = ExperimentConfig.parse(DLN, "test", List.of("model.metric_scale=cmv"));
        assertSame(MetricScale.CMV, modelScale(c));
        assertEquals("cmv", echoed(c));
        // every DLN scheme accepts it
        for (String scheme : Schemes.DLN_SCHEMES) {
            final ExperimentConfig s = ExperimentConfig.parse(DLN, "test", List.of("model.metric_scale=cmv",
                    "scheme.type=" + scheme));
            assertSame(MetricScale.CMV, modelScale(s), scheme);
        }
    }

    @Test
    void dysonExperimentsHaveNoMetricScale() {
        final String dyson = String.join("\n", "name: d", "model:", "  type: dyson", "  beta: 2", "  n: 4",
                "  normalization: d1", "scheme:", "  type: exact", "time:", "  t_end: 1.0", "ensemble:",
                "  trajectories: 2", "");
        assertNull(ExperimentConfig.parse(dyson, "test", List.of()).metricScale());
    }

    /** No shipped experiment writes the key, and none gets it written for it: their run ids are unchanged. */
    @Test
    void shippedExperimentsKeepTheirEffectiveDocument() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "conf", "experiments"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                final ExperimentConfig c = ExperimentConfig.load(p, List.of());
                assertFalse(c.effectiveYaml().contains("metric_scale"), p + ": " + c.effectiveYaml());
                if (c.dlnModel() != null) {
                    assertEquals("m24", c.metricScale(), p.toString());
                }
            }
        }
    }
}
