package dlmc.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link GbeMoments}' closed forms against an independent exact computation: E tr T^k of the
 * Dumitriu–Edelman tridiagonal model (diagonal a_j ~ N(0, 2), off-diagonal b_j ~ chi_{β(n−j)},
 * all independent; eigenvalues of T/sqrt(β) are the GβE with E m2 = n + 2/β − 1) by enumerating
 * every closed walk of length k on the path graph 1..n and taking the expectation of its weight
 * (products of independent moments: E a^{2m} = 2^m (2m−1)!!, E b^{2m} = k(k+2)…(k+2m−2)). The
 * D2 moments at time t are then E m_k = t^{k/2} E tr T^k/(β^{k/2} n^{k/2+1}).
 */
class GbeMomentsTest {
    /** E tr T^len by enumeration of the 3^len step sequences from each start. */
    private static double expectedTrace(int n, double beta, int len) {
        double total = 0;
        final int[] steps = new int[len];
        final int sequences = (int) Math.pow(3, len);
        for (int start = 1; start <= n; start++) {
            for (int code = 0; code < sequences; code++) {
                int c = code;
                int sum = 0;
                for (int s = 0; s < len; s++) {
                    steps[s] = c % 3 - 1;
                    c /= 3;
                    sum += steps[s];
                }
                if (sum != 0) {
                    continue;
                }
                total += walkExpectation(n, beta, start, steps);
            }
        }
        return total;
    }

    private static double walkExpectation(int n, double beta, int start, int[] steps) {
        final int[] diag = new int[n + 2];
        final int[] edge = new int[n + 2]; // edge j joins j and j + 1
        int pos = start;
        for (int s : steps) {
            if (s == 0) {
                diag[pos]++;
            } else {
                final int e = s > 0 ? pos : pos - 1;
                if (e < 1 || e > n - 1) {
                    return 0; // leaves 1..n
                }
                edge[e]++;
                pos += s;
            }
        }
        double w = 1;
        for (int j = 1; j <= n; j++) {
            if (diag[j] % 2 == 1) {
                return 0;
            }
            for (int m = 1; m <= diag[j] / 2; m++) {
                w *= 2 * (2 * m - 1); // E a^{2m} = 2^m (2m−1)!!
            }
        }
        for (int j = 1; j <= n - 1; j++) {
            final double k = beta * (n - j);
            for (int m = 0; m < edge[j] / 2; m++) {
                w *= k + 2 * m;
            }
        }
        return w;
    }

    @Test
    void closedFormsEqualTheWalkCount() {
        for (int n = 1; n <= 9; n++) {
            for (double beta : new double[] {0.5, 1, 2, 3.3, 4}) {
                final double t = 1.7;
                final double m2 = t * expectedTrace(n, beta, 2) / (beta * n * n);
                final double m4 = t * t * expectedTrace(n, beta, 4) / (beta * beta * n * n * n);
                final double m6 = t * t * t * expectedTrace(n, beta, 6) / (beta * beta * beta * n * n * n * n);
                final String where = "n = " + n + ", beta = " + beta;
                assertEquals(m2, GbeMoments.m2Mean(beta, n, t), 1e-12 * m2, "m2, " + where);
                assertEquals(m4, GbeMoments.m4Mean(beta, n, t), 1e-12 * m4, "m4, " + where);
                assertEquals(m6, GbeMoments.m6Mean(beta, n, t), 1e-12 * m6, "m6, " + where);
            }
        }
    }

    @Test
    void knownSpecialCases() {
        // GUE: E tr H^6 = 5n^4 + 10n^2 (Harer–Zagier) for E|H_ij|^2 = 1; D2 divides by n^3 per m6
        assertEquals(5 + 10.0 / 49, GbeMoments.m6Mean(2, 7, 1), 1e-14);
        // GOE: 5 + 22/n + 52/n^2 + 41/n^3
        assertEquals(5 + 22.0 / 5 + 52.0 / 25 + 41.0 / 125, GbeMoments.m6Mean(1, 5, 1), 1e-13);
        // n = 1: E h^6 = 15 sigma^6 with sigma^2 = 2t/beta
        assertEquals(15 * Math.pow(2 * 0.3 / 2.5, 3), GbeMoments.m6Mean(2.5, 1, 0.3), 1e-15);
    }
}
