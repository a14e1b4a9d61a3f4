package dlmc.core.scheme;

import dlmc.core.energy.Energy;
import org.ejml.data.DMatrixRMaj;

/**
 * Test energy E(X) = (α/2)‖X‖_* = (α/2)(σ_1 + σ_2) for d = 2 only. At depth N = 2 it is
 * (α/2) Σ λ_i², λ_i = σ_i^{1/2}, so the λ-drift of math-spec §3.4 is linear, −λ^{N−1}∂E/∂σ_i =
 * −(α/2)λ_i, and E Σ λ_i² solves a linear ODE (see {@link DlnWeakOrderSlowTest}).
 *
 * <p>Closed form, no SVD: with c(X) = [[x22, −x21], [−x12, x11]] the cofactor matrix
 * (c = det X · X^{−T}) and s = sign(det X), X + s c(X) = (σ_1 + σ_2) U Vᵀ, so
 * ‖X‖_* = sqrt(‖X‖_F² + 2|det X|) and ∇E = (α/2) U Vᵀ = (α/2)(X + s c(X))/‖X‖_* (the polar
 * factor; at det X = 0 this is the subgradient X/σ_1). Smooth on GL_2. Spectral, immutable,
 * allocation-free, thread-safe.
 */
final class NuclearNormEnergy implements Energy {
    private static final long serialVersionUID = 1L;
    private final double alpha;

    /** @param alpha finite and &gt; 0 */
    NuclearNormEnergy(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("nuclear-norm alpha must be finite and > 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** @return ‖X‖_* of a 2×2 matrix. Not modified. */
    static double nuclearNorm(DMatrixRMaj X) {
        final double a = X.data[0];
        final double b = X.data[1];
        final double c = X.data[2];
        final double e = X.data[3];
        return Math.sqrt(a * a + b * b + c * c + e * e + 2 * Math.abs(a * e - b * c));
    }

    @Override
    public double value(DMatrixRMaj X) {
        check(X);
        return 0.5 * alpha * nuclearNorm(X);
    }

    @Override
    public void gradient(DMatrixRMaj X, DMatrixRMaj out) {
        check(X);
        final double a = X.data[0];
        final double b = X.data[1];
        final double c = X.data[2];
        final double e = X.data[3];
        final double s = Math.signum(a * e - b * c);
        final double k = 0.5 * alpha / nuclearNorm(X);
        out.reshape(2, 2);
        out.data[0] = k * (a + s * e);
        out.data[1] = k * (b - s * c);
        out.data[2] = k * (c - s * b);
        out.data[3] = k * (e + s * a);
    }

    private static void check(DMatrixRMaj X) {
        if (X.numRows != 2 || X.numCols != 2) {
            throw new IllegalArgumentException("NuclearNormEnergy is 2x2 only, got " + X.numRows + "x" + X.numCols);
        }
    }

    @Override
    public boolean isSpectral() {
        return true;
    }

    @Override
    public String toString() {
        return "NuclearNormEnergy[alpha=" + alpha + "]";
    }
}
