package dlmc.core.scheme;

/**
 * Products of small square d×d matrices stored row-major in flat arrays, for the DLN scheme
 * steps (math-spec §6.3, §6.4: the frame changes Uᵀ P V and U F Vᵀ). Every kernel is written
 * in the "axpy" order (the innermost loop adds a multiple of one row to another, over j), whose
 * d-long inner loops are independent multiply-adds, instead of the dot-product order of EJML's
 * small-matrix kernels, whose inner loop is one serial chain of additions. The sums run over k
 * in increasing order, so each entry is the same sum as in the textbook definition, rounded in
 * the same order. Outputs must not alias inputs. Stateless; allocates nothing.
 */
final class SmallProducts {
    private SmallProducts() {
    }

    /** c ← a b. */
    static void mult(double[] a, double[] b, double[] c, int d) {
        for (int i = 0; i < d; i++) {
            final int ci = i * d;
            for (int j = 0; j < d; j++) {
                c[ci + j] = 0;
            }
            for (int k = 0; k < d; k++) {
                final double aik = a[ci + k];
                final int bk = k * d;
                for (int j = 0; j < d; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }

    /** c ← aᵀ b. */
    static void multTransA(double[] a, double[] b, double[] c, int d) {
        for (int i = 0; i < d; i++) {
            final int ci = i * d;
            for (int j = 0; j < d; j++) {
                c[ci + j] = 0;
            }
            for (int k = 0; k < d; k++) {
                final double aki = a[k * d + i];
                final int bk = k * d;
                for (int j = 0; j < d; j++) {
                    c[ci + j] += aki * b[bk + j];
                }
            }
        }
    }

    /** t ← aᵀ. */
    static void transpose(double[] a, double[] t, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
    }
}
