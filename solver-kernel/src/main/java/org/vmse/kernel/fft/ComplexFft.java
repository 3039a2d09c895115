package org.vmse.kernel.fft;

/**
 * An in-place complex discrete Fourier transform of fixed length on interleaved arrays
 * ({@code a[2j]} real part, {@code a[2j+1]} imaginary part of entry {@code j}).
 *
 * <p>Convention (4.7): {@code forward} computes {@code U^_l = sum_j U_j exp(-2 pi i j l / M)} without scaling;
 * {@code inverse} computes {@code (1/M) sum_l U^_l exp(2 pi i j l / M)}, so {@code inverse(forward(a)) == a}.
 * Kept behind an interface so a faster native backend can be chosen at run time. Instances own a plan and
 * scratch space: one per thread.
 */
public interface ComplexFft {

    /** The transform length {@code M}. */
    int size();

    /** Unscaled forward transform, in place. */
    void forward(double[] a);

    /** Inverse transform scaled by {@code 1/M}, in place. */
    void inverse(double[] a);

    /**
     * Inverse transform without the {@code 1/M} factor, in place: {@code M} times {@link #inverse}. For callers that
     * fold the factor into a pass over the result they make anyway (it saves one pass per transform).
     */
    void inverseUnscaled(double[] a);

    /** A short name for reports, e.g. {@code "jtransforms"}. */
    String name();

    /** Rejects an array that is not {@code 2 size} long (interleaved complex). */
    static void requireLength(int size, double[] a) {
        if (a.length != 2 * size) {
            throw new IllegalArgumentException(
                    "interleaved complex array must have length 2M = " + 2 * size + ", got " + a.length);
        }
    }
}
