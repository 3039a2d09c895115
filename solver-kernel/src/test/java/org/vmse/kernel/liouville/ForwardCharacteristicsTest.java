package org.vmse.kernel.liouville;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/** Method (a): forward characteristics with the Jacobian, on the paper's Section 4.1.2 setup. */
class ForwardCharacteristicsTest {

    /** A = 2^7, x0 = 0.25, p0 = 1; box L = 1.25; VMSE grid dx = 2^-10 (M = 1280). */
    static final WavePacket PACKET = new WavePacket(128, 0.25, 1);
    static final double L = 1.25;
    static final int M = 1280;

    /**
     * (i) m0 = 1: X(t; y) = y + p0 t, dX/dy = 1, so rho0(t, x) = rho_I(x - p0 t) (clipped to the initial box) exactly.
     * Tolerance 1e-9 absolute (peak 1): the ODE is integrated to 1e-10 and the flow is linear, so the only error is
     * the Newton stopping criterion |X - x| <= 1e-12 times |rho_I'| <= 10.
     */
    @Test
    void constantMassTranslatesTheInitialGaussian() {
        double t = 0.3; // x = p0 t + 0 (the clipped edge of the support) is not a grid point
        ForwardCharacteristics f = new ForwardCharacteristics(TestMasses.constant(1), PACKET, L);
        LiouvilleDensity d = f.density(t, M);
        double[] x = d.x();
        for (int j = 0; j < M; j++) {
            double y = x[j] - PACKET.p0() * t;
            double expected = (y >= 0 && y < L) ? PACKET.density(y) : 0;
            assertEquals(expected, d.rho(j), 1e-9, "x = " + x[j]);
        }
        assertEquals(0, d.escapedMass());
    }

    /**
     * (ii) m0 = 1 + x^2 at T = 0.5: along every ray H = m0 k^2/2 is conserved (relative 1e-9: the integrator runs at
     * 1e-10), the closed form (2.15) holds: asinh(X) - asinh(y) = t p0 sqrt(1 + y^2) and K = p0 sqrt(m0(y)/m0(X))
     * (1e-9), and differentiating (2.15) in y gives the Jacobian dX/dy = sqrt(m0(X)/m0(y)) (1 + t p0 m0'(y)/2), which
     * checks the variational equations (relative 1e-8).
     */
    @Test
    void quadraticMassConservesHamiltonianAndFollowsClosedForm() {
        MassField m = TestMasses.quadratic();
        double t = 0.5;
        double p = PACKET.p0();
        LagrangianManifold man = new ForwardCharacteristics(m, PACKET, L).manifold(t);
        double[] y = man.y();
        double[] x = man.x();
        double[] k = man.k();
        double[] d = man.dxdy();
        for (int i = 0; i < man.size(); i++) {
            double h0 = 0.5 * m.value(0, y[i]) * p * p;
            double h = 0.5 * m.value(t, x[i]) * k[i] * k[i];
            assertEquals(h0, h, 1e-9 * h0, "H on ray y = " + y[i]);
            assertEquals(t * p * Math.sqrt(1 + y[i] * y[i]), asinh(x[i]) - asinh(y[i]), 1e-9, "(2.15) on y = " + y[i]);
            assertEquals(p * Math.sqrt((1 + y[i] * y[i]) / (1 + x[i] * x[i])), k[i], 1e-9, "k(t) on y = " + y[i]);
            double jac = Math.sqrt((1 + x[i] * x[i]) / (1 + y[i] * y[i])) * (1 + t * p * y[i]);
            assertEquals(jac, d[i], 1e-8 * jac, "dX/dy on y = " + y[i]);
        }

        // one ray, integrated directly through HamiltonFlow (the paper's centre ray y = x0)
        double[] s = {PACKET.x0(), p, 1, 0};
        double[] out = new double[4];
        new DormandPrince853Integrator(1e-14, t, 1e-10, 1e-10).integrate(new HamiltonFlow(m, true), 0, s, t, out);
        assertEquals(t * p * Math.sqrt(1 + 0.25 * 0.25), asinh(out[0]) - asinh(0.25), 1e-9);
        HamiltonFlow flow = new HamiltonFlow(m, false);
        assertEquals(flow.hamiltonian(0, 0.25, p), flow.hamiltonian(t, out[0], out[1]), 1e-9 * flow.hamiltonian(0, 0.25, p));
    }

    /**
     * (iv) Jacobian consistency: dx sum_j rho0(t, x_j) = ∫_0^L rho_I - (escaped mass), relative 1e-9 (the trapezoid
     * rule is spectrally accurate for this smooth, decaying profile; what remains is the ODE tolerance and the jump of
     * size rho_I(0) ~ 1e-7 at the clipped edge, worth dx 1e-7 ~ 1e-10). Against the full-line sqrt(pi/(2A)) the
     * tolerance is 2e-8: the packet restricted to [0, L) already lacks 7.8e-9 of it (the tail y < 0), and in example
     * 1 rays beyond y ~ 0.506 leave the box by T (3.2e-9 of the mass).
     */
    @Test
    void forwardDensityConservesMass() {
        double full = Math.sqrt(Math.PI / (2 * PACKET.A()));
        for (MassField m : new MassField[]{TestMasses.quadratic(), TestMasses.example2()}) {
            ForwardCharacteristics f = new ForwardCharacteristics(m, PACKET, L);
            LiouvilleDensity d = f.density(0.5, M);
            double sum = 0;
            for (double r : d.rho()) {
                sum += r;
            }
            sum *= L / M;
            double expected = f.initialMass() - d.escapedMass();
            assertEquals(expected, sum, 1e-9 * expected);
            assertEquals(full, sum, 2e-8 * full);
            assertTrue(d.escapedMass() < 1e-8 * full, "escaped " + d.escapedMass());
        }
    }

    /**
     * The profile is converged: 128 rays at ODE tolerance 1e-12 against the default 512 rays at 1e-10 agree to 1e-8
     * relative to the peak (rays only seed the Newton polish on the ODE, so the ray count does not limit accuracy).
     */
    @Test
    void profileIsIndependentOfRayCountAndConvergedInTolerance() {
        for (MassField m : new MassField[]{TestMasses.quadratic(), TestMasses.example2()}) {
            LiouvilleDensity a = new ForwardCharacteristics(m, PACKET, L).density(0.5, M);
            LiouvilleDensity b = new ForwardCharacteristics(m, PACKET, L, 128, 1e-12, 1e-12,
                    ForwardCharacteristics.DEFAULT_ESCAPE_TOLERANCE).density(0.5, M);
            double peak = 0;
            double diff = 0;
            for (int j = 0; j < M; j++) {
                peak = Math.max(peak, a.rho(j));
                diff = Math.max(diff, Math.abs(a.rho(j) - b.rho(j)));
            }
            assertTrue(diff <= 1e-8 * peak, "max difference " + diff + ", peak " + peak);
        }
    }

    /**
     * (v) m0 = 1 + 0.5 cos(2 pi x) focuses: by (2.15) dX/dy = 0 first at t = 2/(pi p0) = 0.63662 on the ray y = 1/4.
     * All rays are traced and the earliest event on dX/dy is reported: within 1e-5 of 2/pi (the rays are 1.2e-3 apart
     * in y and t_c(y) = 2/(pi sin(2 pi y)) is quadratic near its minimum, so the nearest ray's caustic time is within
     * ~1e-5 relative; the event itself converges to 1e-12).
     */
    @Test
    void causticIsDetected() {
        ForwardCharacteristics f = new ForwardCharacteristics(TestMasses.focusing(), PACKET, L);
        CausticException e = assertThrows(CausticException.class, () -> f.density(1.0, M));
        assertEquals(2 / Math.PI, e.time(), 1e-5);
        assertEquals(0.25, e.ray(), 0.01);
        assertTrue(e.getMessage().contains("t = 0.6366"), e.getMessage());
        assertTrue(e.getMessage().contains("backward particle method"), e.getMessage());
        // before the caustic the forward method works; the manifold stays available (folded) after it
        f.density(0.6, M);
        double[] d = f.manifold(1.0).dxdy();
        assertTrue(java.util.Arrays.stream(d).anyMatch(v -> v < 0), "the manifold has folded");
    }

    /** A packet that leaves the box (m0 = 1, T = 1.2: the centre ends at 1.45 > L) is reported, naming the ray. */
    @Test
    void leavingTheBoxIsReported() {
        ForwardCharacteristics f = new ForwardCharacteristics(TestMasses.constant(1), PACKET, L);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.density(1.2, M));
        assertTrue(e.getMessage().contains("the ray launched at y = "), e.getMessage());
        assertTrue(e.getMessage().contains("outside the box"), e.getMessage());
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
