package org.vmse.kernel.vmse;

/**
 * Work done by a time stepper so far.
 *
 * @param steps                time steps taken
 * @param krylovIterations     Krylov iterations in all steps together
 * @param maxKrylovIterations  most Krylov iterations in one step
 * @param ffts                 complex FFTs of length {@code M} performed
 * @param substeps             substeps taken by the steps an explicit scheme had to split for stability (0 if none)
 */
public record StepperStatistics(long steps, long krylovIterations, int maxKrylovIterations, long ffts,
                                long substeps) {

    /** Mean Krylov iterations per step, 0 before the first step. */
    public double meanKrylovIterations() {
        return steps == 0 ? 0 : (double) krylovIterations / steps;
    }

    /** Mean FFTs per step, 0 before the first step. */
    public double fftsPerStep() {
        return steps == 0 ? 0 : (double) ffts / steps;
    }
}
