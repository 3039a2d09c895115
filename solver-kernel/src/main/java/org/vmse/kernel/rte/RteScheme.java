package org.vmse.kernel.rte;

import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.vmse.TimePlan;

/**
 * A time scheme for the discretized radiative transfer equation (3.6) of an {@link RteOperator}, with its largest
 * time step {@code dt} ({@code rte.dt}) fixed at construction. Every output interval {@code (t_{n-1}, t_n]} is
 * stepped with {@code N_n = ceil((t_n - t_{n-1}) / dt)} equal steps (the rule of {@link TimePlan}), so no step is
 * longer than {@code dt} and the output times are hit exactly.
 *
 * <p>What the schemes share lives here: the operator, the step, their validation and the time plan of a solve; a
 * scheme supplies only how it marches along that plan ({@link #march}).
 *
 * <p>Implementations are immutable and may be shared between threads.
 */
public abstract sealed class RteScheme permits WenoRkScheme, SpectralSplittingScheme {

    private final RteOperator operator;
    private final double dt;

    /** @throws IllegalArgumentException if {@code dt} is not positive and finite */
    RteScheme(RteOperator operator, double dt) {
        RteOperator.checkStep(dt);
        this.operator = operator;
        this.dt = dt;
    }

    /**
     * The scheme for {@code operator}: {@link SpectralSplittingScheme} (exact transport and collision, Strang
     * splitting) when m0 is constant, otherwise the paper's {@link WenoRkScheme}; step {@code dt}, FFTs of the
     * spectral scheme by {@code fft}.
     *
     * @throws IllegalArgumentException if {@code dt} is not positive and finite, or violates the WENO scheme's
     *                                  stability bounds
     */
    public static RteScheme of(RteOperator operator, double dt, FftBackend fft) {
        return operator.hasConstantMass() ? new SpectralSplittingScheme(operator, dt, fft)
                : new WenoRkScheme(operator, dt);
    }

    /** {@link #of(RteOperator, double, FftBackend)} with JTransforms. */
    public static RteScheme of(RteOperator operator, double dt) {
        return of(operator, dt, FftBackend.JTRANSFORMS);
    }

    public final RteOperator operator() {
        return operator;
    }

    /** The largest time step. */
    public final double dt() {
        return dt;
    }

    /** The scheme's name in reports ({@link RteSolution#method()}). */
    public abstract String name();

    /**
     * Solves from {@code w0} (flat, {@code [j * nk + i]}) at {@code t = 0} to every output time.
     *
     * @param times positive, finite, increasing output times
     * @throws IllegalArgumentException for a {@code w0} of the wrong length or bad output times
     */
    public final RteSolution solve(double[] w0, double[] times) {
        operator.checkInitial(w0);
        return march(w0, new TimePlan(times, dt));
    }

    /** Steps from {@code w0}, already checked against the grid, along {@code plan} (output times, step {@code dt}). */
    abstract RteSolution march(double[] w0, TimePlan plan);
}
