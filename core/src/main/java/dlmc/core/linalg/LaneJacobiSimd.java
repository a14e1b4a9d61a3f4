package dlmc.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel of {@link LaneJacobi}: its sweeps on all {@link LaneJacobi#LANES} lanes at once,
 * one lane per element of a 256-bit vector, operation for operation the scalar kernel's
 * arithmetic (lanewise IEEE operations, fused where the scalar one calls {@link Math#fma}), so the
 * results are the same bits. Loaded only when the JVM resolves {@code jdk.incubator.vector}.
 */
final class LaneJacobiSimd {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    private static final int L = LaneJacobi.LANES;

    private LaneJacobiSimd() {
    }

    /** @return true if 256-bit double vectors are native on this CPU. */
    static boolean supported() {
        return SPECIES.length() == L && DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /**
     * Sweeps the active lanes until each has converged or failed. (Lane sets are kept as 0/1
     * doubles in small arrays, not as {@code VectorMask}s: the mask logic operations are not
     * compiled to SIMD code in Java 17 and would allocate.)
     *
     * @param a      the lanes' columns (see {@link LaneJacobi}). Modified.
     * @param norms  workspace, d·LANES
     * @param work   workspace, 5·LANES
     * @param active in: lanes to decompose; out: all false
     * @param failed in/out: set for lanes that fail
     * @param sweeps out: sweeps used by each converged lane
     */
    static void sweep(double[] a, double[] norms, double[] work, int d, boolean[] active, boolean[] failed,
                      int[] sweeps) {
        final int n2 = 2 * d;
        final int live = 0;
        final int large = L;
        final int scratch = 2 * L;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        int liveCount = 0;
        for (int l = 0; l < L; l++) {
            work[live + l] = active[l] ? 1.0 : 0.0;
            liveCount += active[l] ? 1 : 0;
        }
        for (int sw = 1; sw <= JacobiSvd.MAX_SWEEPS && liveCount > 0; sw++) {
            for (int p = 0; p < d; p++) {
                squaredNorm(a, p * n2 * L, d).intoArray(norms, p * L);
            }
            zero.intoArray(work, large);
            for (int p = 0; p < d - 1; p++) {
                final int bp = p * n2 * L;
                for (int q = p + 1; q < d; q++) {
                    final int bq = q * n2 * L;
                    DoubleVector g0 = zero;
                    DoubleVector g1 = zero;
                    int k = 0;
                    for (; k + 1 < d; k += 2) {
                        g0 = DoubleVector.fromArray(SPECIES, a, bp + k * L)
                                .fma(DoubleVector.fromArray(SPECIES, a, bq + k * L), g0);
                        g1 = DoubleVector.fromArray(SPECIES, a, bp + (k + 1) * L)
                                .fma(DoubleVector.fromArray(SPECIES, a, bq + (k + 1) * L), g1);
                    }
                    if (k < d) {
                        g0 = DoubleVector.fromArray(SPECIES, a, bp + k * L)
                                .fma(DoubleVector.fromArray(SPECIES, a, bq + k * L), g0);
                    }
                    final DoubleVector gamma = g0.add(g1);
                    final DoubleVector g2 = gamma.mul(gamma);
                    // α, β through the scratch slots, so that the rare repair below changes memory,
                    // not the vector variables (a merge of two vector values would be allocated)
                    DoubleVector.fromArray(SPECIES, norms, p * L).intoArray(work, scratch);
                    DoubleVector.fromArray(SPECIES, norms, q * L).intoArray(work, scratch + L);
                    final DoubleVector ab0 = DoubleVector.fromArray(SPECIES, work, scratch)
                            .mul(DoubleVector.fromArray(SPECIES, work, scratch + L));
                    // γ² ≤ αβ < ∞ ⇔ fl(αβ − γ²) ∈ [0, ∞); 0·x + x is NaN for x = ±∞, NaN
                    final DoubleVector slack = ab0.sub(g2);
                    if (!slack.mul(0.0).add(slack).compare(VectorOperators.GE, 0.0).allTrue()) {
                        // a carried norm lost its digits or overflowed (rare): lane by lane (γ² via
                        // memory too: Vector.lane(i) of a variable i would make C2 allocate g2)
                        g2.intoArray(work, scratch + 2 * L);
                        for (int l = 0; l < L; l++) {
                            final double gl = work[scratch + 2 * L + l];
                            final double abl = work[scratch + l] * work[scratch + L + l];
                            if (work[live + l] == 0 || (gl <= abl && abl < Double.POSITIVE_INFINITY)) {
                                continue;
                            }
                            work[scratch + l] = squaredNorm(a, bp + l, d, 0);
                            work[scratch + L + l] = squaredNorm(a, bq + l, d, 0);
                            final double abr = work[scratch + l] * work[scratch + L + l];
                            if (!(abr < Double.POSITIVE_INFINITY) || !(gl < Double.POSITIVE_INFINITY)) {
                                work[live + l] = 0;
                                failed[l] = true;
                                liveCount--;
                            }
                        }
                    }
                    final DoubleVector alpha = DoubleVector.fromArray(SPECIES, work, scratch);
                    final DoubleVector beta = DoubleVector.fromArray(SPECIES, work, scratch + L);
                    final DoubleVector ab = alpha.mul(beta);
                    // rotated lanes: live and γ² > ε²αβ (as 1.0, others 0.0)
                    final DoubleVector rotated = zero.blend(DoubleVector.fromArray(SPECIES, work, live),
                            g2.compare(VectorOperators.GT, ab.mul(LaneJacobi.EPS2)));
                    final VectorMask<Double> rot = rotated.compare(VectorOperators.GT, 0.0);
                    if (!rot.anyTrue()) {
                        continue;
                    }
                    DoubleVector.fromArray(SPECIES, work, large)
                            .max(zero.blend(rotated, g2.compare(VectorOperators.GE, ab.mul(LaneJacobi.THRESHOLD2))))
                            .intoArray(work, large);
                    final DoubleVector hh = beta.sub(alpha).mul(0.5);
                    final DoubleVector r = hh.fma(hh, g2).sqrt();
                    final DoubleVector t = gamma.div(hh.add(r.blend(r.neg(), hh.compare(VectorOperators.LT, 0.0))));
                    final DoubleVector c = one.div(t.fma(t, one).sqrt());
                    final DoubleVector s = c.mul(t);
                    final DoubleVector tg = t.mul(gamma);
                    final DoubleVector np = alpha.sub(tg);
                    DoubleVector.fromArray(SPECIES, norms, p * L)
                            .blend(np.blend(zero, np.compare(VectorOperators.LT, 0.0)), rot).intoArray(norms, p * L);
                    DoubleVector.fromArray(SPECIES, norms, q * L).blend(beta.add(tg), rot).intoArray(norms, q * L);
                    for (int m = 0; m < n2; m++) {
                        final DoubleVector ap = DoubleVector.fromArray(SPECIES, a, bp + m * L);
                        final DoubleVector aq = DoubleVector.fromArray(SPECIES, a, bq + m * L);
                        ap.blend(c.fma(ap, s.mul(aq).neg()), rot).intoArray(a, bp + m * L);
                        aq.blend(s.fma(ap, c.mul(aq)), rot).intoArray(a, bq + m * L);
                    }
                }
            }
            for (int l = 0; l < L; l++) {
                if (work[live + l] != 0 && work[large + l] == 0) {
                    work[live + l] = 0;
                    sweeps[l] = sw;
                    liveCount--;
                }
            }
        }
        for (int l = 0; l < L; l++) {
            failed[l] |= work[live + l] != 0; // not converged within MAX_SWEEPS
            active[l] = false;
        }
    }

    /** Σ_k a[b + k·L]² per lane, as one fused chain over k in increasing order. */
    private static DoubleVector squaredNorm(double[] a, int b, int d) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        for (int k = 0; k < d; k++) {
            final DoubleVector v = DoubleVector.fromArray(SPECIES, a, b + k * L);
            acc = v.fma(v, acc);
        }
        return acc;
    }

    /** The same for one lane (b includes the lane index). */
    private static double squaredNorm(double[] a, int b, int d, int unused) {
        double acc = 0;
        for (int k = 0; k < d; k++) {
            final double v = a[b + k * L];
            acc = Math.fma(v, v, acc);
        }
        return acc;
    }
}
