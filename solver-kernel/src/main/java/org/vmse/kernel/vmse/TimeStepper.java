package org.vmse.kernel.vmse;

/**
 * One step of a scheme for the VMSE (2.1) on a periodic grid, acting on the Fourier coefficients
 * {@code U^_l} (4.7) of the solution, interleaved complex in FFT order. Kept small so a second scheme can sit
 * beside Crank-Nicolson.
 */
public interface TimeStepper {

    /** Advances {@code uHat} from {@code t} to {@code t + dt} in place. */
    void step(double t, double dt, double[] uHat);

    /** Work done so far. */
    StepperStatistics statistics();

    /** A short name for reports, e.g. {@code "crank-nicolson"}. */
    String name();
}
