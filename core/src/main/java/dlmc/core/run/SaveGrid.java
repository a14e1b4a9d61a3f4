package dlmc.core.run;

import java.util.Arrays;

/**
 * The save-at times: strictly increasing, starting at 0 (the initial state is always observed).
 */
public final class SaveGrid {
    private final double[] times;

    /**
     * @param times strictly increasing, first element 0, all finite. Copied.
     * @throws IllegalArgumentException otherwise
     */
    public SaveGrid(double[] times) {
        if (times.length == 0 || times[0] != 0.0) {
            throw new IllegalArgumentException("save times must start at 0, got " + Arrays.toString(times));
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1]) || !Double.isFinite(times[i])) {
                throw new IllegalArgumentException("save times must be finite and strictly increasing, got "
                        + Arrays.toString(times));
            }
        }
        this.times = times.clone();
    }

    /**
     * 0, every, 2·every, ..., up to tEnd (tEnd itself is always included; a point closer than
     * 1e-9·every to tEnd is merged with it).
     */
    public static SaveGrid every(double every, double tEnd) {
        int k = (int) Math.floor(tEnd / every + 1e-9);
        double[] ts = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            ts[i] = i * every;
        }
        if (tEnd - ts[k] > 1e-9 * every) {
            ts = Arrays.copyOf(ts, k + 2);
            ts[k + 1] = tEnd;
        } else {
            ts[k] = tEnd;
        }
        return new SaveGrid(ts);
    }

    public int size() {
        return times.length;
    }

    public double time(int i) {
        return times[i];
    }

    public double[] times() {
        return times.clone();
    }

    public double end() {
        return times[times.length - 1];
    }
}
