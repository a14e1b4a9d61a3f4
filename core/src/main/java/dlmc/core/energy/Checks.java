package dlmc.core.energy;

import org.ejml.data.DMatrixRMaj;

/** Argument checks shared by the energies: messages name the parameter and the value. */
final class Checks {
    private Checks() {
    }

    static void finiteSquare(String name, DMatrixRMaj A) {
        if (A == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (A.numRows != A.numCols || A.numRows < 1) {
            throw new IllegalArgumentException(name + " must be a non-empty square matrix, got " + A.numRows + "x"
                    + A.numCols);
        }
        for (int r = 0; r < A.numRows; r++) {
            for (int c = 0; c < A.numCols; c++) {
                final double v = A.unsafe_get(r, c);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + "[" + r + "][" + c + "] must be finite, got " + v);
                }
            }
        }
    }

    static void sameShape(String name, DMatrixRMaj A, int d) {
        if (A.numRows != d || A.numCols != d) {
            throw new IllegalArgumentException(name + " must be " + d + "x" + d + ", got " + A.numRows + "x" + A.numCols);
        }
    }

    /** Shape check of X (and out) against the energy's size, when the energy has one. */
    static void argument(DMatrixRMaj X, int d) {
        if (X.numRows != d || X.numCols != d) {
            throw new IllegalArgumentException("expected a " + d + "x" + d + " matrix, got " + X.numRows + "x"
                    + X.numCols);
        }
    }
}
