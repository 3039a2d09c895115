package org.vmse.kernel.rte;

import org.vmse.kernel.analysis.PeriodicLinearInterpolation;
import org.vmse.kernel.grid.PeriodicGrid;

/**
 * The result of a {@link RteScheme} run. Arrays are copied in and out.
 *
 * @param grid         the phase-space grid
 * @param method       the scheme's {@link RteScheme#name()}: {@code "weno5-ssprk3"} or {@code "spectral-strang"}
 * @param times        the output times {@code t_n}
 * @param rho          {@code rho[n][j] = sum_i W(t_n, x_j, k_i) dk}
 * @param totalMass    {@code sum_{j,i} W(t_n) dx dk}
 * @param windowLoss   cumulative mass that left the k window through its ends by k-transport up to {@code t_n}
 *                     (exact flux bookkeeping: {@code totalMass + windowLoss} is constant to round-off)
 * @param scatterLeak  cumulative estimate of the mass the full-line collision would have sent outside the window up to
 *                     {@code t_n}; the windowed collision keeps it inside (a diagnostic of the window's adequacy)
 * @param finalW       W at the last output time, flat {@code [j * nk + i]}
 * @param steps        number of time steps taken
 */
public record RteSolution(RteGrid grid, String method, double[] times, double[][] rho, double[] totalMass,
                          double[] windowLoss, double[] scatterLeak, double[] finalW, int steps) {

    public RteSolution {
        times = times.clone();
        rho = deep(rho);
        totalMass = totalMass.clone();
        windowLoss = windowLoss.clone();
        scatterLeak = scatterLeak.clone();
        finalW = finalW.clone();
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] rho() {
        return deep(rho);
    }

    /** {@code rho} at output {@code n}, copied. */
    public double[] rho(int n) {
        return rho[n].clone();
    }

    /**
     * {@code rho} at output {@code n} on the points of {@code target} (same period {@code L}), by periodic linear
     * interpolation ({@link PeriodicLinearInterpolation}): exact where the grids share points, as the paper's do.
     */
    public double[] rhoOn(int n, PeriodicGrid target) {
        return PeriodicLinearInterpolation.onto(rho[n], grid.L(), target);
    }

    @Override
    public double[] totalMass() {
        return totalMass.clone();
    }

    @Override
    public double[] windowLoss() {
        return windowLoss.clone();
    }

    @Override
    public double[] scatterLeak() {
        return scatterLeak.clone();
    }

    @Override
    public double[] finalW() {
        return finalW.clone();
    }

    private static double[][] deep(double[][] a) {
        double[][] c = new double[a.length][];
        for (int n = 0; n < a.length; n++) {
            c[n] = a[n].clone();
        }
        return c;
    }
}
