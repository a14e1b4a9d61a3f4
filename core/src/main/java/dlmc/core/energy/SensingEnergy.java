package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;

/**
 * Matrix-sensing energy E(X) = ½ Σ_{k=1}^m (⟨M_k, X⟩ − y_k)², ∇E = Σ_k (⟨M_k, X⟩ − y_k) M_k
 * (math-spec §1.1, table; ⟨A, B⟩ = tr(AᵀB)). Not spectral. Immutable: the sensing matrices and
 * y are copied. Cost O(m d²) per call.
 */
public final class SensingEnergy implements Energy {
    private static final long serialVersionUID = 1L;
    private final DMatrixRMaj[] M;
    private final double[] y;

    /**
     * @param M m ≥ 1 sensing matrices, all d×d with finite entries. Not modified.
     * @param y m finite measurements. Not modified.
     * @throws IllegalArgumentException naming the offending matrix, entry or length
     */
    public SensingEnergy(DMatrixRMaj[] M, double[] y) {
        if (M == null || y == null) {
            throw new IllegalArgumentException("sensing matrices and measurements must not be null");
        }
        if (M.length < 1) {
            throw new IllegalArgumentException("need at least one sensing matrix, got m = " + M.length);
        }
        if (y.length != M.length) {
            throw new IllegalArgumentException("need one measurement per sensing matrix: m = " + M.length
                    + " matrices, " + y.length + " measurements");
        }
        this.M = new DMatrixRMaj[M.length];
        for (int k = 0; k < M.length; k++) {
            Checks.finiteSquare("sensing matrix M_" + (k + 1), M[k]);
            Checks.sameShape("sensing matrix M_" + (k + 1), M[k], M[0].numRows);
            if (!Double.isFinite(y[k])) {
                throw new IllegalArgumentException("measurement y_" + (k + 1) + " must be finite, got " + y[k]);
            }
            this.M[k] = M[k].copy();
        }
        this.y = y.clone();
    }

    /** @return m, the number of measurements. */
    public int measurements() {
        return y.length;
    }

    private double residual(int k, DMatrixRMaj X) {
        final double[] a = M[k].data;
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * X.data[i];
        }
        return s - y[k];
    }

    @Override
    public double value(DMatrixRMaj X) {
        Checks.argument(X, M[0].numRows);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            final double r = residual(k, X);
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        Checks.argument(X, M[0].numRows);
        Checks.sameShape("gradient output", out, M[0].numRows);
        out.zero();
        final int n = out.getNumElements();
        for (int k = 0; k < y.length; k++) {
            final double r = residual(k, X);
            final double[] a = M[k].data;
            for (int i = 0; i < n; i++) {
                out.data[i] += r * a[i];
            }
        }
    }

    @Override
    public boolean isSpectral() {
        return false;
    }

    /** Quadratic (math-spec §1.1 table): the depth-one dynamics is Gaussian. */
    @Override
    public boolean isQuadratic() {
        return true;
    }

    @Override
    public String toString() {
        return "{type: sensing, matrices: " + M.length + " of " + M[0].numRows + "x" + M[0].numCols + ", values: " + y.length + "}";
    }
}
