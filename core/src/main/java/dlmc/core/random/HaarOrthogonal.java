package dlmc.core.random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Sampler of Haar-distributed orthogonal matrices Q ∈ O_d (math-spec §0.3 "Haar-random Q"): the
 * Q factor of the QR decomposition of a d×d real Ginibre matrix G (i.i.d. N(0, 1) entries), with
 * the signs fixed so that every R_ii &gt; 0, i.e. column i of Q is multiplied by sign(R_ii).
 * Without the sign fix the law of Householder-QR's Q is not Haar (Mezzadri, Notices AMS 54 (2007)).
 *
 * <p>Draw order: d² Gaussians from the stream, filling G row by row. A zero R_ii (probability 0)
 * is treated as positive.
 *
 * <p>Workspaces are created once; {@link #sample} allocates nothing. Not thread-safe: one
 * instance per task (the stream is the source of randomness; this class is the sampler).
 */
public final class HaarOrthogonal {
    private final int size;
    private final DMatrixRMaj G;
    private final DMatrixRMaj R;
    private final QRDecomposition<DMatrixRMaj> qr;

    /** @param size d, ≥ 1 */
    public HaarOrthogonal(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("matrix size must be >= 1, got " + size);
        }
        this.size = size;
        this.G = new DMatrixRMaj(size, size);
        this.R = new DMatrixRMaj(size, size);
        this.qr = DecompositionFactory_DDRM.qr(size, size);
    }

    public int size() {
        return size;
    }

    /**
     * Q ← a Haar-random element of O_d.
     *
     * @param stream draws d² Gaussians. Modified (advanced).
     * @param Q      d×d. Modified.
     * @throws IllegalArgumentException if Q is not d×d
     */
    public void sample(RandomStream stream, DMatrixRMaj Q) {
        if (Q.numRows != size || Q.numCols != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " output, got "
                    + Q.numRows + "x" + Q.numCols);
        }
        stream.gaussians(G.data, 0, size * size);
        if (!qr.decompose(G)) {
            throw new ArithmeticException("QR of a Ginibre matrix failed");
        }
        qr.getQ(Q, false);
        qr.getR(R, false);
        for (int c = 0; c < size; c++) {
            if (R.unsafe_get(c, c) < 0) {
                for (int r = 0; r < size; r++) {
                    Q.unsafe_set(r, c, -Q.unsafe_get(r, c));
                }
            }
        }
    }
}
