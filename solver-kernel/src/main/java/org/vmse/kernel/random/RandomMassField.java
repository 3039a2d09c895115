package org.vmse.kernel.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A sampler of the fluctuation {@code m1(t/eps, x_j/eps)} of the random mass (3.2)/(4.20) on the grid, one
 * realization at a time: {@link #reset} draws a realization, {@link #fill} evaluates it at the stepper's half steps,
 * in increasing time. Implementations own their workspaces (one instance per task, reused for all its realizations)
 * and are not thread-safe.
 */
public interface RandomMassField {

    /** Draws a new realization from {@code rng} alone. */
    void reset(UniformRandomProvider rng);

    /** Writes {@code m1(t/eps, x_j/eps)} for every grid point into {@code out}; times must not decrease. */
    void fill(double t, double[] out);
}
