package dlmc.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.run.DlnSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code {type: confining}} without {@code alpha} means α = 1, and README's experiment-file section says so. */
class ConfiningDefaultTest {
    private static final Path ROOT = Path.of(System.getProperty("dlmc.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void alphaDefaultsToOneAsReadmeSays() throws Exception {
        String yaml = String.join("\n",
                "name: confining-default",
                "model: {type: dln, d: 2, depth: 2, energy: {type: confining}}",
                "scheme: {type: svd-frame, dt: 0.01}",
                "time: {t_end: 1.0}",
                "ensemble: {trajectories: 4}",
                "");
        ExperimentConfig c = ExperimentConfig.parse(yaml, "test", List.of());
        ConfiningEnergy e = (ConfiningEnergy) ((DlnSpec) c.simulationSpec()).model().energy();
        assertEquals(1.0, e.alpha());

        String line = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.contains("{type: confining, alpha}")).findFirst().orElseThrow();
        assertTrue(line.contains("default " + e.alpha()), "README's confining line states the default alpha: " + line);
    }
}
