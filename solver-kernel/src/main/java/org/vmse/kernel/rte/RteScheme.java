package org.vmse.kernel.rte;

import org.vmse.kernel.fft.FftBackend;

/**
 * A time scheme for the discretized radiative transfer equation of an {@link RteOperator}, with its largest time step
 * {@code dt} ({@code rte.dt}) fixed at construction. Every output interval {@code (t_{n-1}, t_n]} is stepped with
 * {@code N_n = ceil((t_n - t_{n-1}) / dt)} equal steps (the rule of {@link org.vmse.kernel.vmse.TimePlan}), so no
 * step is longer than {@code dt} and the output times are hit exactly.
 *
 * <p>Implementations are immutable and may be shared between threads.
 */
public sealed interface RteScheme permits WenoRkScheme, SpectralSplittingScheme {

    /**
     * The scheme for {@code operator}: {@link SpectralSplittingScheme} (exact transport and collision, Strang
     * splitting) when m0 is constant, otherwise the paper's {@link WenoRkScheme}; step {@code dt}, FFTs of the
     * spectral scheme by {@code fft}.
     *
     * @throws IllegalArgumentException if {@code dt} is not positive and finite, or violates the WENO scheme's
     *                                  stability bounds
     */
    static RteScheme of(RteOperator operator, double dt, FftBackend fft) {
        return operator.hasConstantMass() ? new SpectralSplittingScheme(operator, dt, fft)
                : new WenoRkScheme(operator, dt);
    }

    /** {@link #of(RteOperator, double, FftBackend)} with JTransforms. */
    static RteScheme of(RteOperator operator, double dt) {
        return of(operator, dt, FftBackend.JTRANSFORMS);
    }

    RteOperator operator();

    /** The largest time step. */
    double dt();

    /** The scheme's name in reports ({@link RteSolution#method()}). */
    String name();

    /**
     * Solves from {@code w0} (flat, {@code [j * nk + i]}) at {@code t = 0} to every output time.
     *
     * @param times positive, finite, increasing output times
     * @throws IllegalArgumentException for a {@code w0} of the wrong length or bad output times
     */
    RteSolution solve(double[] w0, double[] times);
}
