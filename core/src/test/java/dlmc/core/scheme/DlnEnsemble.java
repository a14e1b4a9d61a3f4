package dlmc.core.scheme;

import dlmc.core.model.DlnModel;
import dlmc.core.random.RandomStream;
import dlmc.core.random.Streams;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs M independent DLN trajectories (stream key (seed, id)) in parallel and returns, per path,
 * the row (X_11 … X_dd row-major, σ_1 … σ_d) at time T; a failed path gives a NaN row.
 */
final class DlnEnsemble {
    private DlnEnsemble() {
    }

    static double[][] run(DlnScheme scheme, DlnModel model, double dt, double T, int M, long seed) {
        final int d = model.d();
        final double[][] out = new double[M][];
        final ThreadLocal<DlnStepper> steppers = ThreadLocal.withInitial(() -> scheme.newStepper(model, dt));
        final ThreadLocal<RandomStream> streams = ThreadLocal.withInitial(() -> Streams.of(seed, 0));
        IntStream.range(0, M).parallel().forEach(id -> {
            final DlnStepper stepper = steppers.get();
            final RandomStream stream = streams.get();
            stream.reset(seed, id);
            final DMatrixRMaj X = new DMatrixRMaj(d, d);
            model.initialMatrix(stream, X);
            Status status = stepper.reset(X, stream);
            if (status.isOk()) {
                status = stepper.advanceTo(T, stream);
            }
            final double[] row = new double[d * d + d];
            if (!status.isOk()) {
                Arrays.fill(row, Double.NaN);
            } else {
                final double[] sigma = new double[d];
                stepper.state(X, sigma);
                System.arraycopy(X.data, 0, row, 0, d * d);
                System.arraycopy(sigma, 0, row, d * d, d);
            }
            out[id] = row;
        });
        return out;
    }

    /** Column k of the rows. */
    static double[] column(double[][] rows, int k) {
        final double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][k];
        }
        return c;
    }

    /** Number of rows with a NaN. */
    static int failures(double[][] rows) {
        int f = 0;
        for (double[] r : rows) {
            if (Double.isNaN(r[0])) {
                f++;
            }
        }
        return f;
    }
}
