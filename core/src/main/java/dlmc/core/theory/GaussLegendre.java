package dlmc.core.theory;

/**
 * Gauss–Legendre nodes and weights on [−1, 1] (Newton's method on the three-term recurrence,
 * converged to machine precision), and composite rules on [lo, hi]: exact for polynomials of
 * degree 2n − 1 on each panel. Immutable, thread-safe.
 */
final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    /** @param n nodes per panel, 1 ≤ n ≤ 64 */
    GaussLegendre(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("Gauss-Legendre order must be in [1, 64], got " + n);
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    final double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1);
                final double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            // recompute the derivative at the converged node
            double p0 = 1;
            double p1 = x;
            for (int k = 2; k <= n; k++) {
                final double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            dp = n * (x * p1 - p0) / (x * x - 1);
            final double w = 2 / ((1 - x * x) * dp * dp);
            nodes[i] = -x;
            weights[i] = w;
            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = w;
        }
    }

    int size() {
        return nodes.length;
    }

    /** @return the k-th node mapped to [lo, hi]. */
    double node(int k, double lo, double hi) {
        return 0.5 * (lo + hi) + 0.5 * (hi - lo) * nodes[k];
    }

    /** @return the k-th weight for [lo, hi]. */
    double weight(int k, double lo, double hi) {
        return 0.5 * (hi - lo) * weights[k];
    }
}
