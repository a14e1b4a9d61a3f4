package dlmc.core.random;

/** PLACEHOLDER — being implemented. */
public final class GaussianEnsembles {
    private GaussianEnsembles() {
    }

    /** Eigenvalues (ascending) of T/sqrt(β), T the Dumitriu–Edelman tridiagonal matrix (§5.1). */
    public static void tridiagonalSpectrum(double beta, int n, RandomStream stream, double[] out) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
