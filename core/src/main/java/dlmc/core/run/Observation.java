package dlmc.core.run;

import dlmc.core.scheme.Status;

/**
 * A mutable snapshot of one trajectory at one save time, reused across snapshots (no allocation
 * per save). Consumers must copy what they keep.
 *
 * <p>Conventions (interface.md §3): {@code spectrum} is ascending eigenvalues for Dyson models
 * (singular values descending for the DLN); {@code entropy} is β Σ_{i<j} log(λ_j − λ_i) for
 * Dyson; {@code energy} is ½ Σ λ_i² for Dyson.
 */
public final class Observation {
    /** Save time. */
    public double t;
    /** Spectrum, length {@link #length()}. */
    public final double[] spectrum;
    /** Entropy column (see class comment). */
    public double entropy;
    /** Energy column (see class comment). */
    public double energy;
    /** Status at this time. */
    public Status status = Status.OK;

    public Observation(int length) {
        this.spectrum = new double[length];
    }

    public int length() {
        return spectrum.length;
    }
}
