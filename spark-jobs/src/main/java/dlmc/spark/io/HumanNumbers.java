package dlmc.spark.io;

import java.util.Locale;

/**
 * Numbers formatted for people (the run summary, the report's tables and notes, the validate
 * table): {@link String#format} in {@link Locale#ROOT}, except that a value shown as zero is shown
 * without a sign. A −0.0 (e.g. the theory −S/β = −0.0/β of a depth-1 DLN, where S ≡ 0) or a value
 * that rounds to zero at the shown precision (z = −0.001 with {@code %.2f}) would otherwise print
 * as {@code -0.0000} / {@code -0.00}. Parquet values are never formatted here. Stateless,
 * thread-safe.
 */
public final class HumanNumbers {
    private HumanNumbers() {
    }

    /**
     * @param pattern a {@link String#format} pattern with one floating-point conversion, e.g.
     *                {@code "%.5g"} or {@code "%+.2f"}
     * @return {@code pattern} applied to v, or to +0.0 when that text is a zero with a minus sign
     *         ({@code "%+.2f"} then gives {@code +0.00})
     */
    public static String format(String pattern, double v) {
        final String s = String.format(Locale.ROOT, pattern, v);
        return isNegativeZero(s) ? String.format(Locale.ROOT, pattern, 0.0) : s;
    }

    /** @return whether s is a formatted zero with a minus sign ({@code -0}, {@code -0.00}, {@code -0.0000e+00}). */
    static boolean isNegativeZero(String s) {
        final int minus = s.indexOf('-');
        if (minus < 0) {
            return false;
        }
        int end = s.length();
        final int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        if (e > minus) {
            end = e;
        }
        boolean digit = false;
        for (int i = minus + 1; i < end; i++) {
            final char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
            digit |= c == '0';
        }
        return digit;
    }
}
