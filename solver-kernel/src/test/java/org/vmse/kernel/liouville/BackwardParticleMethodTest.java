package org.vmse.kernel.liouville;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/** Method (b): the backward particle method (4.8)/(4.13), checked against method (a). */
class BackwardParticleMethodTest {

    static final WavePacket PACKET = ForwardCharacteristicsTest.PACKET;
    static final double L = 1.25;
    /** dx = 2^-8. */
    static final int M = 320;
    static final double T = 0.5;
    static final double K_MIN = 0.25;
    static final double K_SPAN = 1.5;

    /**
     * (iii) Forward and backward rho0 agree at T = 0.5 for example 1 (m0 = 1 + x^2) and example 2 (time-dependent
     * (4.12), traced backward in time, i.e. (4.13)). The backward density carries the O(sigma^2) error of the
     * regularized delta (sigma = 2 dk); the trapezoid-in-k error is ~exp(-2 pi^2 (sigma/dk)^2) ~ 1e-34, negligible.
     * Hence: at dk = 2^-8 the difference is below 1% of the peak (measured 0.34% and 0.58%); halving dk (and with it
     * sigma) divides it by 4 (ratio in [3.7, 4.3], measured 3.98); and the Richardson combination
     * (4 rho(dk/2) - rho(dk))/3 removes the sigma^2 term, leaving O(sigma^4): within 2e-5 of the peak.
     */
    @Test
    void agreesWithForwardCharacteristicsWithSecondOrderRegularizationError() {
        for (MassField m : new MassField[]{TestMasses.quadratic(), TestMasses.example2()}) {
            LiouvilleDensity fwd = new ForwardCharacteristics(m, PACKET, L).density(T, M);
            PhaseSpaceDensity coarse = backward(m, T, 8);
            PhaseSpaceDensity fine = backward(m, T, 9);
            double peak = 0;
            double d1 = 0;
            double d2 = 0;
            double dr = 0;
            for (int j = 0; j < M; j++) {
                double exact = fwd.rho(j);
                peak = Math.max(peak, exact);
                d1 = Math.max(d1, Math.abs(coarse.rho(j) - exact));
                d2 = Math.max(d2, Math.abs(fine.rho(j) - exact));
                dr = Math.max(dr, Math.abs((4 * fine.rho(j) - coarse.rho(j)) / 3 - exact));
            }
            String info = String.format("%s: peak %.4f, diff(dk=2^-8) %.3e, diff(dk=2^-9) %.3e, Richardson %.3e",
                    m.isTimeDependent() ? "example 2" : "example 1", peak, d1, d2, dr);
            assertTrue(d1 < 1e-2 * peak, info);
            assertTrue(d1 / d2 > 3.7 && d1 / d2 < 4.3, info);
            assertTrue(dr < 2e-5 * peak, info);
        }
    }

    /**
     * The regularization never moves mass (the flow preserves phase-space area): dx dk sum W0 = ∫_0^L rho_I, to 1e-8
     * relative (measured 1.6e-10: x trapezoid, ODE tolerance, untraced tails below 1e-14), even at t = 0.7, past the
     * caustic of the focusing mass at t = 2/pi where forward characteristics fail (the packet is still inside the box:
     * x in [0.77, 1.13]). W0 lives only on the traced band, so the cost is far below (#x)(#k) trajectories.
     */
    @Test
    void conservesMassPastCausticsAndTracesOnlyTheBand() {
        ForwardCharacteristics ref = new ForwardCharacteristics(TestMasses.focusing(), PACKET, L);
        double m0 = ref.initialMass();
        PhaseSpaceDensity b = new BackwardParticleMethod(TestMasses.focusing(), PACKET, L)
                .compute(0.7, M, 0.0, 0x1p-8, 2 * 256 + 1);
        double sum = 0;
        for (double r : b.rho()) {
            sum += r;
        }
        sum *= L / M;
        assertEquals(m0, sum, 1e-8 * m0);
        assertTrue(b.trajectories() < M * 513L / 2, "traced " + b.trajectories());
    }

    /** At t = 0 the method returns rho_I(x) sum_j delta_sigma(k_j - p0) dk = rho_I(x) (to 1e-12: trapezoid rule). */
    @Test
    void reproducesInitialDensityAtTimeZero() {
        PhaseSpaceDensity b = backward(TestMasses.quadratic(), 0, 8);
        double[] x = b.x();
        for (int j = 0; j < M; j++) {
            assertEquals(PACKET.density(x[j]), b.rho(j), 1e-12);
        }
        assertEquals(b.x().length * b.k().length, b.w().length);
    }

    /**
     * The work of the paper's setup (example 2, dx = dk = 2^-8, a window of 385 k values) is set by the band, not
     * the window: before a caustic q(k) is monotone along each x, so each x costs the coarse scan, the fine points
     * with |q - p0| < BAND sigma, about 2 BAND sigma / (dk |dq/dk|) = 32 / |dq/dk| of them, and the two that close
     * the band. Measured 24911 = M * 77.8, a mean |dq/dk| of about 1.1; the bound allows |dq/dk| down to 1/2.
     */
    @Test
    void paperSetupTracesOnlyTheBand() {
        PhaseSpaceDensity b = backward(TestMasses.example2(), T, 8);
        double bandPoints = 2 * BackwardParticleMethod.BAND * BackwardParticleMethod.DEFAULT_SIGMA_OVER_DK / 0.5;
        long upper = (long) (M * (BackwardParticleMethod.DEFAULT_COARSE + bandPoints + 2));
        assertTrue(b.trajectories() >= (long) M * BackwardParticleMethod.DEFAULT_COARSE, "traced " + b.trajectories());
        assertTrue(b.trajectories() <= upper, "traced " + b.trajectories() + " > " + upper);
        assertTrue(upper < (long) M * b.k().length / 3, "the band is a small part of the window");
    }

    private static PhaseSpaceDensity backward(MassField m, double t, int level) {
        double dk = Math.scalb(1.0, -level);
        int nk = (int) Math.round(K_SPAN / dk) + 1;
        return new BackwardParticleMethod(m, PACKET, L).compute(t, M, K_MIN, dk, nk);
    }
}
