package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/**
 * The order in time of each RTE scheme under refinement of {@code dt}. Each scheme is compared with itself at a step
 * 8 times below the smallest one tested, on the same phase-space grid: both solve the same semi-discrete system, so
 * the spatial error cancels exactly and what is left is the time error of the coarser step. With that reference
 * {@code e(h) = c (h^p - r^p) + O(h^(p+1))}, {@code r = h_min / 8}: the ratio {@code e(h) / e(h/2)} tends to
 * {@code 2^p}, for the pair next to the reference up to the factor {@code (1 - 16^-p) / (1 - 8^-p)} (+1.2 % for
 * p = 2, +0.2 % for p = 3). Output time T = 1/4 so that every step tested divides it (the step-count rule
 * then takes exactly {@code T / dt} steps and the steps halve exactly).
 */
class RteTimeOrderTest {

    static final double L = 1.625;
    static final double T = 0.25;
    static final ScatteringKernel PAPER = new ScatteringKernel(1.5, 100, 100);

    static double maxDiff(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s = Math.max(s, Math.abs(a[j] - b[j]));
        }
        return s;
    }

    /** Max-norm errors in W at {@code T} of {@code steps[q]} against the scheme at {@code reference}. */
    static double[] errors(RteOperator op, double[] w0, double[] steps, double reference, boolean weno) {
        double[] exact = solve(op, w0, reference, weno).finalW();
        double[] e = new double[steps.length];
        for (int q = 0; q < steps.length; q++) {
            e[q] = maxDiff(solve(op, w0, steps[q], weno).finalW(), exact);
        }
        return e;
    }

    static RteSolution solve(RteOperator op, double[] w0, double dt, boolean weno) {
        RteScheme scheme = weno ? new WenoRkScheme(op, dt) : RteScheme.of(op, dt);
        RteSolution s = scheme.solve(w0, new double[] {T});
        assertEquals(Math.round(T / dt), s.steps(), "the step-count rule: T / dt steps when dt divides T");
        return s;
    }

    /**
     * WENO5 + trapezoid collision + SSP-RK3 is third order in time: SSP-RK3 is a third-order Runge–Kutta method
     * (Shu and Osher 1988), and the semi-discrete right-hand side is a smooth function of W (the WENO weights are
     * smooth for Jiang–Shu's eps > 0), so the global error is {@code O(dt^3)}. The full operator is exercised: a
     * varying m0 = 1 + 0.1 sin(2 pi x / L) (x- and k-transport) and the paper's collision (D = 1.5, a = b = 100). The
     * grid (dx = 2^-5, dk = 2^-6) resolves the data (a packet of A = 16, 4 cells per standard deviation in x; the
     * regularized delta 3 cells wide in k), so the weights vary smoothly; dt = 2^-8 .. 2^-10 are within both stability
     * bounds (CFL 0.39 at 2^-8). Ratios of successive errors in [7.5, 8.5]: the asymptotic 8 (8.01 with the reference's
     * own error) up to the next term of the error expansion (measured 7.92 and 7.98).
     */
    @Test
    void wenoSspRk3IsThirdOrderInTime() {
        RteGrid g = RteGrid.of(L, 0x1p-5, 1.25, 1.75, 0x1p-6);
        MassField wavy = FormulaMassField.parse("mass.m0", "1 + 0.1*sin(2*pi*x/1.625)");
        RteOperator op = new RteOperator(wavy, PAPER, g);
        double[] w0 = new RteInitialData(new WavePacket(16, 0.6, 1.5), 0, 3).sample(g);
        double[] e = errors(op, w0, new double[] {0x1p-8, 0x1p-9, 0x1p-10}, 0x1p-13, true);
        for (int q = 0; q + 1 < e.length; q++) {
            double ratio = e[q] / e[q + 1];
            assertTrue(ratio > 7.5 && ratio < 8.5, "error ratio " + ratio + " (errors " + e[q] + ", " + e[q + 1] + ")");
        }
    }

    /**
     * Strang splitting of the exact transport and the exact collision is second order in time (Strang 1968: the
     * symmetric composition {@code exp(hT/2) exp(hC) exp(hT/2)} matches {@code exp(h(T + C))} to {@code O(h^3)} per
     * step). The splitting only splits where the two generators do not commute: per x-Fourier mode l the transport is
     * {@code -i mu_l m0 diag(k)} and {@code [diag(k), C]_ij = (k_i - k_j) C_ij != 0} for the paper's collision (D =
     * 1.5, a = b = 100), and the packet (A = 64) carries modes l != 0. Ratios of successive errors in [3.7, 4.3]: the
     * asymptotic 4 (4.01 and 4.05 with the reference's own error) up to the next term (measured 4.013 and 4.048: a
     * clean h^2 error). Control: without scattering (D = 0) the two flows commute and the scheme is exact at any step:
     * the differences are round-off (measured 1.2e-13 against a peak of 25).
     */
    @Test
    void strangSplittingIsSecondOrderInTime() {
        RteGrid g = RteGrid.of(L, 0x1p-6, 1.25, 1.75, 0x1p-7);
        MassField one = FormulaMassField.parse("mass.m0", "1");
        double[] w0 = RteInitialData.delta(new WavePacket(64, 0.3, 1.5)).sample(g);
        double[] steps = {0x1p-4, 0x1p-5, 0x1p-6};
        double[] e = errors(new RteOperator(one, PAPER, g), w0, steps, 0x1p-9, false);
        for (int q = 0; q + 1 < e.length; q++) {
            double ratio = e[q] / e[q + 1];
            assertTrue(ratio > 3.7 && ratio < 4.3, "error ratio " + ratio + " (errors " + e[q] + ", " + e[q + 1] + ")");
        }
        double[] free = errors(new RteOperator(one, new ScatteringKernel(0, 100, 100), g), w0, steps, 0x1p-9, false);
        double peak = 0;
        for (double v : w0) {
            peak = Math.max(peak, v);
        }
        for (double err : free) {
            assertTrue(err < 1e-12 * peak, "free transport is exact at any step, error " + err);
        }
    }
}
