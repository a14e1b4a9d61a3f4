package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Confining energy E(X) = (α/2)‖X‖_F² = (α/2) Σ σ_i², ∇E = αX (math-spec §1.1, table; the
 * potential of the Gibbs oracles O16, O17). Spectral. Immutable.
 */
public final class ConfiningEnergy implements Energy {
    private static final long serialVersionUID = 1L;
    private final double alpha;

    /** @param alpha confinement strength, finite and &gt; 0 */
    public ConfiningEnergy(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("confining alpha must be finite and > 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public double value(DMatrixRMaj X) {
        final double n = NormOps_DDRM.normF(X);
        return 0.5 * alpha * n * n;
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        CommonOps_DDRM.scale(alpha, X, out);
    }

    @Override
    public boolean isSpectral() {
        return true;
    }

    /** Quadratic (math-spec §1.1 table): the depth-one dynamics is Gaussian. */
    @Override
    public boolean isQuadratic() {
        return true;
    }

    @Override
    public String toString() {
        return "{type: confining, alpha: " + alpha + "}";
    }
}
