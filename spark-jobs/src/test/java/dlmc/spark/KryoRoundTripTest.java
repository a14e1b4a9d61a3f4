package dlmc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.core.estimate.EstimateRow;
import dlmc.core.estimate.EstimatorLayout;
import dlmc.core.estimate.SpectralEstimator;
import dlmc.core.model.DysonModel;
import dlmc.core.model.InitialCondition;
import dlmc.core.model.Normalization;
import dlmc.core.run.DysonSpec;
import dlmc.core.run.Observation;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import dlmc.core.scheme.ExactMatrixScheme;
import dlmc.spark.runner.RunJob;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * The accumulators cross the wire with Kryo and {@code registrationRequired=true}: a round trip
 * through Spark's own KryoSerializer (configured as in every run) must give identical estimates.
 */
class KryoRoundTripTest {

    @Test
    void spectralEstimatorSurvivesKryo() {
        DysonModel model = new DysonModel(2.0, 6, Normalization.D2, new InitialCondition.Zero());
        SaveGrid grid = SaveGrid.every(0.5, 1.0);
        SpectralEstimator est = new SpectralEstimator(EstimatorLayout.forDyson(model, grid, 16));
        TrajectoryRunner runner = new TrajectoryRunner(new DysonSpec(model, new ExactMatrixScheme(), 1.0), grid, 5);
        ObservationSink sink = new ObservationSink() {
            @Override
            public void snapshot(long id, int k, Observation obs) {
                est.accept(k, obs);
            }

            @Override
            public void trajectory(TrajectoryResult r) {
            }
        };
        for (long id = 0; id < 50; id++) {
            runner.run(id, sink);
        }
        SerializerInstance kryo = new KryoSerializer(RunJob.sparkConf(new SparkConf())).newInstance();
        ByteBuffer bytes = kryo.serialize(est, ClassTag$.MODULE$.apply(SpectralEstimator.class));
        SpectralEstimator back = kryo.deserialize(bytes, ClassTag$.MODULE$.apply(SpectralEstimator.class));
        List<EstimateRow> a = est.rows();
        List<EstimateRow> b = back.rows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).quantity, b.get(i).quantity);
            assertEquals(Double.doubleToLongBits(a.get(i).value), Double.doubleToLongBits(b.get(i).value), a.get(i).quantity);
            assertEquals(Double.doubleToLongBits(a.get(i).stdError), Double.doubleToLongBits(b.get(i).stdError));
            assertEquals(a.get(i).count, b.get(i).count);
        }
        // and it still merges after the trip
        back.combine(est);
        assertEquals(2 * est.trajectories(1), back.trajectories(1));
    }
}
