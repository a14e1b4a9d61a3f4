package dlmc.core.model;

import java.util.Arrays;

/**
 * Initial spectrum of a Dyson model (interface.md §2, {@code model.initial}).
 *
 * <ul>
 *   <li>{@link Zero}: all eigenvalues at 0 (H_0 = 0);</li>
 *   <li>{@link Gbe}: a Gaussian β-ensemble sample (tridiagonal model of math-spec §5.1, any β > 0):
 *       the D1 law at time {@code time} from zero for D1 (E|H_ij|² = time), the D2 law at that time
 *       for D2 and for OU (E|H_ij|² = time/n; for OU this is not OU's own law at {@code time} from
 *       zero, whose variance is (1 − e^{−time})/n). So in D2 and OU, {@code time = 1} is exactly the
 *       OU stationary law (semicircle on [−2, 2]);</li>
 *   <li>{@link Spectrum}: given eigenvalues (sorted ascending on construction).</li>
 * </ul>
 */
public sealed interface InitialCondition {

    /** H_0 = 0. */
    record Zero() implements InitialCondition {
    }

    /** GβE sample: the law at {@code time > 0} of the process from zero. */
    record Gbe(double time) implements InitialCondition {
    }

    /** A given spectrum; {@code values} is copied and sorted ascending. */
    record Spectrum(double[] values) implements InitialCondition {
        public Spectrum {
            values = values.clone();
            Arrays.sort(values);
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }
}
