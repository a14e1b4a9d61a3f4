package dlmc.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.MatrixEmScheme;
import dlmc.core.scheme.SingularValueScheme;
import dlmc.core.scheme.SvdFrameScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DlnSpec#warnings}: matrix-em warns for depth N ≥ 2 with noise (math-spec §6.3, its bias
 * where λ_min is small; measured in bench/RESULTS.md), and only there.
 */
class DlnSpecWarningsTest {
    private static DlnModel model(int depth) {
        return new DlnModel(3, depth, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Identity(1));
    }

    @Test
    void matrixEmWarnsForDepthTwoOrMore() {
        for (int depth : new int[] {2, 4}) {
            List<String> w = new DlnSpec(model(depth), new MatrixEmScheme(), 1e-3).warnings();
            assertEquals(List.of(MatrixEmScheme.BIAS_WARNING), w, "depth " + depth);
        }
        assertTrue(MatrixEmScheme.BIAS_WARNING.contains("svd-frame"), "the warning names the alternative");
    }

    @Test
    void noWarningOtherwise() {
        // N = 1: smooth coefficients (Euclidean Brownian motion plus the energy drift): no §6.3 bias
        assertEquals(List.of(), new DlnSpec(model(1), new MatrixEmScheme(), 1e-3).warnings());
        assertEquals(List.of(), new DlnSpec(model(4), new SvdFrameScheme(), 1e-3).warnings());
        assertEquals(List.of(), new DlnSpec(model(4), new SingularValueScheme(), 1e-3).warnings());
    }

    /**
     * A Gibbs law that applies but whose quadrature does not converge (d = 3 and large N) is said
     * once, in the plan's warnings, instead of the gibbs_ rows silently missing; d = 2 at N = 500
     * converges (graded panels at the confinement wall) and has its rows and no warning.
     */
    @Test
    void gibbsRowsThatCannotBeComputedAreSaidSo() {
        final SaveGrid grid = new SaveGrid(new double[] {0, 0.1});
        final DlnModel deep3 = new DlnModel(3, 100, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Identity(1));
        final dlmc.core.estimate.DlnEstimatorLayout l3 = (dlmc.core.estimate.DlnEstimatorLayout)
                new DlnSpec(deep3, new SvdFrameScheme(), 1e-2).planEstimates(grid, 8, 7);
        assertEquals(null, l3.gibbs());
        assertEquals(List.of(DlnReferences.gibbsNotConverged(deep3)), l3.warnings());
        assertTrue(l3.warnings().get(0).contains("d = 3, depth N = 100"), l3.warnings().toString());

        final DlnModel deep2 = new DlnModel(2, 500, 2.0, 1.0, true, new ConfiningEnergy(1.0), new DlnInitial.Identity(1));
        final dlmc.core.estimate.DlnEstimatorLayout l2 = (dlmc.core.estimate.DlnEstimatorLayout)
                new DlnSpec(deep2, new SvdFrameScheme(), 1e-2).planEstimates(grid, 8, 7);
        assertTrue(l2.gibbs() != null, "d = 2, N = 500: gibbs_ rows");
        assertEquals(List.of(), l2.warnings());
    }

    /** No noise (κ = 0, or β = ∞): explicit Euler for the deterministic flow, no §6.3 noise bias to warn of. */
    @Test
    void noWarningWithoutNoise() {
        final DlnModel kappaZero = new DlnModel(3, 4, 2.0, 0.0, true, new ConfiningEnergy(1.0), new DlnInitial.Identity(1));
        final DlnModel betaInf = new DlnModel(3, 4, Double.POSITIVE_INFINITY, 1.0, true, new ConfiningEnergy(1.0),
                new DlnInitial.Identity(1));
        assertEquals(List.of(), new DlnSpec(kappaZero, new MatrixEmScheme(), 1e-3).warnings());
        assertEquals(List.of(), new DlnSpec(betaInf, new MatrixEmScheme(), 1e-3).warnings());
    }
}
