package dlmc.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.dln.MetricScale;
import dlmc.core.energy.ConfiningEnergy;
import dlmc.core.energy.NoEnergy;
import dlmc.core.estimate.DlnEstimatorLayout;
import dlmc.core.estimate.DlnTheory;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.scheme.GradientFlowScheme;
import dlmc.core.scheme.SingularValueScheme;
import dlmc.core.scheme.SvdFrameScheme;
import org.junit.jupiter.api.Test;

/** Where {@link DlnReferences} attaches theory, and where it must not; plan-time cost. */
class DlnReferencesTest {
    private static final SaveGrid GRID = SaveGrid.every(1, 4);

    private static boolean allNaN(DlnTheory th) {
        for (int k = 0; k < th.times(); k++) {
            for (int i = 0; i < th.d(); i++) {
                if (!Double.isNaN(th.layerMean(k, i)) || !Double.isNaN(th.singularValueMean(k, i))) {
                    return false;
                }
            }
            if (!Double.isNaN(th.sumSquares(k)) || !Double.isNaN(th.energy(k)) || !Double.isNaN(th.entropy(k))) {
                return false;
            }
            for (int b = 0; b <= th.bins(); b++) {
                if (!Double.isNaN(th.layerDensity(k, b)) || !Double.isNaN(th.singularValueDensity(k, b))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void noTheoryWhereTheReferencesDoNotApply() {
        // entropic drift on with N = 2: not the λ-law; E = 0: no Gibbs law (not normalisable)
        final DlnModel entropic = new DlnModel(2, 2, 2, 1, true, new NoEnergy(), new DlnInitial.Identity(1));
        assertFalse(DlnReferences.lambdaLawApplies(entropic, new SingularValueScheme()));
        assertFalse(DlnReferences.gibbsApplies(entropic, new SingularValueScheme()));
        final DlnEstimatorLayout l = (DlnEstimatorLayout) new DlnSpec(entropic, new SingularValueScheme(), 1e-2)
                .planEstimates(GRID, 8, 1);
        assertTrue(allNaN(l.theory()));
        assertNull(l.gibbs());
        // a deterministic flow never gets stochastic theory
        final DlnModel bm = new DlnModel(2, 2, 2, 1, false, new NoEnergy(), new DlnInitial.Identity(1));
        assertFalse(DlnReferences.lambdaLawApplies(bm, new GradientFlowScheme()));
        assertTrue(DlnReferences.lambdaLawApplies(bm, new SvdFrameScheme()));
        // N = 1: S ≡ 0, so the entropy switch does not matter
        assertTrue(DlnReferences.lambdaLawApplies(new DlnModel(2, 1, 2, 1, true, new NoEnergy(),
                new DlnInitial.Identity(1)), new SvdFrameScheme()));
        // confining: Gibbs only for d <= 3, and never λ-law theory on the regular rows
        final DlnModel wide = new DlnModel(4, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Identity(1));
        assertFalse(DlnReferences.gibbsApplies(wide, new SingularValueScheme()));
        assertFalse(DlnReferences.lambdaLawApplies(wide, new SingularValueScheme()));
    }

    /** d = 3 plan (pilot + references) for the λ-law and the Gibbs case, 5 save times, 48 bins. */
    @Test
    void planTimeForWidthThree() {
        final DlnModel bm = new DlnModel(3, 3, 2, 1, false, new NoEnergy(), new DlnInitial.Identity(1));
        final DlnModel gibbs = new DlnModel(3, 3, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Identity(1));
        for (DlnModel m : new DlnModel[] {bm, gibbs}) {
            final DlnEstimatorLayout l = (DlnEstimatorLayout) new DlnSpec(m, new SingularValueScheme(), 1e-2)
                    .planEstimates(GRID, 48, 7);
            if (m == bm) {
                assertFalse(allNaN(l.theory()));
                assertNull(l.gibbs());
                // exact E Σλ² = 3 + 9·2t/(βN) = 3 + 3t
                assertEquals(3 + 3 * 4.0, l.theory().sumSquares(4), 1e-12);
                assertEquals(0.0, l.theory().energy(4), 0);
            } else {
                assertTrue(allNaN(l.theory()));
                assertNotNull(l.gibbs());
                // virial identity (DlnGibbsLawTest): (κd² + d(d−1)(N−1)/2)/(2βN) = (9 + 6)/12
                assertEquals(15.0 / 12, l.gibbs().energy(0), 1e-6);
            }
        }
    }

    /**
     * metric_scale cmv (𝒜/N, math-spec §2.1 note): the λ-law of the g^N Brownian motion (E = 0, no
     * entropy) at the CMV time t is the M24 law at t/N. The exact row is
     * E Σλ² = Σλ_i(0)² + d²·2κ(t/N)/(βN); the whole plan (pilot ranges, sampled references) equals
     * the M24 plan with step dt/N on the save times t/N; the Gibbs rows do not change.
     */
    @Test
    void cmvTheoryIsTheM24TheoryAtTimeOverN() {
        final int d = 3;
        final int n = 3;
        final double beta = 2;
        final double kappa = 1;
        final DlnModel bm = new DlnModel(d, n, beta, kappa, false, new NoEnergy(), new DlnInitial.Identity(1),
                MetricScale.CMV);
        final DlnEstimatorLayout cmv = (DlnEstimatorLayout) new DlnSpec(bm, new SvdFrameScheme(), 1e-2)
                .planEstimates(GRID, 16, 7);
        for (int k = 0; k < GRID.size(); k++) {
            final double t = GRID.time(k);
            // Σλ_i(0)² = 3 (X(0) = I); d²·2κ(t/N)/(βN) = 9·2·(t/3)/6 = t (M24 at t: 3t)
            final double expected = d + (double) d * d * 2 * kappa * (t / n) / (beta * n);
            assertEquals(expected, cmv.theory().sumSquares(k), 1e-12, "t = " + t);
            assertEquals(3 + t, cmv.theory().sumSquares(k), 1e-12, "t = " + t);
            assertEquals(t, cmv.time(k), 0.0, "the rows stay on the CMV clock");
        }
        final double[] over = GRID.times();
        for (int k = 0; k < over.length; k++) {
            over[k] /= n;
        }
        final DlnEstimatorLayout m24 = (DlnEstimatorLayout) new DlnSpec(bm.withMetricScale(MetricScale.M24),
                new SvdFrameScheme(), 1e-2 / n).planEstimates(new SaveGrid(over), 16, 7);
        assertEquals(m24.theory(), cmv.theory(), "CMV theory at t = M24 theory at t/N");
        for (int k = 0; k < GRID.size(); k++) {
            assertEquals(m24.lambdaHi(k), cmv.lambdaHi(k), 0.0);
            assertEquals(m24.sigmaHi(k), cmv.sigmaHi(k), 0.0);
            assertEquals(m24.theory().layerMean(k, 0), cmv.theory().layerMean(k, 0), 0.0);
        }

        // stationary law: the same Gibbs rows in both normalisations (the last pilot range is the same: same draws)
        final DlnModel gibbs = new DlnModel(2, 2, 2, 1, true, new ConfiningEnergy(1), new DlnInitial.Identity(1));
        final DlnTheory g24 = DlnReferences.gibbs(gibbs, new SvdFrameScheme(), 4, 2, 16);
        final DlnTheory gCmv = DlnReferences.gibbs(gibbs.withMetricScale(MetricScale.CMV), new SvdFrameScheme(), 4, 2, 16);
        assertNotNull(g24);
        assertEquals(g24, gCmv);
    }
}
