package org.vmse.kernel.krylov;

/** A linear map on complex vectors stored interleaved ({@code re, im, re, im, ...}). */
@FunctionalInterface
public interface ComplexOperator {

    /** Writes {@code A x} into {@code y}; {@code x} and {@code y} are distinct arrays and {@code x} is unchanged. */
    void apply(double[] x, double[] y);
}
