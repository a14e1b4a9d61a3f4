package dlmc.core.linalg;

/**
 * Products of small square d×d matrices stored row-major in flat arrays, for the DLN scheme
 * steps (math-spec §6.3, §6.4: the frame changes Uᵀ P V and U F Vᵀ) and the metric operator (§2.1). Each row of the result is
 * accumulated in blocks of four entries held in local variables, so the inner loop carries four
 * independent chains of multiply-adds, instead of the single serial chain of the dot-product
 * order of EJML's small-matrix kernels. The sums run over k in increasing order, so each entry
 * is the same sum as in the textbook definition, rounded in the same order. Outputs must not alias inputs. Stateless; allocates nothing.
 */
public final class SmallProducts {
    private SmallProducts() {
    }

    /** c ← a b. */
    public static void mult(double[] a, double[] b, double[] c, int d) {
        product(a, false, b, c, d);
    }

    /** c ← aᵀ b. */
    public static void multTransA(double[] a, double[] b, double[] c, int d) {
        product(a, true, b, c, d);
    }

    /**
     * c ← op(a) b, op(a) = a or aᵀ. Row i of c is accumulated over k = 0, 1, ... in blocks of
     * four columns held in local variables (registers): four independent chains of
     * multiply-adds instead of loads and stores of c in the inner loop.
     */
    private static void product(double[] a, boolean transA, double[] b, double[] c, int d) {
        final int rowStride = transA ? 1 : d;
        final int kStride = transA ? d : 1;
        for (int i = 0; i < d; i++) {
            final int ci = i * d;
            final int ai = i * rowStride;
            int j = 0;
            for (; j + 3 < d; j += 4) {
                double c0 = 0;
                double c1 = 0;
                double c2 = 0;
                double c3 = 0;
                for (int k = 0; k < d; k++) {
                    final double aik = a[ai + k * kStride];
                    final int bk = k * d + j;
                    c0 += aik * b[bk];
                    c1 += aik * b[bk + 1];
                    c2 += aik * b[bk + 2];
                    c3 += aik * b[bk + 3];
                }
                c[ci + j] = c0;
                c[ci + j + 1] = c1;
                c[ci + j + 2] = c2;
                c[ci + j + 3] = c3;
            }
            for (; j < d; j++) {
                double cj = 0;
                for (int k = 0; k < d; k++) {
                    cj += a[ai + k * kStride] * b[k * d + j];
                }
                c[ci + j] = cj;
            }
        }
    }

    /** t ← aᵀ. */
    public static void transpose(double[] a, double[] t, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
    }
}
