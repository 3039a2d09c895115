package org.vmse.kernel.fft;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * {@link ComplexFft} on JTransforms' mixed-radix {@code DoubleFFT_1D} (any {@code M}, e.g. 6656 = 2^9 * 13).
 *
 * <p>JTransforms is pinned to one thread: parallelism belongs to the caller (one transform per task), and
 * JTransforms' own pool would oversubscribe the cores Spark already uses.
 */
public final class JTransformsFft implements ComplexFft {

    static {
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int size;
    private final DoubleFFT_1D plan;

    public JTransformsFft(int size) {
        if (!(size >= 2)) {
            throw new IllegalArgumentException("FFT length must be at least 2, got " + size);
        }
        this.size = size;
        this.plan = new DoubleFFT_1D(size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forward(double[] a) {
        ComplexFft.requireLength(size, a);
        plan.complexForward(a);
    }

    @Override
    public void inverse(double[] a) {
        ComplexFft.requireLength(size, a);
        plan.complexInverse(a, true);
    }

    @Override
    public void inverseUnscaled(double[] a) {
        ComplexFft.requireLength(size, a);
        plan.complexInverse(a, false);
    }

    @Override
    public String name() {
        return "jtransforms";
    }
}
