package dlmc.spark.io;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schemas of a run (interface.md §3; every column documented in data/README.md).
 * Column names are a user contract: extend, never rename.
 */
public final class Schemas {
    /** Version of the output layout, recorded in the manifest. */
    public static final int LAYOUT_VERSION = 1;

    private Schemas() {
    }

    public static final StructType SNAPSHOTS = new StructType(new StructField[] {
        DataTypes.createStructField("trajectory_id", DataTypes.LongType, false),
        DataTypes.createStructField("time_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("t", DataTypes.DoubleType, false),
        DataTypes.createStructField("spectrum", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField("entropy", DataTypes.DoubleType, false),
        DataTypes.createStructField("energy", DataTypes.DoubleType, false),
        DataTypes.createStructField("lambda_max", DataTypes.DoubleType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("free_energy", DataTypes.DoubleType, true),
        DataTypes.createStructField("orthogonality_residual", DataTypes.DoubleType, true),
        DataTypes.createStructField("balance_residual", DataTypes.DoubleType, true),
    });

    public static final StructType TRAJECTORIES = new StructType(new StructField[] {
        DataTypes.createStructField("trajectory_id", DataTypes.LongType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("steps", DataTypes.LongType, false),
        DataTypes.createStructField("rejected_steps", DataTypes.LongType, false),
        DataTypes.createStructField("t_reached", DataTypes.DoubleType, false),
        DataTypes.createStructField("snapshots", DataTypes.IntegerType, false),
        DataTypes.createStructField("chunk", DataTypes.IntegerType, false),
        DataTypes.createStructField("reorders", DataTypes.LongType, true),
        DataTypes.createStructField("reflections", DataTypes.LongType, true),
        DataTypes.createStructField("biased_regime_steps", DataTypes.LongType, true),
    });

    public static final StructType ESTIMATES = new StructType(new StructField[] {
        DataTypes.createStructField("time_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("t", DataTypes.DoubleType, false),
        DataTypes.createStructField("quantity", DataTypes.StringType, false),
        DataTypes.createStructField("index", DataTypes.IntegerType, true),
        DataTypes.createStructField("value", DataTypes.DoubleType, true),
        DataTypes.createStructField("std_error", DataTypes.DoubleType, true),
        DataTypes.createStructField("bin_lo", DataTypes.DoubleType, true),
        DataTypes.createStructField("bin_hi", DataTypes.DoubleType, true),
        DataTypes.createStructField("count", DataTypes.LongType, false),
        DataTypes.createStructField("theory", DataTypes.DoubleType, true),
    });
}
