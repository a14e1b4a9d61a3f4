package dlmc.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import dlmc.core.testing.TestSeeds;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The batched Jacobi SVD of the SVD-frame step (deterministic): a valid SVD of each lane, the same
 * bits whatever the other lanes hold, and the same bits from the SIMD kernel as from the scalar one.
 */
class LaneJacobiTest {
    private static final int D = 8;
    /** Backward-stable SVD: residuals ≤ this × d × ε_mach (as JacobiSvdTest). */
    private static final double TOL = 50 * D * Math.ulp(1.0);

    /** diag(s) + scale·Z with s from λ = linspace(1.5, 0.5, 8), N = 4 (the W4 workload's start), or a cluster. */
    private static double[] nearDiagonal(RandomStream r, double scale, boolean clustered) {
        final double[] m = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                if (i == j) {
                    final double lambda = clustered ? 1 + 1e-9 * i : 1.5 - i / 7.0;
                    m[i * D + j] = Math.pow(lambda, 4);
                } else {
                    m[i * D + j] = scale * r.gaussian();
                }
            }
        }
        return m;
    }

    /** Lane shapes that take the kernels down their rare paths. */
    private static double[] special(int kind, RandomStream r) {
        final double[] m = nearDiagonal(r, 0.07, false);
        switch (kind) {
            case 0 -> java.util.Arrays.fill(m, 0.0); // no rotation at all, σ = 0: U completed
            case 1 -> {
                for (int i = 0; i < D; i++) {
                    m[i * D + 3] = 0; // a zero column
                }
            }
            case 2 -> m[17] = Double.NaN; // fails
            case 3 -> m[9] = Double.POSITIVE_INFINITY; // fails
            case 4 -> {
                for (int k = 0; k < D * D; k++) {
                    m[k] *= 1e155; // squared norms overflow: fails
                }
            }
            case 5 -> {
                for (int k = 0; k < D * D; k++) {
                    m[k] *= 1e-150; // products underflow to subnormals
                }
            }
            case 6 -> {
                for (int i = 0; i < D; i++) {
                    for (int j = 0; j < D; j++) {
                        m[i * D + j] = i == j ? 2.0 : 0.0; // equal singular values, nothing to rotate
                    }
                }
            }
            default -> {
                for (int i = 0; i < D; i++) {
                    m[i * D + i] = m[0]; // a full cluster with noise: large first-sweep angles
                }
            }
        }
        return m;
    }

    private static void load(LaneJacobi j, int lane, double[] m) {
        for (int r = 0; r < D; r++) {
            for (int c = 0; c < D; c++) {
                j.data()[j.index(r, c) + lane] = m[r * D + c];
            }
        }
    }

    /** U, σ, V of lane l, and its status and sweeps, as raw bits. */
    private static long[] bits(LaneJacobi j, int lane, JacobiSvd out) {
        final boolean ok = j.finish(lane, out, true);
        final long[] b = new long[3 * D * D + 2];
        int k = 0;
        for (double v : out.U().data) {
            b[k++] = Double.doubleToRawLongBits(v);
        }
        for (double v : out.V().data) {
            b[k++] = Double.doubleToRawLongBits(v);
        }
        for (double v : out.sigma()) {
            b[k++] = Double.doubleToRawLongBits(v);
        }
        b[3 * D * D] = ok ? 1 : 0;
        b[3 * D * D + 1] = j.sweeps(lane);
        return b;
    }

    private static void assertSameBits(long[] expected, long[] actual, String what) {
        for (int k = 0; k < expected.length; k++) {
            if (expected[k] != actual[k]) {
                final String[] names = {"U", "V", "sigma"};
                final String where = k < 3 * D * D ? names[k / (D * D)] + " entry " + k % (D * D)
                        : k == 3 * D * D ? "status" : "sweeps";
                final String e = k < 3 * D * D ? Double.toString(Double.longBitsToDouble(expected[k])) : Long.toString(expected[k]);
                final String a = k < 3 * D * D ? Double.toString(Double.longBitsToDouble(actual[k])) : Long.toString(actual[k]);
                throw new AssertionError(what + ": first difference at " + where + ": " + e + " vs " + a);
            }
        }
    }

    @Test
    void eachLaneIsAnSvdOfItsMatrix() {
        final RandomStream r = Streams.of(TestSeeds.seed(), 1);
        final LaneJacobi j = new LaneJacobi(D);
        final JacobiSvd out = new JacobiSvd(D);
        for (int round = 0; round < 200; round++) {
            final double[][] m = new double[LaneJacobi.LANES][];
            for (int l = 0; l < LaneJacobi.LANES; l++) {
                m[l] = nearDiagonal(r, round % 3 == 0 ? 0.5 : 0.07, round % 5 == 0);
                load(j, l, m[l]);
            }
            j.decompose(LaneJacobi.LANES);
            for (int l = 0; l < LaneJacobi.LANES; l++) {
                final String what = "seed " + TestSeeds.seed() + ", round " + round + ", lane " + l;
                assertTrue(j.finish(l, out, true), what);
                final DMatrixRMaj M = DMatrixRMaj.wrap(D, D, m[l]);
                assertEquals(0.0, Svd.orthogonalityResidual(out.U()), TOL, what + ": U");
                assertEquals(0.0, Svd.orthogonalityResidual(out.V()), TOL, what + ": V");
                assertEquals(0.0, Svd.reconstructionResidual(M, out.U(), out.sigma(), out.V()), TOL, what + ": M");
                for (int i = 0; i < D; i++) {
                    assertTrue(out.U().get(i, i) >= 0, what + ": U_ii >= 0");
                    assertTrue(i == 0 || out.sigma()[i - 1] >= out.sigma()[i], what + ": descending");
                }
                assertTrue(j.sweeps(l) >= 1 && j.sweeps(l) <= 12, what + ": sweeps " + j.sweeps(l));
            }
        }
    }

    @Test
    void aLaneDoesNotDependOnTheOtherLanes() {
        final RandomStream r = Streams.of(TestSeeds.seed(), 2);
        final LaneJacobi alone = new LaneJacobi(D);
        final LaneJacobi shared = new LaneJacobi(D);
        final JacobiSvd out = new JacobiSvd(D);
        for (int round = 0; round < 100; round++) {
            final double[] m = nearDiagonal(r, 0.07, round % 2 == 0);
            load(alone, 0, m);
            alone.decompose(1);
            final long[] expected = bits(alone, 0, out);
            final int lane = round % LaneJacobi.LANES;
            for (int l = 0; l < LaneJacobi.LANES; l++) {
                // the others need more or fewer sweeps, or fail
                load(shared, l, l == lane ? m : special(round + l, r));
            }
            shared.decompose(LaneJacobi.LANES);
            assertSameBits(expected, bits(shared, lane, out), "seed " + TestSeeds.seed() + ", round " + round
                    + ", lane " + lane);
        }
    }

    @Test
    void simdAndScalarKernelsGiveTheSameBits() {
        assumeTrue(LaneJacobi.simd(), "this JVM has no SIMD kernel (needs --add-modules jdk.incubator.vector, "
                + "256-bit vectors and C2): nothing to compare");
        final RandomStream r = Streams.of(TestSeeds.seed(), 3);
        final LaneJacobi simd = new LaneJacobi(D);
        final LaneJacobi scalar = new LaneJacobi(D);
        final JacobiSvd a = new JacobiSvd(D);
        final JacobiSvd b = new JacobiSvd(D);
        int compared = 0;
        for (int round = 0; round < 2000; round++) {
            final int count = 1 + round % LaneJacobi.LANES;
            for (int l = 0; l < LaneJacobi.LANES; l++) {
                final double[] m = round % 7 == 3 ? special(round + l, r)
                        : nearDiagonal(r, round % 3 == 0 ? 0.5 : 0.07, round % 5 == 0);
                load(simd, l, m);
                load(scalar, l, m);
            }
            simd.decompose(count, true);
            scalar.decompose(count, false);
            for (int l = 0; l < count; l++) {
                assertSameBits(bits(scalar, l, b), bits(simd, l, a), "seed " + TestSeeds.seed() + ", round " + round
                        + ", lane " + l + " (scalar, SIMD)");
                compared++;
            }
        }
        assertEquals(5000, compared);
    }

    @Test
    void failedLanesAreNaNAndLeaveTheOthersAlone() {
        final RandomStream r = Streams.of(TestSeeds.seed(), 4);
        final LaneJacobi j = new LaneJacobi(D);
        final JacobiSvd out = new JacobiSvd(D);
        for (int kind = 2; kind <= 4; kind++) {
            load(j, 0, nearDiagonal(r, 0.07, false));
            load(j, 1, special(kind, r));
            j.decompose(2);
            assertTrue(j.finish(0, out, true), "kind " + kind);
            assertFalse(j.finish(1, out, true), "kind " + kind);
            assertTrue(Double.isNaN(out.sigma()[0]) && Double.isNaN(out.U().get(0, 0)) && Double.isNaN(out.V().get(0, 0)));
            assertEquals(0, j.sweeps(1));
        }
        // zero matrix: no rotation, one sweep, U completed to an orthogonal matrix
        load(j, 0, special(0, r));
        j.decompose(1);
        assertTrue(j.finish(0, out, true));
        assertEquals(1, j.sweeps(0));
        assertEquals(0.0, Svd.orthogonalityResidual(out.U()), TOL);
    }
}
