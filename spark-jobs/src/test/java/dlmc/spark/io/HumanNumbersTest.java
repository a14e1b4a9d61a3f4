package dlmc.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link HumanNumbers#format}: a zero is shown without a sign, every other value as String.format shows it. */
class HumanNumbersTest {
    @Test
    void zeroHasNoSign() {
        assertEquals("0.0000", HumanNumbers.format("%.5g", -0.0));
        assertEquals("0.0000e+00", HumanNumbers.format("%.4e", -0.0));
        assertEquals("0.00", HumanNumbers.format("%.2f", -0.001)); // rounds to zero at the shown precision
        assertEquals("+0.00", HumanNumbers.format("%+.2f", -0.004));
        assertEquals("0.00000", HumanNumbers.format("%.6g", -0.0));
    }

    @Test
    void otherValuesAreUnchanged() {
        assertEquals("-1.5000", HumanNumbers.format("%.5g", -1.5));
        assertEquals("-1.0000e-05", HumanNumbers.format("%.4e", -1e-5));
        assertEquals("-0.01", HumanNumbers.format("%.2f", -0.006));
        assertEquals("-0.0010000", HumanNumbers.format("%.5g", -0.001));
        assertEquals("0.0000", HumanNumbers.format("%.5g", 0.0));
        assertEquals("-Infinity", HumanNumbers.format("%.5g", Double.NEGATIVE_INFINITY));
        assertEquals("NaN", HumanNumbers.format("%.5g", Double.NaN));
    }
}
