package org.vmse.kernel.random;

/**
 * One realization's observables.
 *
 * @param index             the realization
 * @param densities         {@code |u(t_k, x_j)|^2} per output time
 * @param nonPositivePoints grid points, summed over all half steps, where the mass was not positive
 * @param massMinimum       the smallest mass seen on the grid
 * @param steps             time steps taken
 * @param krylovIterations  Krylov iterations over all steps
 * @param substeps          substeps of the steps RK4IP had to split for stability (0 for Crank-Nicolson)
 */
public record RealizationResult(long index, double[][] densities, long nonPositivePoints, double massMinimum,
                                long steps, long krylovIterations, long substeps) {
}
