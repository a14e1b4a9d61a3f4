package dlmc.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import dlmc.core.estimate.SpectralEstimator;
import dlmc.spark.runner.ChunkResult;
import dlmc.spark.runner.ChunkSummary;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class Spark serialises with Kryo in a dlmc run; the job runs with
 * {@code spark.kryo.registrationRequired=true}, so a missing class fails loudly in tests
 * instead of silently writing class names into every record.
 */
public final class DlmcKryoRegistrator implements KryoRegistrator {

    /** Spark-internal classes that cross the wire in our jobs (found by running the tests). */
    private static final String[] SPARK_CLASSES = {
        "org.apache.spark.sql.execution.datasources.WriteTaskResult",
        "org.apache.spark.sql.execution.datasources.BasicWriteTaskStats",
        "org.apache.spark.sql.execution.datasources.ExecutedWriteSummary",
        "org.apache.spark.internal.io.FileCommitProtocol$TaskCommitMessage",
        "org.apache.spark.sql.catalyst.InternalRow[]",
        "org.apache.spark.sql.catalyst.expressions.UnsafeRow",
        "org.apache.spark.sql.catalyst.expressions.GenericInternalRow",
        "org.apache.spark.sql.types.StructType",
        "org.apache.spark.sql.types.StructField",
        "org.apache.spark.sql.types.StructField[]",
        "org.apache.spark.sql.types.ArrayType",
        "org.apache.spark.sql.types.Metadata",
        "org.apache.spark.sql.types.LongType$",
        "org.apache.spark.sql.types.IntegerType$",
        "org.apache.spark.sql.types.DoubleType$",
        "org.apache.spark.sql.types.StringType",
        "org.apache.spark.sql.types.StringType$",
        "scala.collection.immutable.ArraySeq$ofRef",
        "scala.collection.mutable.ArraySeq$ofRef",
        "scala.collection.immutable.Map$EmptyMap$",
        "scala.collection.immutable.Set$EmptySet$",
        "scala.collection.immutable.Nil$",
        "scala.collection.immutable.$colon$colon",
        "scala.reflect.ClassTag$GenericClassTag",
        "scala.math.Ordering$Reverse",
        "org.apache.spark.util.collection.BitSet",
        "org.apache.spark.unsafe.types.UTF8String",
        "java.lang.Class",
        "java.util.HashMap",
        "java.util.LinkedHashMap",
        "java.util.ArrayList",
        "org.apache.spark.sql.execution.joins.UnsafeHashedRelation",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(ChunkResult.class);
        kryo.register(ChunkSummary.class);
        kryo.register(dlmc.spark.runner.EntropySample.class);
        kryo.register(dlmc.spark.runner.EntropySample[].class);
        kryo.register(SpectralEstimator.class);
        for (Class<?> c : SpectralEstimator.kryoClasses()) {
            kryo.register(c);
        }
        for (Class<?> c : dlmc.core.estimate.DlnEstimator.kryoClasses()) {
            kryo.register(c);
        }
        kryo.register(byte[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(double[].class);
        kryo.register(double[][].class);
        kryo.register(long[][].class);
        kryo.register(String[].class);
        kryo.register(Object[].class);
        kryo.register(Integer.class);
        kryo.register(Long.class);
        for (String name : SPARK_CLASSES) {
            registerIfPresent(kryo, name);
        }
    }

    private static void registerIfPresent(Kryo kryo, String name) {
        try {
            if (name.endsWith("[]")) {
                Class<?> el = Class.forName(name.substring(0, name.length() - 2));
                kryo.register(java.lang.reflect.Array.newInstance(el, 0).getClass());
            } else {
                kryo.register(Class.forName(name));
            }
        } catch (ClassNotFoundException e) {
            // not in this Spark version: nothing to register
        }
    }
}
