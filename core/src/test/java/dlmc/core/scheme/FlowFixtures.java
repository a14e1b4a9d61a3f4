package dlmc.core.scheme;

import dlmc.core.energy.Energy;
import dlmc.core.energy.RegressionEnergy;
import dlmc.core.model.DlnInitial;
import dlmc.core.model.DlnModel;
import dlmc.core.random.HaarOrthogonal;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Test data for the deterministic DLN flows: random (but fixed) matrices and models. The random
 * draws are fixture data, not statistics: every assertion that uses them is deterministic, so one
 * fixed key is used ({@link #FIXTURE_SEED}).
 */
final class FlowFixtures {
    /** Key of the fixture stream (any value works; fixed so that measured errors are reproducible). */
    static final long FIXTURE_SEED = 7_2024_11L;

    private FlowFixtures() {
    }

    static RandomStream stream(long id) {
        return Streams.of(FIXTURE_SEED, id);
    }

    static DMatrixRMaj gaussian(int d, double scale, RandomStream s) {
        final DMatrixRMaj G = new DMatrixRMaj(d, d);
        s.gaussians(G.data, 0, d * d);
        CommonOps_DDRM.scale(scale, G);
        return G;
    }

    static DMatrixRMaj haar(int d, RandomStream s) {
        final DMatrixRMaj Q = new DMatrixRMaj(d, d);
        new HaarOrthogonal(d).sample(s, Q);
        return Q;
    }

    /** U diag(values) Vᵀ. */
    static DMatrixRMaj frame(DMatrixRMaj U, double[] values, DMatrixRMaj V) {
        final int d = values.length;
        final DMatrixRMaj UD = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(U, CommonOps_DDRM.diag(values), UD);
        final DMatrixRMaj X = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(UD, V, X);
        return X;
    }

    /** A deterministic-flow model: β, κ, entropy are ignored by these schemes (β = 2, κ = 1, entropy on, to show it). */
    static DlnModel model(int d, int N, Energy energy, DMatrixRMaj X0) {
        final double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                v[i][j] = X0.get(i, j);
            }
        }
        return new DlnModel(d, N, 2.0, 1.0, true, energy, new DlnInitial.Matrix(v));
    }

    static DlnModel regressionModel(int d, int N, DMatrixRMaj Phi, DMatrixRMaj X0) {
        return model(d, N, new RegressionEnergy(Phi), X0);
    }

    static DMatrixRMaj[] layers(int N, int d) {
        final DMatrixRMaj[] W = new DMatrixRMaj[N];
        for (int p = 0; p < N; p++) {
            W[p] = new DMatrixRMaj(d, d);
        }
        return W;
    }

    static double distF(DMatrixRMaj A, DMatrixRMaj B) {
        final DMatrixRMaj D = new DMatrixRMaj(A.numRows, A.numCols);
        CommonOps_DDRM.subtract(A, B, D);
        return NormOps_DDRM.normF(D);
    }

    /** G_p = W_{p+1}ᵀW_{p+1} − W_pW_pᵀ, p = 1..N−1 (math-spec §1.2); returned 0-based: [p−1]. */
    static DMatrixRMaj[] conservedQuantities(DMatrixRMaj[] W) {
        final int d = W[0].numRows;
        final DMatrixRMaj[] G = new DMatrixRMaj[W.length - 1];
        for (int p = 1; p < W.length; p++) {
            final DMatrixRMaj a = new DMatrixRMaj(d, d);
            final DMatrixRMaj b = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(W[p], W[p], a);
            CommonOps_DDRM.multTransB(W[p - 1], W[p - 1], b);
            CommonOps_DDRM.subtract(a, b, a);
            G[p - 1] = a;
        }
        return G;
    }

    /** A fixed test energy E(X) = ⟨C, X⟩ with constant gradient C (drives σ_d to 0 exponentially for N = 2). */
    static final class LinearEnergy implements Energy {
        private static final long serialVersionUID = 1L;
        private final DMatrixRMaj C;

        LinearEnergy(DMatrixRMaj C) {
            this.C = C.copy();
        }

        @Override
        public double value(DMatrixRMaj X) {
            double s = 0;
            for (int k = 0; k < X.getNumElements(); k++) {
                s += C.data[k] * X.data[k];
            }
            return s;
        }

        @Override
        public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
            out.setTo(C);
        }

        @Override
        public boolean isSpectral() {
            return false;
        }
    }

    /** A one-model, one-scheme recipe for the {@link dlmc.core.run.TrajectoryRunner} (no estimator plan). */
    record Spec(DlnModel model, DlnScheme scheme, double dt) implements dlmc.core.run.SimulationSpec {
        @Override
        public dlmc.core.run.TrajectorySimulator newSimulator() {
            return new dlmc.core.run.DlnSimulator(model, scheme.newStepper(model, dt));
        }

        @Override
        public int spectrumLength() {
            return model.d();
        }

        @Override
        public dlmc.core.estimate.EstimatorPlan planEstimates(dlmc.core.run.SaveGrid grid, int bins, long seed) {
            throw new UnsupportedOperationException("not needed by the flow tests");
        }
    }
}
