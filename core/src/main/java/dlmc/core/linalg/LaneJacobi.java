package dlmc.core.linalg;

import java.lang.management.ManagementFactory;

/**
 * One-sided (Hestenes) Jacobi SVD of up to {@link #LANES} small real d×d matrices at once, for the
 * SVD-frame step of math-spec §6.4 (step 3: the rotations of M = diag(s) + a). With a spectral
 * energy the matrices M of consecutive steps do not depend on the frames (§6.4 step 1: G_E is
 * diagonal, so a is noise only, and the λ-path of steps 4–6 is computed first), so the stepper
 * decomposes several of them together, one per lane of a SIMD register.
 *
 * <p>Algorithm, per lane — the same as {@link JacobiSvd} from the identity frame, with the
 * arithmetic fixed operation by operation so that the SIMD kernel and the scalar one give the
 * same bits: squared column norms as fused multiply-add chains over the rows in increasing order;
 * for each column pair (p, q), p &lt; q, γ = a_p·a_q as two fused chains (even rows, odd rows)
 * added; α, β the carried squared norms (recomputed when γ² ≤ αβ fails, see {@link JacobiSvd});
 * rotate iff γ² &gt; ε²αβ, with h = (β − α)/2, r = sqrt(fma(h, h, γ²)),
 * t = γ/(h + sign(h)·r) (sign(−0) = +), c = 1/sqrt(fma(t, t, 1)), s = c·t,
 * a_p ← fma(c, a_p, −(s·a_q)), a_q ← fma(s, a_p, c·a_q) on the columns of A and of V (V from the
 * identity), α ← α − tγ (0 if negative), β ← β + tγ. A lane stops after a sweep whose largest
 * γ²/(αβ) of a rotated pair was below {@link JacobiSvd#QUADRATIC_THRESHOLD}² (or that rotated
 * nothing); a stopped lane is not touched again, so a lane's result does not depend on the other
 * lanes, on how many there are, nor on which kernel ran. The lanes are finished one at a time by
 * {@link JacobiSvd#finishColumns} (σ descending, U = A's columns normalised, the §6.4 sign rule).
 *
 * <p>Kernels: a SIMD one (four doubles per register, {@code jdk.incubator.vector}) when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}, the CPU has 256-bit vectors and the
 * JIT compiles with C2; otherwise the scalar one. Both give bit-identical results
 * ({@code LaneJacobiTest}), so a cluster whose executors differ in this respect still computes the
 * same trajectories. System property {@code dlmc.simd=false} forces the scalar kernel. Until C2
 * has compiled the SIMD kernel (the first 0.5–2 s of a JVM's use of it), the vector API runs as
 * plain Java objects: many times slower, and allocating on every operation. (A warm-up thread that
 * ran the SIMD kernel on made-up matrices while the scalar one served was tried: with the task
 * threads busy it needed 5–7 s of a core before C2 had compiled the kernel, and the example run
 * was no faster; bench/RESULTS.md.) The SIMD kernel keeps vector values out of branches and
 * never calls {@code Vector.lane(i)}, so that C2 allocates none of them.
 *
 * <p>Not thread-safe: one instance per task. Allocates nothing after construction.
 */
public final class LaneJacobi {
    /** Matrices decomposed together (the lanes of a 256-bit register of doubles). */
    public static final int LANES = 4;

    static final double EPS2 = Math.ulp(1.0) * Math.ulp(1.0);
    static final double THRESHOLD2 = JacobiSvd.QUADRATIC_THRESHOLD * JacobiSvd.QUADRATIC_THRESHOLD;

    private static final boolean SIMD = simdAvailable();

    private final int d;
    /** Lane l's column p of A (k &lt; d) then of V (d ≤ k &lt; 2d): {@code a[(p·2d + k)·LANES + l]}. */
    private final double[] a;
    private final double[] norms;
    /** Workspace of the SIMD kernel. */
    private final double[] work = new double[5 * LANES];
    private final boolean[] active;
    private final boolean[] failed;
    private final int[] sweeps;
    /** The scalar kernel's contiguous columns and norms. */
    private final double[][] scalarColumns;
    private final double[] scalarNorms;

    /** @param size the matrix size d, {@code >= 1} */
    public LaneJacobi(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.d = size;
        this.a = new double[2 * size * size * LANES];
        this.norms = new double[size * LANES];
        this.active = new boolean[LANES];
        this.failed = new boolean[LANES];
        this.sweeps = new int[LANES];
        this.scalarColumns = new double[size][2 * size];
        this.scalarNorms = new double[size];
    }

    /** @return whether this JVM runs the SIMD kernel (see the class comment). */
    public static boolean simd() {
        return SIMD;
    }


    /**
     * The lanes' storage: entry (row, col) of lane l's matrix is {@code data()[index(row, col) + l]}.
     * Write the matrices there before {@link #decompose}.
     */
    public double[] data() {
        return a;
    }

    /** @return the offset of entry (row, col) of lane 0 in {@link #data()}. */
    public int index(int row, int col) {
        return (col * 2 * d + row) * LANES;
    }

    /**
     * Runs the Jacobi sweeps on lanes 0 … count − 1 (the others are left as they are), with V
     * starting at the identity. Then {@link #finish} gives each lane's U and V.
     *
     * @param count the number of lanes in use, 1 … {@link #LANES}
     */
    public void decompose(int count) {
        decompose(count, SIMD);
    }

    void decompose(int count, boolean useSimd) {
        if (count < 1 || count > LANES) {
            throw new IllegalArgumentException("lanes must be in 1.." + LANES + ", got " + count);
        }
        final int n2 = 2 * d;
        for (int l = 0; l < LANES; l++) {
            boolean finite = l < count;
            for (int p = 0; p < d && finite; p++) {
                for (int k = 0; k < d; k++) {
                    final int i = (p * n2 + k) * LANES + l;
                    finite &= Double.isFinite(a[i]);
                    a[(p * n2 + d + k) * LANES + l] = p == k ? 1.0 : 0.0;
                }
            }
            active[l] = finite;
            failed[l] = !finite;
            sweeps[l] = 0;
        }
        if (useSimd) {
            LaneJacobiSimd.sweep(a, norms, work, d, active, failed, sweeps);
        } else {
            for (int l = 0; l < count; l++) {
                if (active[l]) {
                    sweepLane(l);
                }
            }
        }
    }

    /**
     * The scalar kernel: lane l alone (see the class comment for the arithmetic), on a contiguous
     * copy of its columns (the lanes' interleaved storage is for the SIMD kernel).
     */
    private void sweepLane(int l) {
        final int n = d;
        final int n2 = 2 * d;
        final double[][] x = scalarColumns;
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < n2; k++) {
                x[p][k] = a[(p * n2 + k) * LANES + l];
            }
        }
        final int result = sweepColumns(x, n);
        if (result > 0) {
            sweeps[l] = result;
        } else {
            failed[l] = true;
        }
        active[l] = false;
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < n2; k++) {
                a[(p * n2 + k) * LANES + l] = x[p][k];
            }
        }
    }

    /**
     * The sweeps on the columns x[p] (A in entries 0 … n − 1, V in n … 2n − 1).
     *
     * @return the sweeps used, or −1 if a norm overflowed or the sweeps did not converge
     */
    private int sweepColumns(double[][] x, int n) {
        final int n2 = 2 * n;
        final double[] nrm = scalarNorms;
        for (int sw = 1; sw <= JacobiSvd.MAX_SWEEPS; sw++) {
            for (int p = 0; p < n; p++) {
                nrm[p] = squaredNorm(x[p], n);
            }
            boolean large = false;
            for (int p = 0; p < n - 1; p++) {
                final double[] xp = x[p];
                for (int q = p + 1; q < n; q++) {
                    final double[] xq = x[q];
                    double g0 = 0;
                    double g1 = 0;
                    int k = 0;
                    for (; k + 1 < n; k += 2) {
                        g0 = Math.fma(xp[k], xq[k], g0);
                        g1 = Math.fma(xp[k + 1], xq[k + 1], g1);
                    }
                    if (k < n) {
                        g0 = Math.fma(xp[k], xq[k], g0);
                    }
                    final double gamma = g0 + g1;
                    double alpha = nrm[p];
                    double beta = nrm[q];
                    final double g2 = gamma * gamma;
                    double ab = alpha * beta;
                    if (!(g2 <= ab) || !(ab < Double.POSITIVE_INFINITY)) {
                        alpha = squaredNorm(xp, n);
                        beta = squaredNorm(xq, n);
                        ab = alpha * beta;
                        if (!(ab < Double.POSITIVE_INFINITY) || !(g2 < Double.POSITIVE_INFINITY)) {
                            return -1;
                        }
                    }
                    if (!(g2 > EPS2 * ab)) {
                        continue;
                    }
                    if (g2 >= THRESHOLD2 * ab) {
                        large = true;
                    }
                    final double hh = (beta - alpha) * 0.5;
                    final double r = Math.sqrt(Math.fma(hh, hh, g2));
                    final double t = gamma / (hh + (hh < 0 ? -r : r));
                    final double c = 1.0 / Math.sqrt(Math.fma(t, t, 1.0));
                    final double s = c * t;
                    final double tg = t * gamma;
                    final double np = alpha - tg;
                    nrm[p] = np < 0 ? 0.0 : np;
                    nrm[q] = beta + tg;
                    for (int m = 0; m < n2; m++) {
                        final double ap = xp[m];
                        final double aq = xq[m];
                        xp[m] = Math.fma(c, ap, -(s * aq));
                        xq[m] = Math.fma(s, ap, c * aq);
                    }
                }
            }
            if (!large) {
                return sw;
            }
        }
        return -1;
    }

    private static double squaredNorm(double[] column, int n) {
        double acc = 0;
        for (int k = 0; k < n; k++) {
            acc = Math.fma(column[k], column[k], acc);
        }
        return acc;
    }

    /** @return sweeps lane l used in the last {@link #decompose} (0 if it failed). */
    public int sweeps(int lane) {
        return failed[lane] ? 0 : sweeps[lane];
    }

    /**
     * Finishes lane l of the last {@link #decompose}: its U, σ and V into {@code out} (see
     * {@link JacobiSvd#U()}, {@link JacobiSvd#sigma()}, {@link JacobiSvd#V()}).
     *
     * @param out a workspace of the same size; its columns are overwritten
     * @return true on success; false if the lane had a non-finite entry, a norm overflowed or it
     *         did not converge (out's results are then NaN)
     */
    public boolean finish(int lane, JacobiSvd out, boolean normaliseSigns) {
        if (out.size() != d) {
            throw new IllegalArgumentException("expected a workspace of size " + d + ", got " + out.size());
        }
        final double[][] cols = out.columns();
        final int n2 = 2 * d;
        for (int p = 0; p < d; p++) {
            final double[] cp = cols[p];
            final int b = p * n2 * LANES + lane;
            for (int k = 0; k < n2; k++) {
                cp[k] = a[b + k * LANES];
            }
        }
        if (failed[lane]) {
            out.invalidate();
            return false;
        }
        return out.finishColumns(normaliseSigns);
    }

    private static boolean simdAvailable() {
        if ("false".equals(System.getProperty("dlmc.simd"))) {
            return false;
        }
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return false;
            }
            final com.sun.management.HotSpotDiagnosticMXBean hs =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hs != null) {
                // no C2 (e.g. -XX:TieredStopAtLevel=1, -Xint): the vector API is not compiled
                // to SIMD instructions and would be far slower than the scalar kernel
                if (Integer.parseInt(hs.getVMOption("TieredStopAtLevel").getValue()) < 4
                        || !Boolean.parseBoolean(hs.getVMOption("UseCompiler").getValue())) {
                    return false;
                }
            }
            return LaneJacobiSimd.supported();
        } catch (Throwable e) {
            return false; // no vector module, no management bean, an unknown option: scalar
        }
    }
}
