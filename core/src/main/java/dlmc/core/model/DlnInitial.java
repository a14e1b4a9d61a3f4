package dlmc.core.model;

/**
 * Initial end-to-end matrix X(0) of a deep linear network (interface.md §2, {@code model.initial}).
 * Plain classes (Kryo-friendly), immutable.
 */
public abstract class DlnInitial {
    private DlnInitial() {
    }

    /** X(0) = scale · I. */
    public static final class Identity extends DlnInitial {
        public final double scale;

        public Identity(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("initial identity scale must be finite and > 0, got " + scale);
            }
            this.scale = scale;
        }
    }

    /** X(0) = the given d×d matrix (row-major values). */
    public static final class Matrix extends DlnInitial {
        private final double[][] values;

        public Matrix(double[][] values) {
            this.values = new double[values.length][];
            for (int i = 0; i < values.length; i++) {
                this.values[i] = values[i].clone();
            }
        }

        public double[][] values() {
            double[][] c = new double[values.length][];
            for (int i = 0; i < values.length; i++) {
                c[i] = values[i].clone();
            }
            return c;
        }
    }

    /** X(0) = scale · G, G a d×d standard Ginibre matrix drawn from the trajectory's stream. */
    public static final class Ginibre extends DlnInitial {
        public final double scale;

        public Ginibre(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("initial ginibre scale must be finite and > 0, got " + scale);
            }
            this.scale = scale;
        }
    }
}
