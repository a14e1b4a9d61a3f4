package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;

/**
 * Matrix-completion energy E(X) = ½ Σ_{(i,j)∈Ω} (X_ij − b_ij)², ∇E = P_Ω(X − B), zero outside Ω
 * (math-spec §1.1, table). Ω is given as a 0/1 mask matrix; entries of B outside Ω are ignored.
 * Not spectral. Immutable: the mask and B are copied.
 */
public final class CompletionEnergy implements Energy {
    private static final long serialVersionUID = 1L;
    private final DMatrixRMaj mask;
    private final DMatrixRMaj B;

    /**
     * @param mask d×d with every entry exactly 0 or 1 (1 = observed, (i,j) ∈ Ω). Not modified.
     * @param B    d×d observed values, finite. Not modified.
     * @throws IllegalArgumentException naming the offending entry or shape
     */
    public CompletionEnergy(DMatrixRMaj mask, DMatrixRMaj B) {
        Checks.finiteSquare("completion mask", mask);
        Checks.finiteSquare("completion observations B", B);
        Checks.sameShape("completion observations B", B, mask.numRows);
        for (int r = 0; r < mask.numRows; r++) {
            for (int c = 0; c < mask.numCols; c++) {
                final double m = mask.unsafe_get(r, c);
                if (m != 0.0 && m != 1.0) {
                    throw new IllegalArgumentException("completion mask[" + r + "][" + c + "] must be 0 or 1, got " + m);
                }
            }
        }
        this.mask = mask.copy();
        this.B = B.copy();
    }

    /** @return the number of observed entries |Ω|. */
    public int observedCount() {
        int n = 0;
        for (double m : mask.data) {
            n += m == 1.0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public double value(DMatrixRMaj X) {
        Checks.argument(X, B.numRows);
        double s = 0;
        final int n = X.getNumElements();
        for (int k = 0; k < n; k++) {
            if (mask.data[k] == 1.0) {
                final double e = X.data[k] - B.data[k];
                s += e * e;
            }
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        Checks.argument(X, B.numRows);
        Checks.sameShape("gradient output", out, B.numRows);
        final int n = X.getNumElements();
        for (int k = 0; k < n; k++) {
            out.data[k] = mask.data[k] == 1.0 ? X.data[k] - B.data[k] : 0.0;
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
        return "{type: completion, target: " + B.numRows + "x" + B.numCols + " matrix, mask: " + observedCount() + " of "
                + mask.getNumElements() + " entries observed}";
    }
}
