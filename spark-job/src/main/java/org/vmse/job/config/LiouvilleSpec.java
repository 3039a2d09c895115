package org.vmse.job.config;

/**
 * Settings of the Liouville limit.
 *
 * @param tolerance  {@code liouville.tolerance}, of the adaptive integrator, in {@code (0, 1e-2)}
 * @param rays       {@code liouville.rays}, forward characteristics, at least 16
 * @param dx         {@code liouville.dx}, phase-space grid
 * @param dk         {@code liouville.dk}, phase-space grid
 * @param deltaWidth {@code liouville.deltaWidth}, std of the regularized delta in units of {@code dk}
 */
public record LiouvilleSpec(double tolerance, int rays, double dx, double dk, double deltaWidth) {

    public LiouvilleSpec {
        Require.positive("liouville.tolerance", tolerance);
        if (!(tolerance < 1e-2)) {
            throw new ConfigurationException("liouville.tolerance = " + Require.show(tolerance)
                    + " is too loose; use 1e-10 (default)");
        }
        if (rays < 16) {
            throw new ConfigurationException("liouville.rays = " + rays + " must be at least 16 (default 2000)");
        }
        Require.positive("liouville.dx", dx);
        Require.positive("liouville.dk", dk);
        Require.positive("liouville.deltaWidth", deltaWidth);
    }
}
