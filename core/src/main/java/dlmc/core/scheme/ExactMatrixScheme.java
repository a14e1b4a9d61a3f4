package dlmc.core.scheme;

import dlmc.core.linalg.SymmetricEigen;
import dlmc.core.model.DysonModel;
import dlmc.core.model.Normalization;
import dlmc.core.random.GaussianEnsembles;
import dlmc.core.random.RandomStream;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Exact-in-law matrix scheme for Dyson Brownian motion, β ∈ {1, 2, 4} (math-spec §6.1 item 1,
 * §5.1). The state is the self-adjoint matrix H in its real symmetric representation
 * ({@link GaussianEnsembles}); one save interval [t, t'] is one exact Gaussian step:
 * <ul>
 *   <li>D1, D2: H ← H + s·sqrt(t' − t)·G, s = {@link DysonModel#matrixScale()} (1 or 1/sqrt(n));</li>
 *   <li>OU: H ← e^{−h/2} H + sqrt(1 − e^{−h})·G/sqrt(n), h = t' − t (the exact transition of
 *       dH = −H/2 dt + n^{−1/2} d𝐇, §5.1 "D2-OU");</li>
 * </ul>
 * G a fresh unit-time GβE increment with D1 variances. Eigenvalues are computed only when
 * observed; one copy of each degenerate eigenvalue is returned.
 *
 * <p>Initial state: H_0 = diag(spectrum0) (repeated in each copy of the representation). This is
 * no loss of generality: the increment law is invariant under conjugation by O(n), U(n), Sp(n),
 * so the eigenvalue process depends on H_0 only through its eigenvalues.
 *
 * <p>Contract ({@link #info()}): exact in law at the save times, so weak order +∞; no pathwise
 * claim relative to a driving eigenvalue Brownian motion, so strong order NaN; calculus "exact".
 * The step {@code dt} is ignored (the save grid is the step grid).
 *
 * <p>Immutable; thread-safe. Steppers are not.
 */
public final class ExactMatrixScheme implements DysonScheme {
    /** The experiment-file name ({@code scheme.type}). */
    public static final String NAME = "exact";
    /**
     * Largest real representation size m·n (m = 1, 2, 4 for β = 1, 2, 4). A trajectory holds two dense
     * (m n)² matrices of doubles (the state and the eigen workspace): 16 (m n)² bytes, 1 GiB at this
     * size, per trajectory running at a time; beyond 46 340 the arrays cannot even be indexed. The
     * eigenvalue representation has no such limit.
     */
    public static final int MAX_REPRESENTATION_SIZE = 8192;

    private static final SchemeInfo INFO = new SchemeInfo(NAME, Double.NaN, Double.POSITIVE_INFINITY, "exact",
            "exact Gaussian matrix transition per save interval (math-spec §6.1.1); beta in {1, 2, 4}; "
                    + "cost O((m n)^3) per observation, m = 1, 2, 4 for beta = 1, 2, 4; strong order not claimed");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public String unsupportedReason(DysonModel model) {
        if (!model.isClassicalBeta()) {
            return "scheme exact (representation: matrix) needs beta in {1, 2, 4}, got " + model.beta();
        }
        if (maxN(model.beta()) < model.n()) {
            return "scheme exact (representation: matrix) takes n up to " + maxN(model.beta()) + " for beta = "
                    + (int) model.beta() + ", got n = " + model.n();
        }
        return null;
    }

    /**
     * @throws IllegalArgumentException if {@link #unsupportedReason} is non-null
     */
    @Override
    public DysonStepper newStepper(DysonModel model, double dt) {
        final String reason = unsupportedReason(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new Stepper(model);
    }

    /**
     * @param beta 1, 2 or 4
     * @return the largest n of the matrix representation: {@link #MAX_REPRESENTATION_SIZE} / m (8192, 4096, 2048)
     */
    public static int maxN(double beta) {
        return MAX_REPRESENTATION_SIZE / GaussianEnsembles.multiplicity(GaussianEnsembles.classicalBeta(beta));
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** One trajectory's state and workspaces. Not thread-safe; {@link #advanceTo} allocates nothing. */
    static final class Stepper implements DysonStepper {
        private final int beta;
        private final int n;
        private final Normalization normalization;
        private final double matrixScale;
        private final DMatrixRMaj H;
        private final SymmetricEigen eigen;
        private final double[] repSpectrum;
        private double t;
        private long steps;

        Stepper(DysonModel model) {
            this.beta = GaussianEnsembles.classicalBeta(model.beta());
            this.n = model.n();
            this.normalization = model.normalization();
            this.matrixScale = model.matrixScale();
            final int size = GaussianEnsembles.representationSize(beta, n);
            this.H = new DMatrixRMaj(size, size);
            this.eigen = new SymmetricEigen(size);
            this.repSpectrum = new double[size];
        }

        /**
         * H ← diag(spectrum0) in the representation, t ← 0, steps ← 0.
         *
         * @param spectrum0 length n. Not modified.
         */
        @Override
        public void reset(double[] spectrum0) {
            if (spectrum0.length != n) {
                throw new IllegalArgumentException("initial spectrum has " + spectrum0.length + " values, n = " + n);
            }
            GaussianEnsembles.embedDiagonal(beta, n, spectrum0, H);
            t = 0;
            steps = 0;
        }

        /**
         * One exact transition from the current time to {@code tTo} (class comment). Draws one
         * increment's Gaussians from {@code stream} in the order of
         * {@link GaussianEnsembles#addIncrement}. Allocates nothing.
         *
         * @return {@link Status#OK}, or {@link Status#NON_FINITE} if H has a NaN/infinite entry
         * @throws IllegalArgumentException if {@code tTo} is not after the current time
         */
        @Override
        public Status advanceTo(double tTo, RandomStream stream) {
            final double h = tTo - t;
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("advanceTo(" + tTo + ") must be after the current time " + t);
            }
            if (normalization == Normalization.OU) {
                CommonOps_DDRM.scale(Math.exp(-0.5 * h), H);
                GaussianEnsembles.addIncrement(beta, n, Math.sqrt(-Math.expm1(-h)) * matrixScale, stream, H);
            } else {
                GaussianEnsembles.addIncrement(beta, n, matrixScale * Math.sqrt(h), stream, H);
            }
            t = tTo;
            steps++;
            return allFinite() ? Status.OK : Status.NON_FINITE;
        }

        private boolean allFinite() {
            final double[] h = H.data;
            final int len = H.getNumElements();
            for (int i = 0; i < len; i++) {
                if (!Double.isFinite(h[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Eigen-decomposes (a copy of) H and writes one copy of each m-fold eigenvalue, ascending
         * (the mean of each sorted group of m); NaN everywhere if H is not finite. O((m n)³).
         *
         * @param out length n. Modified.
         */
        @Override
        public void spectrum(double[] out) {
            if (!eigen.eigenvalues(H, repSpectrum)) {
                Arrays.fill(out, 0, n, Double.NaN); // the runner turns this into status non_finite
                return;
            }
            GaussianEnsembles.distinctEigenvalues(beta, n, repSpectrum, out);
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public long rejectedSteps() {
            return 0;
        }

        /** @return the current state (the real representation of H). For tests; do not modify. */
        DMatrixRMaj matrix() {
            return H;
        }
    }
}
