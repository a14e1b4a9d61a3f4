package dlmc.spark.validate;

/**
 * Reference means of the d = 2 stationary Gibbs law of the DLN-RLE with entropy (κ = 1,
 * math-spec §3.5 row "layer singular values"), for E = α|X|²/2:
 * <pre>  p(λ1, λ2) ∝ exp(−c(λ1^{2N} + λ2^{2N})) sqrt((λ1^{2N} − λ2^{2N})(λ1² − λ2²)),  λ1 &gt; λ2 &gt; 0,</pre>
 * c = βα/2. With λ2 = uλ1 (u ∈ [0, 1]) the integrand is smooth; tensor Gauss–Legendre with
 * {@link #NODES} nodes per axis on λ1 ∈ [0, L], L where exp(−cL^{2N}) &lt; 1e-40, converges to
 * ~1e-12 (checked against an independent NumPy quadrature: N = 2, c = 1 gives E λ2 = 0.345313,
 * E Σλ² = 1.157039, E λ1 = 0.962097; math-spec §7 O16 with the corrected reference).
 */
final class GibbsQuadrature {
    /** Gauss–Legendre nodes per axis. */
    static final int NODES = 160;

    private final double meanLambda1;
    private final double meanLambda2;
    private final double meanSumSquares;

    GibbsQuadrature(int depth, double c) {
        double upper = Math.pow(40 * Math.log(10) / c, 1.0 / (2 * depth));
        double[][] gl = gaussLegendre(NODES);
        double z = 0;
        double a1 = 0;
        double a2 = 0;
        double s = 0;
        for (int i = 0; i < NODES; i++) {
            double l1 = (gl[0][i] + 1) / 2 * upper;
            double w1 = gl[1][i] * upper / 2;
            for (int j = 0; j < NODES; j++) {
                double u = (gl[0][j] + 1) / 2;
                double l2 = u * l1;
                double w = w1 * gl[1][j] / 2 * l1; // dλ2 = λ1 du
                double p1 = Math.pow(l1, 2 * depth);
                double p2 = Math.pow(l2, 2 * depth);
                double f = w * Math.exp(-c * (p1 + p2)) * Math.sqrt((p1 - p2) * (l1 * l1 - l2 * l2));
                z += f;
                a1 += f * l1;
                a2 += f * l2;
                s += f * (l1 * l1 + l2 * l2);
            }
        }
        this.meanLambda1 = a1 / z;
        this.meanLambda2 = a2 / z;
        this.meanSumSquares = s / z;
    }

    double meanLambda1() {
        return meanLambda1;
    }

    double meanLambda2() {
        return meanLambda2;
    }

    double meanSumSquares() {
        return meanSumSquares;
    }

    /** @return {nodes, weights} of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n). */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double r = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = r;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * r * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (r * p1 - p0) / (r * r - 1);
                double dr = p1 / dp;
                r -= dr;
                if (Math.abs(dr) < 1e-15) {
                    break;
                }
            }
            x[i] = r;
            w[i] = 2 / ((1 - r * r) * dp * dp);
        }
        return new double[][] {x, w};
    }
}
