package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped experiment (conf/experiments, the validate suite) loads, round-trips through its
 * effective document, and uses only keys of {@link ExperimentKeys} (which also holds for every
 * key an accessor reads: {@code YamlTree.raw} asserts it, and tests run with assertions on).
 */
class ExperimentKeysTest {

    static Stream<Path> experiments() throws IOException {
        Stream<Path> conf = Files.list(Path.of("..", "conf", "experiments"));
        Stream<Path> validate = Files.list(Path.of("src", "main", "resources", "dlmc", "validate"));
        return Stream.concat(conf, validate).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experiments")
    void loadsWithCataloguedKeysOnly(Path file) {
        ExperimentConfig c = ExperimentConfig.load(file, List.of());
        assertEquals(c.effectiveYaml(), ExperimentConfig.fromEffective(c.effectiveYaml()).effectiveYaml());
        assertKnown(c.effective(), "");
    }

    @SuppressWarnings("unchecked")
    private static void assertKnown(Map<String, Object> node, String prefix) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            assertTrue(ExperimentKeys.known(path), path + " is missing from ExperimentKeys.ALL");
            if (e.getValue() instanceof Map<?, ?> m) {
                assertKnown((Map<String, Object>) m, path + ".");
            }
        }
    }
}
