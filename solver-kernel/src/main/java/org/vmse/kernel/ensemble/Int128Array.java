package org.vmse.kernel.ensemble;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An array of 128-bit two's complement integers that only ever grow by exact addition: cell {@code i} is
 * {@code hi[i] * 2^64 + (lo[i] as unsigned)}. Integer addition is associative and commutative, so the cells
 * hold the same bits whatever the order of {@link #add} and {@link #addAll} calls.
 * Overflow beyond 2<sup>127</sup> wraps silently; {@link ExactMoments} bounds its terms so it cannot happen.
 */
final class Int128Array implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long MANTISSA_MASK = (1L << 52) - 1;

    private final long[] hi;
    private final long[] lo;

    Int128Array(int size) {
        this.hi = new long[size];
        this.lo = new long[size];
    }

    int size() {
        return hi.length;
    }

    /** Cell {@code i} += {@code v} (sign-extended to 128 bits). */
    void add(int i, long v) {
        long l = lo[i] + v;
        // carry out of the unsigned low word, plus the sign extension of v
        hi[i] += (Long.compareUnsigned(l, lo[i]) < 0 ? 1 : 0) + (v >> 63);
        lo[i] = l;
    }

    /**
     * Cell {@code i} += the integer nearest to {@code x} (ties toward +infinity, as
     * {@link Math#round(double)}), for finite {@code |x| < 2^126}.
     */
    void addRounded(int i, double x) {
        if (Math.abs(x) < 0x1p62) {
            add(i, Math.round(x)); // the common case
            return;
        }
        // |x| >= 2^62 > 2^52: x is an integer m 2^e, e >= 10; place the 53-bit mantissa exactly
        long bits = Double.doubleToRawLongBits(x);
        long m = (bits & MANTISSA_MASK) | (1L << 52);
        int e = (int) ((bits >>> 52) & 0x7ff) - 1075;
        long h;
        long l;
        if (e < 64) {
            l = m << e;
            h = m >>> (64 - e);
        } else {
            l = 0;
            h = m << (e - 64);
        }
        if (x < 0) { // two's complement negation of (h, l)
            l = -l;
            h = l == 0 ? -h : ~h;
        }
        long sum = lo[i] + l;
        hi[i] += h + (Long.compareUnsigned(sum, lo[i]) < 0 ? 1 : 0);
        lo[i] = sum;
    }

    /** Every cell += the same cell of {@code other}. */
    void addAll(Int128Array other) {
        for (int i = 0; i < hi.length; i++) {
            long sum = lo[i] + other.lo[i];
            hi[i] += other.hi[i] + (Long.compareUnsigned(sum, lo[i]) < 0 ? 1 : 0);
            lo[i] = sum;
        }
    }

    BigInteger get(int i) {
        return BigInteger.valueOf(hi[i]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo[i])));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int128Array a && Arrays.equals(hi, a.hi) && Arrays.equals(lo, a.lo);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hi) + Arrays.hashCode(lo);
    }
}
