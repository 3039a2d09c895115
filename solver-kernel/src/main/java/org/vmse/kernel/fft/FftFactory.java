package org.vmse.kernel.fft;

/**
 * Makes the transforms of a solver: an {@link FftBackend} with its default plans, or FFTW planned from
 * {@link FftwWisdom}. Serializable implementations travel to executors with the problem they serve.
 */
@FunctionalInterface
public interface FftFactory {

    /** A transform of length {@code size}, owned by the caller. */
    ComplexFft create(int size);
}
