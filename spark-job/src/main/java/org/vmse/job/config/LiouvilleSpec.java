package org.vmse.job.config;

/**
 * Settings of the Liouville limit.
 *
 * @param tolerance  {@code liouville.tolerance}, of the adaptive integrator
 * @param rays       {@code liouville.rays}, forward characteristics
 * @param dx         {@code liouville.dx}, phase-space grid
 * @param dk         {@code liouville.dk}, phase-space grid
 * @param deltaWidth {@code liouville.deltaWidth}, std of the regularized delta in units of {@code dk}
 */
public record LiouvilleSpec(double tolerance, int rays, double dx, double dk, double deltaWidth) {
}
