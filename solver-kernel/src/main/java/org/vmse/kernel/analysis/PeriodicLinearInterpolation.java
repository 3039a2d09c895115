package org.vmse.kernel.analysis;

import org.vmse.kernel.grid.PeriodicGrid;

/**
 * Periodic piecewise-linear interpolation from one uniform grid of a period {@code L} onto the points of another
 * ({@link PeriodicGrid}): samples {@code f_i = f(i h)}, {@code h = L / n}, {@code i = 0..n-1}, and
 * <pre>
 *   I f(x) = f_i + theta (f_{i+1} - f_i),   i = floor(x / h),   theta = x / h - i,   indices mod n.
 * </pre>
 * Second order: {@code |I f - f| <= h^2 / 8 max|f''|}; exact (to round-off) for f linear on the cell that holds
 * {@code x}, and at the points the two grids share.
 */
public final class PeriodicLinearInterpolation {

    /**
     * A target point within this fraction of {@code h} above a sample takes the sample itself, so that grids that
     * share points (as the paper's RTE and VMSE grids do) carry the values over exactly despite the rounding of
     * {@code x / h}.
     */
    public static final double SNAP = 1e-12;

    private PeriodicLinearInterpolation() {
    }

    /**
     * The interpolant of {@code samples} (at {@code i period / n}) at every point of {@code target}.
     *
     * @throws IllegalArgumentException if there are fewer than 2 samples, or the period is not positive or differs from
     *                                  {@code target.L()} by more than 1e-12 relative
     */
    public static double[] onto(double[] samples, double period, PeriodicGrid target) {
        if (samples == null || samples.length < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 samples, got "
                    + (samples == null ? "none" : samples.length));
        }
        if (!(period > 0 && Math.abs(period - target.L()) <= 1e-12 * target.L())) {
            throw new IllegalArgumentException("the samples' period " + period + " must be the target grid's domain.L = "
                    + target.L());
        }
        int n = samples.length;
        double spacing = period / n;
        double[] values = new double[target.M()];
        for (int j = 0; j < values.length; j++) {
            double position = target.x(j) / spacing;
            int cell = (int) Math.floor(position);
            double theta = position - cell;
            double left = samples[Math.floorMod(cell, n)];
            double right = samples[Math.floorMod(cell + 1, n)];
            values[j] = theta < SNAP ? left : left + theta * (right - left);
        }
        return values;
    }
}
