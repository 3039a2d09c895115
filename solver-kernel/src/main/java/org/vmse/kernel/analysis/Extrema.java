package org.vmse.kernel.analysis;

/** The smallest and largest entry of an array, fast enough to run on every sampled mass of every step. */
public final class Extrema {

    private Extrema() {
    }

    /**
     * Writes {@code min v} and {@code max v} into {@code out[0]}, {@code out[1]} ({@code +inf}, {@code -inf} for an
     * empty {@code v}). Four independent lanes with plain comparisons: {@code Math.min/max} (NaN and signed-zero
     * rules) on one dependency chain made this a visible share of a time step at {@code M = 416}. NaN entries are
     * skipped: callers that must see them check finiteness elsewhere (the solver's norm check does).
     */
    public static void of(double[] v, double[] out) {
        double lo0 = Double.POSITIVE_INFINITY, lo1 = lo0, lo2 = lo0, lo3 = lo0;
        double hi0 = Double.NEGATIVE_INFINITY, hi1 = hi0, hi2 = hi0, hi3 = hi0;
        int j = 0;
        for (; j + 3 < v.length; j += 4) {
            double a0 = v[j], a1 = v[j + 1], a2 = v[j + 2], a3 = v[j + 3];
            lo0 = a0 < lo0 ? a0 : lo0;
            lo1 = a1 < lo1 ? a1 : lo1;
            lo2 = a2 < lo2 ? a2 : lo2;
            lo3 = a3 < lo3 ? a3 : lo3;
            hi0 = a0 > hi0 ? a0 : hi0;
            hi1 = a1 > hi1 ? a1 : hi1;
            hi2 = a2 > hi2 ? a2 : hi2;
            hi3 = a3 > hi3 ? a3 : hi3;
        }
        for (; j < v.length; j++) {
            lo0 = v[j] < lo0 ? v[j] : lo0;
            hi0 = v[j] > hi0 ? v[j] : hi0;
        }
        out[0] = Math.min(Math.min(lo0, lo1), Math.min(lo2, lo3));
        out[1] = Math.max(Math.max(hi0, hi1), Math.max(hi2, hi3));
    }
}
