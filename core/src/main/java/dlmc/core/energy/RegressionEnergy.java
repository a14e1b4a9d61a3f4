package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Regression / denoising energy E(X) = ½‖X − Φ‖_F², ∇E = X − Φ (math-spec §1.1, table; the
 * energy of oracles O6–O8, O23). Not spectral: E(RXSᵀ) ≠ E(X) in general (it is spectral only
 * for Φ = 0, which callers should express with {@link ConfiningEnergy}(1)). Immutable: Φ is
 * copied.
 */
public final class RegressionEnergy implements Energy {
    private static final long serialVersionUID = 1L;
    private final DMatrixRMaj Phi;

    /** @param Phi the target, d×d with finite entries. Not modified (copied). */
    public RegressionEnergy(DMatrixRMaj Phi) {
        Checks.finiteSquare("regression target Phi", Phi);
        this.Phi = Phi.copy();
    }

    /** @return a copy of Φ. */
    public DMatrixRMaj target() {
        return Phi.copy();
    }

    @Override
    public double value(DMatrixRMaj X) {
        Checks.argument(X, Phi.numRows);
        double s = 0;
        final int n = X.getNumElements();
        for (int k = 0; k < n; k++) {
            final double e = X.data[k] - Phi.data[k];
            s += e * e;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        Checks.argument(X, Phi.numRows);
        CommonOps_DDRM.subtract(X, Phi, out);
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
        return "{type: regression, target: " + Phi.numRows + "x" + Phi.numCols + " matrix}";
    }
}
