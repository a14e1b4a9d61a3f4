package dlmc.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.run.Observation;
import dlmc.core.run.SaveGrid;
import dlmc.core.scheme.Status;
import dlmc.core.theory.FiniteNOnePointLaw;
import dlmc.core.theory.SineKernelSpacingLaw;
import dlmc.core.theory.SpacingRatioReference;
import dlmc.core.theory.TracyWidom;
import dlmc.core.theory.TwoByTwoSpacingLaw;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpectralEstimatorTest {
    /** Hand-computed values below are sums of a few dyadic/thirds numbers: a few ulps. */
    private static final double HAND_TOL = 1e-15;
    /** combine(a, b) vs one accumulator: different summation order only, ~1e-15; asked 1e-12. */
    private static final double MERGE_TOL = 1e-12;

    /** times {0, 1}; n = 3; β = 2; 4 bins; eigenvalues on [−2, 2); λ_max on [0, 4); R unknown. */
    private static EstimatorLayout handLayout() {
        return new EstimatorLayout(new double[] {0, 1}, 3, 2.0, 4, new double[] {-2, -2}, new double[] {2, 2},
                new double[] {0, 0}, new double[] {4, 4}, null);
    }

    private static Observation obs(double entropy, double energy, double... spectrum) {
        Observation o = new Observation(spectrum.length);
        System.arraycopy(spectrum, 0, o.spectrum, 0, spectrum.length);
        o.entropy = entropy;
        o.energy = energy;
        return o;
    }

    /** First row of {@code quantity} (for non-histograms, the only one) at time t. */
    private static EstimateRow row(List<EstimateRow> rows, double t, String quantity) {
        return rows.stream().filter(r -> r.t == t && r.quantity.equals(quantity)).findFirst().orElse(null);
    }

    private static EstimateRow bin(List<EstimateRow> rows, double t, String quantity, int b) {
        return rows.stream().filter(r -> r.t == t && r.quantity.equals(quantity)).skip(b).findFirst().orElseThrow();
    }

    @Test
    void handCheckableRows() {
        SpectralEstimator e = new SpectralEstimator(handLayout());
        // A: gaps {1, 1}, mean gap 1, ratio 1, λ_max 1, p1 = 0, p2 = 2/3.
        e.accept(1, obs(1.0, 1.0, -1, 0, 1));
        // B: gaps {1, 2}, mean gap 1.5, ratio 1/2, λ_max 3, p1 = 4/3, p2 = 10/3.
        e.accept(1, obs(3.0, 5.0, 0, 1, 3));
        List<EstimateRow> rows = e.rows();

        assertEquals(2, row(rows, 1, "trajectories").count);
        assertEquals(0, row(rows, 0, "trajectories").count);
        assertTrue(Double.isNaN(row(rows, 0, "moment_1").value), "empty time: NaN, not 0");

        EstimateRow m1 = row(rows, 1, "moment_1");
        assertEquals(2.0 / 3, m1.value, HAND_TOL);
        assertEquals(2.0 / 3, m1.stdError, HAND_TOL); // sd of {0, 4/3} over sqrt 2
        assertEquals(2, m1.count);
        assertTrue(Double.isNaN(m1.theory), "R unknown");
        EstimateRow m2 = row(rows, 1, "moment_2");
        assertEquals(2.0, m2.value, HAND_TOL);
        assertEquals(4.0 / 3, m2.stdError, HAND_TOL);

        assertEquals(2.0, row(rows, 1, "lambda_max_mean").value, HAND_TOL);
        assertEquals(2.0, row(rows, 1, "lambda_max_variance").value, HAND_TOL);
        assertTrue(Double.isNaN(row(rows, 1, "lambda_max_variance").stdError), "needs 4 trajectories");
        assertEquals(1.25, row(rows, 1, "spacing_mean").value, HAND_TOL);
        assertEquals(0.75, row(rows, 1, "spacing_ratio_mean").value, HAND_TOL);
        assertEquals(0.25, row(rows, 1, "spacing_ratio_mean").stdError, HAND_TOL);
        assertEquals(2.0, row(rows, 1, "entropy_mean").value, HAND_TOL);
        assertEquals(3.0, row(rows, 1, "energy_mean").value, HAND_TOL);
        assertEquals(null, row(rows, 1, "tw_mean"), "no TW rows without a radius");

        // density, bins [−2,−1) [−1,0) [0,1) [1,2): A → 0,1/3,1/3,1/3; B → 0,0,1/3,1/3 + 1/3 overflow.
        double[] density = {0, 1.0 / 6, 1.0 / 3, 1.0 / 3};
        long[] counts = {0, 1, 2, 2};
        for (int b = 0; b < 4; b++) {
            EstimateRow r = bin(rows, 1, "density", b);
            assertEquals(density[b], r.value, HAND_TOL, "bin " + b);
            assertEquals(counts[b], r.count, "bin " + b);
            assertEquals(-2.0 + b, r.binLo, 0.0);
            assertEquals(-1.0 + b, r.binHi, 0.0);
        }
        EstimateRow over = row(rows, 1, "density_overflow");
        assertEquals(1.0 / 6, over.value, HAND_TOL);
        assertEquals(1, over.count);
        assertEquals(Double.POSITIVE_INFINITY, over.binHi);
        // spacing_density on [0, 4) with width 1: A → gaps/mean {1, 1} → bin 1; B → {2/3, 4/3} → bins 0, 1.
        assertEquals(0.25, bin(rows, 1, "spacing_density", 0).value, HAND_TOL);
        assertEquals(0.75, bin(rows, 1, "spacing_density", 1).value, HAND_TOL);
        // lambda_max_density on [0, 4): λ_max 1 and 3.
        assertEquals(0.5, bin(rows, 1, "lambda_max_density", 1).value, HAND_TOL);
        assertEquals(0.5, bin(rows, 1, "lambda_max_density", 3).value, HAND_TOL);
    }

    @Test
    void quantityNamesAndOrderAreTheDocumentedOnes() {
        SpectralEstimator e = new SpectralEstimator(handLayout());
        Map<String, Integer> perTime = new LinkedHashMap<>();
        for (EstimateRow r : e.rows()) {
            if (r.t == 1.0) {
                perTime.merge(r.quantity, 1, Integer::sum);
            }
        }
        assertEquals(List.of("trajectories", "moment_1", "moment_2", "moment_4", "moment_6", "density",
                "density_underflow", "density_overflow", "lambda_max_mean", "lambda_max_variance", "lambda_max_density",
                "lambda_max_density_underflow", "lambda_max_density_overflow", "spacing_mean", "spacing_density",
                "spacing_density_underflow", "spacing_density_overflow", "spacing_ratio_mean", "entropy_mean",
                "energy_mean"), List.copyOf(perTime.keySet()));
        assertEquals(4, perTime.get("density"));
    }

    @Test
    void theoryColumnsForAGaussianStart() {
        // D1 from 0, β = 2, n = 3: R(t) = 2 sqrt(3t); at t = 1, R² = 12.
        DysonModel model = new DysonModel(2.0, 3, Normalization.D1, new InitialCondition.Zero());
        SpectralEstimator e = new SpectralEstimator(EstimatorLayout.forDyson(model, SaveGrid.every(0.5, 1.0), 8));
        List<EstimateRow> rows = e.rows();
        // Exact finite-n closed forms (GbeMoments): m2 = (R²/4)(1 + (2/β − 1)/n) = 3,
        // m4 = (R/2)^4 (2 + 1/n²) = 9 · 19/9 = 19 for GUE, energy (R²/8)(n − 1 + 2/β); rounding only.
        assertEquals(3.0, row(rows, 1, "moment_2").theory, 1e-14);
        assertEquals(19.0, row(rows, 1, "moment_4").theory, 1e-13);
        assertEquals(0.0, row(rows, 1, "moment_1").theory);
        assertEquals(1.5 * 3, row(rows, 1, "energy_mean").theory, 1e-14);
        assertEquals(TracyWidom.mean(2), row(rows, 1, "tw_mean").theory);
        assertEquals(TracyWidom.variance(2), row(rows, 1, "tw_variance").theory);
        assertEquals(SpacingRatioReference.surmise3x3(2), row(rows, 1, "spacing_ratio_mean").theory);
        // At t = 0 all eigenvalues sit at 0: moments are exactly 0, no TW rows, no density theory.
        assertEquals(0.0, row(rows, 0, "moment_2").theory);
        assertEquals(null, row(rows, 0, "tw_mean"));
        assertTrue(Double.isNaN(bin(rows, 0, "density", 0).theory));
        // β = 2, n = 3: the density theory is the exact finite-n GUE law (FiniteNOnePointLaw), whose
        // masses in the bins and outside the range add up to 1.
        FiniteNOnePointLaw law = FiniteNOnePointLaw.of(3, 2.0, Math.sqrt(12));
        EstimateRow first = bin(rows, 1, "density", 0);
        assertEquals(law.probability(first.binLo, first.binHi) / (first.binHi - first.binLo), first.theory, 1e-15);
        double mass = rows.stream().filter(r -> r.t == 1.0 && r.quantity.startsWith("density"))
                .mapToDouble(r -> r.quantity.equals("density") ? r.theory * (r.binHi - r.binLo) : r.theory).sum();
        assertEquals(1.0, mass, 1e-12);
        // β = 1 keeps the n → ∞ semicircle: its mass inside the range is 1 (range ⊃ [−R, R])
        DysonModel goe = new DysonModel(1.0, 3, Normalization.D1, new InitialCondition.Zero());
        double semicircleMass = new SpectralEstimator(EstimatorLayout.forDyson(goe, SaveGrid.every(0.5, 1.0), 8)).rows().stream()
                .filter(r -> r.t == 1.0 && r.quantity.equals("density")).mapToDouble(r -> r.theory * (r.binHi - r.binLo)).sum();
        assertEquals(1.0, semicircleMass, 1e-14);
    }

    @Test
    void pairSpacingNormalisedByExactMean() {
        // n = 2, D1 from 0, β = 1: R² = 8t so τ = R²/8 = t (math-spec §5.2, O19).
        DysonModel model = new DysonModel(1.0, 2, Normalization.D1, new InitialCondition.Zero());
        EstimatorLayout layout = EstimatorLayout.forDyson(model, new SaveGrid(new double[] {0, 2.0}), 4);
        double es = new TwoByTwoSpacingLaw(1.0, 2.0).mean();
        assertEquals(es, layout.pairSpacingMean(1), 1e-14 * es);
        assertTrue(Double.isNaN(layout.pairSpacingMean(0)), "R = 0 at t = 0");
        SpectralEstimator e = new SpectralEstimator(layout);
        e.accept(1, obs(0, 0, -0.5 * es, 0.5 * es)); // gap exactly E s → normalised 1 → bin 1 of [0, 4)
        List<EstimateRow> rows = e.rows();
        assertEquals(1.0, bin(rows, 2.0, "spacing_density", 1).value, 1e-15);
        assertEquals(es, row(rows, 2.0, "spacing_mean").theory);
        double wigner = rows.stream().filter(r -> r.t == 2.0 && r.quantity.equals("spacing_density"))
                .mapToDouble(r -> r.theory * (r.binHi - r.binLo)).sum();
        // Wigner surmise (π/2) s exp(−πs²/4): mass in [0, 4) is 1 − e^{−4π}; the rows' densities are
        // bin averages, so their sum reproduces the exact bin masses up to rounding
        assertEquals(1 - Math.exp(-4 * Math.PI), wigner, 1e-12, "surmise mass in [0, 4)");
        assertEquals(null, row(rows, 0.0, "spacing_density"), "no scale at t = 0: not emitted");
    }

    @Test
    void unfoldedSpacingRowsWhenTheRadiusIsKnown() {
        // GUE, D1 from 0, n = 7, times {0, 0.5, 1}: R = 0 at t = 0 (no rows), R = 2 sqrt(7t) after.
        DysonModel model = new DysonModel(2.0, 7, Normalization.D1, new InitialCondition.Zero());
        EstimatorLayout layout = EstimatorLayout.forDyson(model, SaveGrid.every(0.5, 1.0), 5);
        SpectralEstimator e = new SpectralEstimator(layout);
        // eigenvalues at the semicircle quantiles (i + 1/2)/n unfold to i + 1/2: bulk spacings all 1
        Observation o = new Observation(7);
        double r = layout.radius(2);
        for (int i = 0; i < 7; i++) {
            o.spectrum[i] = r * BulkUnfoldingTest.quantile((i + 0.5) / 7);
        }
        e.accept(2, o);
        e.accept(2, o);
        List<EstimateRow> rows = e.rows();
        assertEquals(null, row(rows, 0.0, "unfolded_spacing_mean"), "R = 0: not emitted");
        EstimateRow mean = row(rows, 1.0, "unfolded_spacing_mean");
        assertEquals(1.0, mean.value, 1e-12);
        assertEquals(1.0, mean.theory);
        assertEquals(2, mean.count);
        assertEquals(0.0, row(rows, 1.0, "unfolded_spacing_variance").value, 1e-12);
        SineKernelSpacingLaw law = SineKernelSpacingLaw.of(2);
        assertEquals(law.variance(), row(rows, 1.0, "unfolded_spacing_variance").theory);
        EstimateRow one = bin(rows, 1.0, "unfolded_spacing_density", 1); // [0.8, 1.6)
        assertEquals(0.8, one.binLo, 0.0);
        assertEquals(1 / 0.8, one.value, 1e-15);
        assertEquals(0.0, one.stdError, 1e-15);
        assertEquals(6, one.count, "x = 2.5, 3.5, 4.5 in [1.75, 5.25): three spacings per trajectory");
        assertEquals(law.probability(0.8, 1.6) / 0.8, one.theory, 1e-15);
        assertEquals(law.tail(4), row(rows, 1.0, "unfolded_spacing_density_overflow").theory, 1e-15);
        assertEquals(0.0, row(rows, 1.0, "unfolded_spacing_density_underflow").theory);
        // t = 0.5: no observation, the rows are there with NaN values
        assertTrue(Double.isNaN(row(rows, 0.5, "unfolded_spacing_mean").value));

        // β = 3 (no sine-kernel law here): rows with theory NaN except the mean (1 for every β)
        DysonModel b3 = new DysonModel(3.0, 6, Normalization.D1, new InitialCondition.Zero());
        List<EstimateRow> r3 = new SpectralEstimator(EstimatorLayout.forDyson(b3, SaveGrid.every(1.0, 1.0), 8)).rows();
        assertTrue(Double.isNaN(bin(r3, 1.0, "unfolded_spacing_density", 0).theory));
        assertTrue(Double.isNaN(row(r3, 1.0, "unfolded_spacing_variance").theory));
        assertEquals(1.0, row(r3, 1.0, "unfolded_spacing_mean").theory);
        // n = 3, or R unknown: not emitted
        DysonModel small = new DysonModel(2.0, 3, Normalization.D1, new InitialCondition.Zero());
        assertEquals(null, row(new SpectralEstimator(EstimatorLayout.forDyson(small, SaveGrid.every(1.0, 1.0), 8)).rows(),
                1.0, "unfolded_spacing_mean"));
        DysonModel given = new DysonModel(2.0, 6, Normalization.D1,
                new InitialCondition.Spectrum(new double[] {-2, -1, 0, 1, 2, 3}));
        assertEquals(null, row(new SpectralEstimator(EstimatorLayout.forDyson(given, SaveGrid.every(1.0, 1.0), 8)).rows(),
                1.0, "unfolded_spacing_density"));
    }

    @Test
    void combineEqualsAcceptingEverythingAndIsDeterministic() {
        DysonModel model = new DysonModel(1.0, 5, Normalization.OU, new InitialCondition.Gbe(1.0));
        EstimatorLayout layout = EstimatorLayout.forDyson(model, SaveGrid.every(0.5, 1.0), 16);
        SpectralEstimator all = new SpectralEstimator(layout);
        SpectralEstimator a = new SpectralEstimator(layout);
        SpectralEstimator b = new SpectralEstimator(layout);
        SpectralEstimator again = new SpectralEstimator(layout);
        for (int j = 0; j < 300; j++) {
            for (int ti = 0; ti < layout.size(); ti++) {
                Observation o = synthetic(j, ti, 5);
                all.accept(ti, o);
                again.accept(ti, o);
                (j % 3 == 0 ? a : b).accept(ti, o);
            }
        }
        a.combine(b);
        List<EstimateRow> ra = a.rows();
        List<EstimateRow> rAll = all.rows();
        List<EstimateRow> rAgain = again.rows();
        assertEquals(rAll.size(), ra.size());
        for (int i = 0; i < ra.size(); i++) {
            EstimateRow x = rAll.get(i);
            EstimateRow y = ra.get(i);
            assertEquals(x.quantity, y.quantity);
            assertEquals(x.count, y.count, "counts are exact");
            assertClose(x.value, y.value, x.toString());
            assertClose(x.stdError, y.stdError, x.toString());
            assertEquals(x.theory, y.theory);
            EstimateRow z = rAgain.get(i);
            assertEquals(Double.doubleToLongBits(x.value), Double.doubleToLongBits(z.value), "bit-identical rerun");
            assertEquals(Double.doubleToLongBits(x.stdError), Double.doubleToLongBits(z.stdError));
        }
        SpectralEstimator other = new SpectralEstimator(EstimatorLayout.forDyson(model, SaveGrid.every(0.5, 1.0), 17));
        assertThrows(IllegalArgumentException.class, () -> a.combine(other));
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what);
        } else {
            assertEquals(expected, actual, MERGE_TOL * Math.max(1, Math.abs(expected)), what);
        }
    }

    /** A deterministic ascending spectrum of length n, spread like a GβE of radius ~2. */
    private static Observation synthetic(int j, int ti, int n) {
        Observation o = new Observation(n);
        double x = -2 + 0.3 * Math.sin(j + ti);
        for (int i = 0; i < n; i++) {
            x += 0.2 + 0.6 * (1 + Math.sin(1.3 * j + 2.1 * i + ti));
            o.spectrum[i] = x;
        }
        o.entropy = Math.cos(j);
        o.energy = 0.5 * j % 7;
        return o;
    }

    @Test
    void rejectsMisuse() {
        SpectralEstimator e = new SpectralEstimator(handLayout());
        Observation failed = obs(0, 0, 0, 1, 2);
        failed.status = Status.NON_FINITE;
        assertThrows(IllegalArgumentException.class, () -> e.accept(1, failed));
        assertThrows(IllegalArgumentException.class, () -> e.accept(1, obs(0, 0, 2, 1, 3)), "not ascending");
        assertThrows(IllegalArgumentException.class, () -> e.accept(2, obs(0, 0, 0, 1, 2)), "time index");
        assertThrows(IllegalArgumentException.class, () -> e.accept(1, obs(0, 0, 0, 1)), "length");
        assertEquals(0, e.trajectories(1), "nothing accepted");
    }

    /**
     * A given spectrum has no semicircle radius, but moment_1, moment_2 and energy_mean keep their
     * exact theory (DysonModel.exactFirstTwoMoments); moment_4 has none.
     */
    @Test
    void aGivenSpectrumKeepsTheExactFirstTwoMomentsAsTheory() {
        DysonModel given = new DysonModel(2.0, 3, Normalization.OU, new InitialCondition.Spectrum(new double[] {-1, 0, 5}));
        SpectralEstimator est = new SpectralEstimator(EstimatorLayout.forDyson(given, SaveGrid.every(0.5, 1.0), 10));
        for (int j = 0; j < 10; j++) {
            for (int ti = 0; ti < 3; ti++) {
                est.accept(ti, synthetic(j, ti, 3));
            }
        }
        List<EstimateRow> rows = est.rows();
        for (double t : new double[] {0, 0.5, 1.0}) {
            double[] m = given.exactFirstTwoMoments(t);
            assertEquals(m[0], row(rows, t, "moment_1").theory, 0.0);
            assertEquals(m[1], row(rows, t, "moment_2").theory, 0.0);
            assertEquals(1.5 * m[1], row(rows, t, "energy_mean").theory, 1e-15);
            assertTrue(Double.isNaN(row(rows, t, "moment_4").theory));
        }
        assertEquals(26.0 / 3, row(rows, 0, "moment_2").theory, 1e-14);
    }

    @Test
    void forDysonRangesAreSensible() {
        // Given spectrum (R unknown): at t = 0 the range contains the initial values.
        DysonModel given = new DysonModel(2.0, 3, Normalization.D1, new InitialCondition.Spectrum(new double[] {-1, 0, 5}));
        EstimatorLayout l = EstimatorLayout.forDyson(given, SaveGrid.every(1.0, 2.0), 10);
        assertTrue(Double.isNaN(l.radius(0)));
        assertTrue(l.densityLo(0) < -1 && l.densityHi(0) > 5);
        assertTrue(l.lambdaMaxLo(0) < 5 && l.lambdaMaxHi(0) > 5);
        assertTrue(l.densityHi(2) > l.densityHi(1), "widens with time");
        // Zero start at t = 0 (R = 0): borrows the next time's range, so it is not degenerate.
        DysonModel zero = new DysonModel(4.0, 100, Normalization.D2, new InitialCondition.Zero());
        EstimatorLayout z = EstimatorLayout.forDyson(zero, SaveGrid.every(1.0, 1.0), 10);
        assertEquals(z.densityHi(1), z.densityHi(0));
        assertTrue(z.densityLo(1) < -2 && z.densityHi(1) > 2, "covers the semicircle [−2, 2]");
        assertTrue(z.lambdaMaxLo(1) < 2 && z.lambdaMaxHi(1) > 2);
        assertThrows(IllegalArgumentException.class, () -> EstimatorLayout.forDyson(zero, SaveGrid.every(1.0, 1.0), 0));
    }

    @Test
    void kryoFriendlyClasses() {
        // Kryo 4 FieldSerializer: no records, a no-arg constructor, fields that are primitives,
        // Strings, arrays or registered classes.
        List<Class<?>> registered = List.of(SpectralEstimator.kryoClasses());
        for (Class<?> c : registered) {
            if (c.isArray() || c.getName().startsWith("java.")) {
                continue;
            }
            assertFalse(c.isRecord(), c.getName());
            assertNotNull(assertDoesNotThrowNoArg(c), c.getName());
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                assertTrue(t.isPrimitive() || t == String.class || registered.contains(t),
                        c.getSimpleName() + "." + f.getName() + " : " + t.getName() + " is not registered");
            }
        }
    }

    private static java.lang.reflect.Constructor<?> assertDoesNotThrowNoArg(Class<?> c) {
        try {
            return c.getDeclaredConstructor();
        } catch (NoSuchMethodException ex) {
            return null;
        }
    }
}
