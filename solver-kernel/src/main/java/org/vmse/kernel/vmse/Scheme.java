package org.vmse.kernel.vmse;

import java.util.Locale;
import org.vmse.kernel.fft.FftFactory;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;

/** The time scheme of the VMSE (2.1) ({@code scheme} in an experiment), and the stepper that implements it. */
public enum Scheme {

    /** Crank-Nicolson (4.5)-(4.7): implicit, unitary, unconditionally stable; the mass at the half step. */
    CRANK_NICOLSON("cn", "Crank-Nicolson"),
    /**
     * The fourth-order interaction-picture Runge-Kutta method: explicit in {@code m - mbar}, so stable only within
     * {@link InteractionPictureRk4Stepper#STABILITY_LIMIT}; the mass at the start, middle and end of a step.
     */
    RK4IP("rk4ip", "RK4IP");

    private final String key;
    private final String title;

    Scheme(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The name for figures and reports, e.g. {@code Crank-Nicolson}. */
    public String title() {
        return title;
    }

    /**
     * The order in time: the global error of a smooth solution falls as {@code dt^order} (2 for Crank-Nicolson, 4 for
     * RK4IP), which step doubling's error estimate {@code |u_dt - u_dt/2| 2^p / (2^p - 1)} needs.
     */
    public int order() {
        return this == RK4IP ? 4 : 2;
    }

    /** The configuration spelling, {@code cn} or {@code rk4ip}. */
    public String key() {
        return key;
    }

    /**
     * The scheme named {@code value} ({@code cn} or {@code rk4ip}, any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public static Scheme parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Scheme s : values()) {
            if (s.key.equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scheme = " + value + " is not one of cn, rk4ip");
    }

    /**
     * Whether a step samples the mass at its start and end as well as its middle ({@code t}, {@code t + dt/2},
     * {@code t + dt}), rather than at its middle {@code t + dt/2} alone.
     */
    public boolean samplesStepEnds() {
        return this == RK4IP;
    }

    /**
     * The stepper of this scheme.
     *
     * @param grid      the periodic grid
     * @param eps       semiclassical parameter, positive
     * @param mass      the mass on the grid
     * @param potential {@code V(x_j)}, or {@code null} for none (copied)
     * @param fft       makes the stepper's transform
     * @param krylov    the implicit solve's settings (Crank-Nicolson)
     * @param policy    what a step beyond the stability bound does (RK4IP; Crank-Nicolson has no bound)
     */
    public TimeStepper stepper(PeriodicGrid grid, double eps, GridMass mass, double[] potential, FftFactory fft,
                               KrylovSettings krylov, StabilityPolicy policy) {
        return switch (this) {
            case CRANK_NICOLSON -> new CrankNicolsonStepper(grid, eps, mass, potential, fft.create(grid.M()), krylov);
            case RK4IP -> new InteractionPictureRk4Stepper(grid, eps, mass, potential, fft.create(grid.M()), policy);
        };
    }
}
