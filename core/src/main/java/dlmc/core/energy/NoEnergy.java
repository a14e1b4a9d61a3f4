package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;

/** E ≡ 0, ∇E ≡ 0: pure Brownian motion / entropy-only dynamics (math-spec §3.2, §3.5 last row). Spectral. */
public final class NoEnergy implements Energy {
    private static final long serialVersionUID = 1L;

    @Override
    public double value(DMatrixRMaj X) {
        return 0.0;
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        out.reshape(X.numRows, X.numCols);
        out.zero();
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
        return "{type: none}";
    }
}
