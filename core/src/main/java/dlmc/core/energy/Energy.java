package dlmc.core.energy;

import java.io.Serializable;
import org.ejml.data.DMatrixRMaj;

/**
 * An energy E : Mat_d → ℝ of the end-to-end matrix X and its Frobenius (Euclidean) gradient
 * ∇E(X)_ij = ∂E/∂X_ij (math-spec §1.1). The Riemannian gradient is 𝒜_{N,X}(∇E(X)) (§2.3), formed
 * by the caller.
 *
 * <p>Implementations are immutable plain classes (no records: Kryo 4 cannot serialise them),
 * validate their parameters in the constructor with messages naming the offending value, and
 * allocate nothing in {@link #value} and {@link #gradient}. Thread-safe. {@code toString} names the
 * energy as an experiment file does ({@code {type: confining, alpha: 1.0}}, matrices by their shape),
 * since it appears in user-facing messages.
 */
public interface Energy extends Serializable {
    /**
     * @param X d×d. Not modified.
     * @return E(X)
     */
    double value(DMatrixRMaj X);

    /**
     * out ← ∇E(X).
     *
     * @param X   d×d. Not modified.
     * @param out d×d. Modified (must not be X).
     */
    void gradient(DMatrixRMaj X, DMatrixRMaj out);

    /**
     * @return true iff E depends on X only through its singular values (E(RXSᵀ) = E(X) for all
     *         R, S ∈ O_d), so that the λ-SDE of math-spec §3.4 / §6.5 closes
     */
    boolean isSpectral();

    /**
     * @return true iff E(x) = ½ xᵀHx − bᵀx + const in x = vec X with H positive semi-definite, so that
     *         the depth-one Langevin equation is an Ornstein–Uhlenbeck process with an exact Gaussian
     *         law ({@code dlmc.core.theory.DepthOneOuReference} reads H and b off the gradient)
     */
    default boolean isQuadratic() {
        return false;
    }
}
