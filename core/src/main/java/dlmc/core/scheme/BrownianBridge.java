package dlmc.core.scheme;

import dlmc.core.random.RandomStream;

/**
 * Refines a drawn Brownian increment (Lévy's construction): given ΔW = W(t+h) − W(t) for an
 * n-dimensional standard Brownian motion and a split h = h1 + h2, draws W(t+h1) − W(t) from its
 * conditional law N((h1/h) ΔW, (h1 h2/h) I) and returns the remainder ΔW − first for
 * [t+h1, t+h]. The two pieces are then exactly the increments of the same Brownian path, so
 * rejecting a step and retrying on the first half does not bias the law (it only refines the
 * time grid of a fixed path).
 *
 * <p>Conservation: {@code first[i] + rest[i]} equals {@code dW[i]} up to the single rounding of
 * the subtraction {@code rest = dW − first} (|error| ≤ ½ ulp(rest)).
 */
final class BrownianBridge {
    private BrownianBridge() {
    }

    /**
     * Draws n Gaussians from {@code stream} (in index order).
     *
     * @param dW    the increment over [t, t+h1+h2]. Not modified (may alias neither output).
     * @param h1    length of the first piece, &gt; 0
     * @param h2    length of the second piece, &gt; 0
     * @param first the increment over [t, t+h1]. Modified.
     * @param rest  the increment over [t+h1, t+h1+h2], written at {@code rest[restOffset..+n)}.
     *              Modified.
     */
    static void split(double[] dW, int n, double h1, double h2, RandomStream stream,
                      double[] first, double[] rest, int restOffset) {
        final double h = h1 + h2;
        final double w = h1 / h;
        final double s = Math.sqrt(h1 * h2 / h);
        stream.gaussians(first, 0, n);
        for (int i = 0; i < n; i++) {
            first[i] = w * dW[i] + s * first[i];
            rest[restOffset + i] = dW[i] - first[i];
        }
    }
}
