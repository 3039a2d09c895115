package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.liouville.ForwardCharacteristics;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/** The two RTE schemes against closed forms, characteristics and each other; what they refuse. */
class RteSchemeTest {

    static final WavePacket PACKET = new WavePacket(256, 0.3, 1.5);
    static final double L = 1.625;
    static final MassField ONE = FormulaMassField.parse("mass.m0", "1");
    static final MassField WAVY = FormulaMassField.parse("mass.m0", "1 + 0.1*sin(2*pi*x/1.625)");
    static final ScatteringKernel FREE = new ScatteringKernel(0, 100, 100);
    static final ScatteringKernel PAPER = new ScatteringKernel(1.5, 100, 100);

    static double maxAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    static double maxDiff(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s = Math.max(s, Math.abs(a[j] - b[j]));
        }
        return s;
    }

    /**
     * D = 0, m0 = 1: every k row translates by k t. Spectral path = the exact discrete-k solution
     * {@code sum_i g_i dk rho_I(x - k_i t)} to 1e-12 (peak 1); the continuous delta limit rho_I(x - p0 t) to the
     * regularization error, 6e-3 (Gaussian of std s = 2 dk, dk = 2^-8: rho = rho_I(x - p0 t) convolved with a
     * Gaussian of std s t, error ~ (s t)^2 |rho_I''| / 2 = (s t)^2 2A = 5.0e-3 at t = 0.4); WENO5 (dx = 2^-9) to 1e-4
     * of the peak (measured 4.6e-5).
     */
    @Test
    void freeTransportIsTheShiftedPacket() {
        RteGrid g = RteGrid.of(L, 0x1p-9, 1.25, 1.75, 0x1p-8);
        RteOperator op = new RteOperator(ONE, FREE, g);
        RteInitialData init = RteInitialData.delta(PACKET);
        double t = 0.4;
        double[] w0 = init.sample(g), gk = init.kProfile(g), exact = new double[g.nx()], limit = new double[g.nx()];
        for (int j = 0; j < g.nx(); j++) {
            for (int i = 0; i < g.nk(); i++) {
                exact[j] += gk[i] * g.dk() * PACKET.density(g.x(j) - g.k(i) * t);
            }
            limit[j] = PACKET.density(g.x(j) - PACKET.p0() * t);
        }
        RteSolution sp = new SpectralSplittingScheme(op, 0.1, FftBackend.JTRANSFORMS).solve(w0, new double[] {t});
        RteSolution we = new WenoRkScheme(op, 0x1p-11).solve(w0, new double[] {t});
        assertTrue(maxDiff(sp.rho(0), exact) < 1e-12);
        assertTrue(maxDiff(sp.rho(0), limit) < 6e-3);
        assertTrue(maxDiff(we.rho(0), exact) < 1e-4);
        assertEquals(we.totalMass()[0], Math.sqrt(Math.PI / (2 * PACKET.A())), 1e-12);
    }

    /**
     * D = 0, m0 = 1 + 0.1 sin(2 pi x / L): WENO5 against forward characteristics (the delta limit, exact to 1e-9)
     * at t = 0.4 on dx = dk = 2^-9. Error budget: the regularized delta (std 2 dk) spreads the Liouville
     * solution over ~4e-3 in k (~1e-3 of the peak, as in the constant case), and WENO5 on 16 points per packet
     * width: 5e-3 of the peak in max norm (measured 1.8e-3).
     */
    @Tag("slow")
    @Test
    void varyingMassMatchesForwardCharacteristics() {
        RteGrid g = RteGrid.of(L, 0x1p-9, 1.25, 1.75, 0x1p-9);
        RteScheme weno = RteScheme.of(new RteOperator(WAVY, FREE, g), 0x1p-11);
        assertTrue(weno instanceof WenoRkScheme, "a varying m0 takes the WENO scheme");
        double t = 0.4;
        RteSolution we = weno.solve(RteInitialData.delta(PACKET).sample(g), new double[] {t});
        double[] ref = new ForwardCharacteristics(WAVY, PACKET, L).density(t, g.xPoints()).rho();
        double err = maxDiff(we.rho(0), ref) / maxAbs(ref);
        assertTrue(err < 5e-3, "relative max error " + err);
    }

    /**
     * D = 1.5, m0 = 1, coarse grid (dx = dk = 2^-8, window [1.25, 1.75], t = 0.2): the spectral Strang path and the
     * WENO5/SSP-RK3 path solve the same discrete collision, so they differ by WENO's x error and the time errors:
     * 1e-3 of the peak (measured 3e-4). The factory picks the spectral scheme for a constant m0.
     */
    @Test
    void fastPathAgreesWithWenoPath() {
        RteGrid g = RteGrid.of(L, 0x1p-8, 1.25, 1.75, 0x1p-8);
        RteOperator op = new RteOperator(ONE, PAPER, g);
        double[] w0 = RteInitialData.delta(PACKET).sample(g), times = {0.1, 0.2};
        RteScheme spectral = RteScheme.of(op, 0x1p-8);
        assertTrue(spectral instanceof SpectralSplittingScheme, "a constant m0 takes the spectral scheme");
        RteSolution sp = spectral.solve(w0, times);
        RteSolution we = new WenoRkScheme(op, 0x1p-10).solve(w0, times);
        // both honour their dt with the step-count rule: ceil(0.1 / dt) steps per output interval
        assertEquals(2 * 26, sp.steps());
        assertEquals(2 * 103, we.steps());
        for (int n = 0; n < times.length; n++) {
            double err = maxDiff(sp.rho(n), we.rho(n)) / maxAbs(sp.rho(n));
            assertTrue(err < 1e-3, "t = " + times[n] + ": relative max difference " + err);
        }
        double m0 = sp.totalMass()[0];
        for (int n = 0; n < times.length; n++) {
            assertEquals(m0, sp.totalMass()[n], 1e-13 * m0);
            assertEquals(m0, we.totalMass()[n] + we.windowLoss()[n], 1e-13 * m0);
            assertEquals(sp.scatterLeak()[n], we.scatterLeak()[n], 1e-2 * sp.scatterLeak()[n]);
        }
    }

    /** Varying m0 with D > 0: total mass + what left through the k window's ends is conserved to 1e-13. */
    @Test
    void massIsConservedWithVaryingMassAndScattering() {
        RteGrid g = RteGrid.of(L, 0x1p-7, 1.25, 1.75, 0x1p-7);
        double[] w0 = RteInitialData.delta(PACKET).sample(g);
        RteSolution we = new WenoRkScheme(new RteOperator(WAVY, PAPER, g), 0x1p-10).solve(w0, new double[] {0.1, 0.2});
        double m0 = Math.sqrt(Math.PI / (2 * PACKET.A()));
        for (int n = 0; n < 2; n++) {
            assertEquals(m0, we.totalMass()[n] + we.windowLoss()[n], 1e-12 * m0);
        }
    }

    @Test
    void rejectsWhatItCannotSolve() {
        RteGrid g = RteGrid.of(L, 0x1p-6, 1.25, 1.75, 0x1p-6);
        MassField timeDependent = FormulaMassField.parse("mass.m0", "1 + 0.1*t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RteOperator(timeDependent, PAPER, g));
        assertTrue(e.getMessage().contains("time-independent"), e.getMessage());
        RteOperator wavy = new RteOperator(WAVY, FREE, g);
        double[] w0 = RteInitialData.delta(PACKET).sample(g);
        assertThrows(IllegalArgumentException.class, () -> new SpectralSplittingScheme(wavy, 0.01,
                FftBackend.JTRANSFORMS));
        e = assertThrows(IllegalArgumentException.class, () -> new WenoRkScheme(wavy, 0.1));
        assertTrue(e.getMessage().contains("rte.dt = 0.1"), e.getMessage()); // CFL
        RteOperator flat = new RteOperator(ONE, FREE, g);
        for (RteOperator op : new RteOperator[] {wavy, flat}) { // WENO and spectral: the step check they share
            for (double dt : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
                e = assertThrows(IllegalArgumentException.class, () -> RteScheme.of(op, dt));
                assertTrue(e.getMessage().contains("rte.dt"), e.getMessage());
            }
        }
        for (RteScheme scheme : new RteScheme[] {new WenoRkScheme(wavy, 1e-3), RteScheme.of(flat, 1e-3)}) {
            assertThrows(IllegalArgumentException.class, () -> scheme.solve(w0, new double[] {0.2, 0.1}));
            e = assertThrows(IllegalArgumentException.class, () -> scheme.solve(new double[3], new double[] {0.1}));
            assertTrue(e.getMessage().contains("initial W"), e.getMessage());
        }
    }

    /**
     * The eps > 0 initial datum is the Wigner transform (2.4) of u_I: quadrature of (1/2pi) ∫ e^{iky}
     * u(x - eps y/2) conj u(x + eps y/2) dy matches the closed form to 1e-10, and its k-sum is |u|^2.
     */
    @Test
    void wignerInitialDatumIsTheWignerTransform() {
        double eps = 0x1p-8, x = 0.31, A = PACKET.A(), x0 = PACKET.x0(), p0 = PACKET.p0();
        RteGrid g = RteGrid.of(L, 0x1p-6, 0.5, 2.5, 0x1p-8);
        RteInitialData init = RteInitialData.wigner(PACKET, eps);
        for (double k : new double[] {1.45, 1.5, 1.56}) {
            double re = 0, hy = 1e-2;
            for (double y = -250; y <= 250; y += hy) { // u(x-eps y/2) conj u(x+eps y/2) = e^{-A(..)^2-A(..)^2 - i p0 y}
                double a = x - eps * y / 2 - x0, b = x + eps * y / 2 - x0;
                re += Math.exp(-A * a * a - A * b * b) * Math.cos((k - p0) * y) * hy;
            }
            double closed = Math.exp(-2 * A * (x - x0) * (x - x0))
                    * Math.exp(-(k - p0) * (k - p0) / (2 * A * eps * eps)) / Math.sqrt(2 * Math.PI * A * eps * eps);
            assertEquals(closed, re / (2 * Math.PI), 1e-10);
        }
        double sum = 0;
        for (double v : init.kProfile(g)) {
            sum += v * g.dk();
        }
        assertEquals(1, sum, 1e-14);
        assertTrue(init.kTailOutsideWindow(g) < 1e-12);
    }
}
