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
    /** Free energy F_β = E − S/β (DLN, math-spec §4.3); NaN where not defined (Dyson). */
    public double freeEnergy = Double.NaN;
    /**
     * Orthogonality residual of the frame a scheme carries, max(‖UᵀU − I‖_F, ‖VᵀV − I‖_F);
     * NaN where the scheme has no frame.
     */
    public double orthogonalityResidual = Double.NaN;
    /**
     * Balancedness residual max_p ‖W_{p+1}ᵀW_{p+1} − W_pW_pᵀ‖_F / ‖W_p‖_F² (math-spec §1.2);
     * NaN where the scheme carries no layers.
     */
    public double balanceResidual = Double.NaN;
    /** Status at this time. */
    public Status status = Status.OK;

    public Observation(int length) {
        this.spectrum = new double[length];
    }

    public int length() {
        return spectrum.length;
    }
}
