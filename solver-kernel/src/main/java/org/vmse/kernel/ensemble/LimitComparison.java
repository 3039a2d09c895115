package org.vmse.kernel.ensemble;

/**
 * {@code Err = ∫ |rho0 - E[rho_eps]| dx} (4.27) of a Monte Carlo mean, with the two figures a reader needs to trust
 * it:
 * <ul>
 *   <li>its standard error, from batch means over fixed realization blocks and the delta method: to first order
 *       {@code Err(mean + d) - Err(mean) = ∫ s(x) d(x) dx} with {@code s = sign(mean - rho0)}, so the batch values
 *       {@code g_b = dx sum_j s_j mean_b(x_j)} give {@code se(Err) = sd(g_b) / sqrt(B)};</li>
 *   <li>its noise floor, what it would read if the limit were exact: {@code E ∫ |mean - E mean| dx = sqrt(2/pi) ∫
 *       se(x) dx} for Gaussian fluctuations of the mean, {@code se(x)} the pointwise standard error.</li>
 * </ul>
 * An {@code Err} within a few noise floors of the floor says the limit is not resolved by the samples.
 *
 * @param errL1      {@code Err}
 * @param errL1Se    its Monte Carlo standard error (NaN with fewer than two batches)
 * @param noiseFloor {@code sqrt(2/pi) ∫ se(x) dx}
 * @param batches    batches used
 */
public record LimitComparison(double errL1, double errL1Se, double noiseFloor, int batches) {

    /**
     * @param rho0        the limit on the grid
     * @param mean        the ensemble mean
     * @param standardErr the pointwise standard error of the mean
     * @param batchMeans  the means of the batches (each non-empty), {@code [batch][x]}
     * @param dx          grid spacing
     */
    public static LimitComparison of(double[] rho0, double[] mean, double[] standardErr, double[][] batchMeans,
                                     double dx) {
        int n = rho0.length;
        if (mean.length != n || standardErr.length != n) {
            throw new IllegalArgumentException("rho0, mean and standard error differ in length");
        }
        double err = 0;
        double floor = 0;
        for (int j = 0; j < n; j++) {
            err += Math.abs(mean[j] - rho0[j]);
            floor += Double.isFinite(standardErr[j]) ? standardErr[j] : 0;
        }
        err *= dx;
        floor *= Math.sqrt(2 / Math.PI) * dx;
        int b = batchMeans.length;
        double se = Double.NaN;
        if (b >= 2) {
            double[] g = new double[b];
            double gMean = 0;
            for (int k = 0; k < b; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.signum(mean[j] - rho0[j]) * batchMeans[k][j];
                }
                g[k] = s * dx;
                gMean += g[k] / b;
            }
            double var = 0;
            for (double v : g) {
                var += (v - gMean) * (v - gMean);
            }
            se = Math.sqrt(var / (b - 1) / b);
        }
        return new LimitComparison(err, se, floor, b);
    }
}
