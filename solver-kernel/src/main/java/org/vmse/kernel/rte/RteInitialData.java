package org.vmse.kernel.rte;

import org.vmse.kernel.problem.WavePacket;

/**
 * Initial Wigner function of the RTE for the packet {@code u_I = exp(-A (x - x0)^2 + i p0 x / eps)} (4.15). Both
 * options are separable, {@code W_I(x, k) = exp(-2A (x - x0)^2) g(k)} with {@code sum_i g(k_i) dk = 1}:
 * <ul>
 *   <li>{@code eps = 0}: the limit (4.17), {@code g = delta(k - p0)} regularized on the k grid as a Gaussian of
 *   standard deviation {@code deltaCells * dk}, renormalized so that its quadrature sum {@code sum_i g_i dk} is
 *   exactly 1 (so the discrete mass equals {@code ∫ rho_I}).</li>
 *   <li>{@code eps > 0}: the exact Wigner transform (2.4) of {@code u_I}:
 *   {@code u(x - eps y/2) conj(u(x + eps y/2)) = exp(-2A (x-x0)^2 - A eps^2 y^2 / 2 - i p0 y)}, whose
 *   {@code (1/2pi) ∫ e^{iky} dy} is {@code W = exp(-2A (x-x0)^2) exp(-(k-p0)^2 / (2 A eps^2)) / sqrt(2 pi A eps^2)}
 *   (k-marginal {@code |u|^2}); also renormalized to quadrature sum 1 on the window (a relative change equal to the
 *   truncation/quadrature error, reported by {@link #kTailOutsideWindow}).</li>
 * </ul>
 * The x profile is {@code rho_I} on the periodic box's points {@code [0, L)}, not periodized (as in
 * {@code ForwardCharacteristics}).
 *
 * @param packet     the packet (A, x0, p0)
 * @param eps        0 for the delta limit, otherwise the semiclassical parameter of the Wigner transform
 * @param deltaCells width of the regularized delta in k cells (used only when {@code eps = 0}), positive
 */
public record RteInitialData(WavePacket packet, double eps, double deltaCells) {

    /** Default width (in k cells) of the regularized delta. */
    public static final double DEFAULT_DELTA_CELLS = 2;

    public RteInitialData {
        if (packet == null || !(eps >= 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rte initial data: need a packet and eps >= 0 finite, got eps = " + eps);
        }
        if (eps == 0 && !(deltaCells > 0 && deltaCells < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rte initial data: delta width must be positive, got " + deltaCells);
        }
    }

    /** (4.17) with the delta regularized over {@link #DEFAULT_DELTA_CELLS} cells. */
    public static RteInitialData delta(WavePacket packet) {
        return new RteInitialData(packet, 0, DEFAULT_DELTA_CELLS);
    }

    /** The Wigner transform of (4.15) at {@code eps > 0}. */
    public static RteInitialData wigner(WavePacket packet, double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("the Wigner initial datum needs eps > 0, got " + eps);
        }
        return new RteInitialData(packet, eps, DEFAULT_DELTA_CELLS);
    }

    /** Standard deviation of {@code g} in k. */
    public double kWidth(RteGrid grid) {
        return eps > 0 ? Math.sqrt(packet.A()) * eps : deltaCells * grid.dk();
    }

    /** {@code g(k_i)}, normalized to {@code sum_i g_i dk = 1}. */
    public double[] kProfile(RteGrid grid) {
        double s = kWidth(grid), sum = 0;
        double[] g = new double[grid.nk()];
        for (int i = 0; i < g.length; i++) {
            double z = (grid.k(i) - packet.p0()) / s;
            g[i] = Math.exp(-0.5 * z * z);
            sum += g[i] * grid.dk();
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the initial momentum p0 = " + packet.p0() + " lies far outside the k window ["
                    + grid.kMin() + ", " + grid.kMax() + "]");
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** The Gaussian mass of {@code g} outside the window {@code [kMin - dk/2, kMax + dk/2]} (before renormalizing). */
    public double kTailOutsideWindow(RteGrid grid) {
        double s = kWidth(grid) * Math.sqrt(2);
        double lo = (grid.kMin() - 0.5 * grid.dk() - packet.p0()) / s, hi = (grid.kMax() + 0.5 * grid.dk() - packet.p0()) / s;
        return 0.5 * (org.apache.commons.math3.special.Erf.erfc(-lo) + org.apache.commons.math3.special.Erf.erfc(hi));
    }

    /** {@code rho_I(x_j) = exp(-2A (x_j - x0)^2)}. */
    public double[] xProfile(RteGrid grid) {
        double[] f = new double[grid.nx()];
        for (int j = 0; j < f.length; j++) {
            f[j] = packet.density(grid.x(j));
        }
        return f;
    }

    /** The flat initial W on the grid. */
    public double[] sample(RteGrid grid) {
        double[] f = xProfile(grid), g = kProfile(grid), w = new double[grid.cells()];
        for (int j = 0; j < f.length; j++) {
            for (int i = 0; i < g.length; i++) {
                w[j * g.length + i] = f[j] * g[i];
            }
        }
        return w;
    }
}
