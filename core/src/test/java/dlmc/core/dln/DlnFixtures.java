package dlmc.core.dln;

import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Test helpers for the DLN geometry: random points with prescribed singular values, Frobenius
 * algebra, and the naive reference definition of 𝒜_{N,X} (math-spec §2.1, first display) by
 * fractional powers from symmetric eigendecompositions — deliberately independent of the SVD code.
 */
final class DlnFixtures {
    private DlnFixtures() {
    }

    static DMatrixRMaj haar(int d, RandomStream s) {
        final DMatrixRMaj Q = new DMatrixRMaj(d, d);
        new HaarOrthogonal(d).sample(s, Q);
        return Q;
    }

    static DMatrixRMaj gaussian(int d, RandomStream s) {
        final DMatrixRMaj G = new DMatrixRMaj(d, d);
        s.gaussians(G.data, 0, d * d);
        return G;
    }

    /** R diag(sigma) Sᵀ with Haar R, S. */
    static DMatrixRMaj withSingularValues(double[] sigma, RandomStream s) {
        final int d = sigma.length;
        final DMatrixRMaj R = haar(d, s);
        final DMatrixRMaj S = haar(d, s);
        final DMatrixRMaj RD = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(R, CommonOps_DDRM.diag(sigma), RD);
        final DMatrixRMaj X = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(RD, S, X);
        return X;
    }

    static double dot(DMatrixRMaj A, DMatrixRMaj B) {
        double s = 0;
        for (int k = 0; k < A.getNumElements(); k++) {
            s += A.data[k] * B.data[k];
        }
        return s;
    }

    static double normF(DMatrixRMaj A) {
        return NormOps_DDRM.normF(A);
    }

    static double distF(DMatrixRMaj A, DMatrixRMaj B) {
        final DMatrixRMaj D = new DMatrixRMaj(A.numRows, A.numCols);
        CommonOps_DDRM.subtract(A, B, D);
        return NormOps_DDRM.normF(D);
    }

    /** u_i v_jᵀ from the columns of U and V. */
    static DMatrixRMaj outer(DMatrixRMaj U, int i, DMatrixRMaj V, int j) {
        final int d = U.numRows;
        final DMatrixRMaj E = new DMatrixRMaj(d, d);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                E.set(r, c, U.get(r, i) * V.get(c, j));
            }
        }
        return E;
    }

    /** The unit matrix E_rc. */
    static DMatrixRMaj unit(int d, int r, int c) {
        final DMatrixRMaj E = new DMatrixRMaj(d, d);
        E.set(r, c, 1.0);
        return E;
    }

    /** X + h E. */
    static DMatrixRMaj plus(DMatrixRMaj X, double h, DMatrixRMaj E) {
        final DMatrixRMaj Y = X.copy();
        CommonOps_DDRM.addEquals(Y, h, E);
        return Y;
    }

    /** S^a for a symmetric PSD S, via the symmetric eigendecomposition (negative round-off clipped to 0). */
    static DMatrixRMaj psdPower(DMatrixRMaj S, double a) {
        final int d = S.numRows;
        final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(S.copy())) {
            throw new AssertionError("eigendecomposition failed");
        }
        final DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            final double mu = Math.max(eig.getEigenvalue(k).real, 0.0);
            final double w = a == 0 ? 1.0 : Math.pow(mu, a);
            final DMatrixRMaj q = eig.getEigenVector(k);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    out.add(r, c, w * q.get(r) * q.get(c));
                }
            }
        }
        return out;
    }

    /** Naive 𝒜_{N,X}(P) = Σ_{p=1}^N (XXᵀ)^{(N−p)/N} P (XᵀX)^{(p−1)/N} (math-spec §2.1). */
    static DMatrixRMaj naiveApply(DMatrixRMaj X, int N, DMatrixRMaj P) {
        final int d = X.numRows;
        final DMatrixRMaj XXt = new DMatrixRMaj(d, d);
        final DMatrixRMaj XtX = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(X, X, XXt);
        CommonOps_DDRM.multTransA(X, X, XtX);
        final DMatrixRMaj out = new DMatrixRMaj(d, d);
        final DMatrixRMaj t = new DMatrixRMaj(d, d);
        final DMatrixRMaj t2 = new DMatrixRMaj(d, d);
        for (int p = 1; p <= N; p++) {
            CommonOps_DDRM.mult(psdPower(XXt, (N - p) / (double) N), P, t);
            CommonOps_DDRM.mult(t, psdPower(XtX, (p - 1) / (double) N), t2);
            CommonOps_DDRM.addEquals(out, t2);
        }
        return out;
    }

    /** Condition number σ_1/σ_d of a list of singular values. */
    static double condition(double[] sigma) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double s : sigma) {
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        return max / min;
    }

    static DMatrixRMaj[] layers(int d, int N) {
        final DMatrixRMaj[] W = new DMatrixRMaj[N];
        for (int p = 0; p < N; p++) {
            W[p] = new DMatrixRMaj(d, d);
        }
        return W;
    }
}
