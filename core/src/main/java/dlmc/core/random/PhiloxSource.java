package dlmc.core.random;

import org.apache.commons.rng.core.source64.LongProvider;

/**
 * The Philox4x64-10 counter-based generator (Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC 2011), producing exactly the sequence of Commons RNG's
 * {@code Philox4x64} built from {@code {key0, key1, 0, 0, 0, 0}}: 256-bit counter
 * (c0 least significant), incremented before each block of four outputs (so the first block uses
 * counter 1), ten rounds with the Weyl key schedule, outputs in word order. Checked draw for draw
 * against Commons RNG in {@code PhiloxSourceTest}.
 *
 * <p>Why: on JDK 17 Commons RNG reaches the unsigned 64×64→128-bit multiply through a
 * MethodHandle; here it is {@link Math#multiplyHigh} (an intrinsic) plus the two-term unsigned
 * correction, with the block in local variables. The generator is ≈ 40 % of the W1 profile.
 *
 * <p>Extends Commons RNG's {@link LongProvider}, so {@code nextDouble}, {@code nextInt} (two ints
 * per long), {@code nextBoolean} etc. are derived from {@link #next} exactly as for Commons RNG's
 * own generator. Not thread-safe.
 */
final class PhiloxSource extends LongProvider {
    private static final long M0 = 0xD2E7470EE14C6C93L;
    private static final long M1 = 0xCA5A826395121157L;
    private static final long W0 = 0x9E3779B97F4A7C15L;
    private static final long W1 = 0xBB67AE8584CAA73BL;

    private long key0;
    private long key1;
    private long ctr0;
    private long ctr1;
    private long ctr2;
    private long ctr3;
    private long out0;
    private long out1;
    private long out2;
    private long out3;
    /** Next output word of the current block, 4 = block used up. */
    private int position = 4;

    /** A generator with key (key0, key1) and the counter at zero. */
    PhiloxSource(long key0, long key1) {
        rekey(key0, key1);
    }

    /**
     * Re-keys this generator in place: afterwards it produces exactly the sequence of
     * {@code new PhiloxSource(key0, key1)} (counter and cached sub-word state cleared).
     */
    void rekey(long key0, long key1) {
        this.key0 = key0;
        this.key1 = key1;
        ctr0 = 0;
        ctr1 = 0;
        ctr2 = 0;
        ctr3 = 0;
        position = 4;
        resetCachedState();
    }

    @Override
    public long next() {
        switch (position) {
            case 0:
                position = 1;
                return out0;
            case 1:
                position = 2;
                return out1;
            case 2:
                position = 3;
                return out2;
            case 3:
                position = 4;
                return out3;
            default:
                if (++ctr0 == 0 && ++ctr1 == 0 && ++ctr2 == 0) {
                    ++ctr3;
                }
                block();
                position = 1;
                return out0;
        }
    }

    /** out ← Philox4x64-10(counter, key). */
    private void block() {
        long x0 = ctr0;
        long x1 = ctr1;
        long x2 = ctr2;
        long x3 = ctr3;
        long k0 = key0;
        long k1 = key1;
        for (int round = 0; round < 10; round++) {
            final long hi0 = unsignedMultiplyHigh(M0, x0);
            final long lo0 = M0 * x0;
            final long hi1 = unsignedMultiplyHigh(M1, x2);
            final long lo1 = M1 * x2;
            x0 = hi1 ^ x1 ^ k0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1;
            x3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out0 = x0;
        out1 = x1;
        out2 = x2;
        out3 = x3;
    }

    /** High 64 bits of the unsigned 128-bit product a·b. */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
