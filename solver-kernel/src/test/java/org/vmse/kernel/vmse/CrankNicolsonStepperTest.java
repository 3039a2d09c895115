package org.vmse.kernel.vmse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.JTransformsFft;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

class CrankNicolsonStepperTest {

    private static final double EPS6 = Math.pow(2, -6);

    /** Test-only masses with closed-form values: the kernel's own formula masses are tested elsewhere. */
    static MassField mass(java.util.function.DoubleBinaryOperator f, boolean timeDependent) {
        return new MassField() {
            @Override
            public double value(double t, double x) {
                return f.applyAsDouble(t, x);
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                throw new UnsupportedOperationException("not needed by the VMSE solver");
            }

            @Override
            public boolean isTimeDependent() {
                return timeDependent;
            }
        };
    }

    static VmseSolution solve(PeriodicGrid grid, double eps, MassField m, double[] potential, WavePacket packet,
                              double T, double dt) {
        CrankNicolsonStepper cn = new CrankNicolsonStepper(grid, eps, GridMass.of(m, grid), potential,
                new JTransformsFft(grid.M()), KrylovSettings.DEFAULT);
        VmseSolver solver = new VmseSolver(grid, cn, new JTransformsFft(grid.M()));
        return solver.solve(VmseSolver.initialWave(grid, packet, eps), new TimePlan(new double[] {T}, dt),
                StepListener.NONE);
    }

    static double maxDiff(double[] a, double[] b) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e = Math.max(e, Math.abs(a[i] - b[i]));
        }
        return e;
    }

    @Test
    void constantMassStepEqualsTheFourierDiagonalCayleyStep() {
        // With constant m the CN operator is diagonal in Fourier space: U^_l <- (1 - i c m mu^2)/(1 + i c m mu^2) U^_l.
        PeriodicGrid grid = new PeriodicGrid(1.25, 320);
        double m = 1.3;
        double dt = Math.pow(EPS6, 1.2) / 8;
        int steps = 40;
        VmseSolution cn = solve(grid, EPS6, mass((t, x) -> m, false), null, new WavePacket(128, 0.6, 1), steps * dt,
                dt);
        JTransformsFft fft = new JTransformsFft(grid.M());
        double[] u = VmseSolver.initialWave(grid, new WavePacket(128, 0.6, 1), EPS6);
        fft.forward(u);
        double c = EPS6 * dt / 4;
        for (int s = 0; s < grid.M(); s++) {
            double mu = s == grid.M() / 2 ? 0 : grid.wavenumber(s);
            double q = c * m * mu * mu;
            // (1 - iq)/(1 + iq) = ((1 - q^2) - 2iq)/(1 + q^2), applied `steps` times
            double re = u[2 * s];
            double im = u[2 * s + 1];
            for (int n = 0; n < steps; n++) {
                double fr = (1 - q * q) / (1 + q * q);
                double fi = -2 * q / (1 + q * q);
                double r = re * fr - im * fi;
                im = re * fi + im * fr;
                re = r;
            }
            u[2 * s] = re;
            u[2 * s + 1] = im;
        }
        fft.inverse(u);
        // round-off over 40 steps of tolerance-1e-12 solves: 1e-11 is a few hundred ulps of the O(1) values
        assertTrue(maxDiff(u, cn.finalWave()) < 1e-11, "CN vs exact Cayley: " + maxDiff(u, cn.finalWave()));
    }

    @Test
    void reproducesTheExactFreeGaussianPacketOnAFineTimeStep() {
        // Free packet, eps = 2^-6, T = 0.1: CN's phase error per unit time is ~ omega^3 dt^2 / 12 with
        // omega ~ eps xi^2 / 2 over the packet's wavenumbers xi; dt = 2^-19 puts it near 2e-9, so 1e-8 checks the
        // whole scheme (at dt = 2^-17 it is 3e-8, as the dt^2 law predicts).
        PeriodicGrid grid = new PeriodicGrid(1.25, 320);
        WavePacket packet = new WavePacket(128, 0.5, 1);
        double T = 0.1;
        VmseSolution cn = solve(grid, EPS6, mass((t, x) -> 1, false), null, packet, T, Math.pow(2, -19));
        double[] exact = FreeWavePacket.at(grid.points(), grid.L(), packet, EPS6, 1, T);
        double error = maxDiff(exact, cn.finalWave());
        assertTrue(error < 1e-8, "max-norm error against the exact packet: " + error);
    }

    /**
     * Mesh rule (4.10) at eps = 2^-6, T = 0.5, constant mass: CN's dispersion error is not small, and it is known in
     * closed form. From (4.5)-(4.7) with constant m, each Fourier mode is multiplied per step by
     * (1 - i q)/(1 + i q) = exp(-2 i atan q), q = eps h m mu^2 / 4, while the PDE multiplies it by exp(-2 i q); the
     * spectral space discretization is exact for this packet (its spectrum, std 16 around 64, is nil at the Nyquist
     * limit 804, and it is below 1e-13 at the box edge at t = 0, so the sum of its images, FreeWavePacket, is the
     * periodic solution). So after N steps CN minus the exact packet is the grid function
     * E = F^-1[ u^_l(0) exp(-2 i N q_l) (exp(2 i N (q_l - atan q_l)) - 1) ], and the stepper must reproduce E
     * pointwise, not just its size. Expected agreement: round-off. With a constant mass the stepper's diagonal
     * preconditioner is the exact inverse, so each solve is exact up to the round-off of its FFTs, ~1e-15 a step
     * over 589 steps: 1e-10 leaves a wide margin (measured 4e-15). The slip 2 N (q - atan q) ~ (2/3) N q^3 is
     * 1.0e-3 at the packet's centre wavenumber p0/eps = 64 and grows as mu^6 across its spectrum (std 16), so E is
     * of order 1e-3 (1.5e-3 here): the check is far above round-off.
     */
    @Test
    void onThePaperMeshTheErrorIsTheClosedFormPhaseSlipOfEveryMode() {
        double eps = EPS6;
        PeriodicGrid grid = PeriodicGrid.withSpacingAtMost(1.25, eps / 4);
        WavePacket packet = new WavePacket(128, 0.5, 1);
        double m = 1;
        double T = 0.5;
        double dt = Math.pow(eps, 1.2) / 8;
        VmseSolution cn = solve(grid, eps, mass((t, x) -> m, false), null, packet, T, dt);
        double[] exact = FreeWavePacket.at(grid.points(), grid.L(), packet, eps, m, T);

        int steps = (int) Math.ceil(T / dt); // the steps of TimePlan: T is split into equal steps of at most dt
        double h = T / steps;
        JTransformsFft fft = new JTransformsFft(grid.M());
        double[] e = VmseSolver.initialWave(grid, packet, eps);
        fft.forward(e);
        for (int s = 0; s < grid.M(); s++) {
            double mu = s == grid.M() / 2 ? 0 : grid.wavenumber(s);
            double q = eps * h * m * mu * mu / 4;
            double exactPhase = -2 * steps * q;
            double slip = 2 * steps * (q - Math.atan(q));
            // u^ e^{i exactPhase} (e^{i slip} - 1)
            double fr = Math.cos(exactPhase + slip) - Math.cos(exactPhase);
            double fi = Math.sin(exactPhase + slip) - Math.sin(exactPhase);
            double re = e[2 * s];
            double im = e[2 * s + 1];
            e[2 * s] = re * fr - im * fi;
            e[2 * s + 1] = re * fi + im * fr;
        }
        fft.inverse(e);

        double[] u = cn.finalWave();
        double deviation = 0;
        double size = 0;
        for (int i = 0; i < u.length; i++) {
            deviation = Math.max(deviation, Math.abs(u[i] - exact[i] - e[i]));
            size = Math.max(size, Math.abs(e[i]));
        }
        assertTrue(deviation < 1e-10, "CN - exact differs from the closed-form error by " + deviation);
        assertTrue(size > 1e-4 && size < 1e-2, "the phase slip makes the error of order 1e-3: " + size);
    }

    @Test
    void secondOrderInTime() {
        // Example-1 mass 1 + x^2, eps = 2^-5, T = 0.125; errors against a dt/64 reference at dt, dt/2, dt/4.
        double eps = Math.pow(2, -5);
        PeriodicGrid grid = PeriodicGrid.withSpacingAtMost(1.25, eps / 4);
        MassField m = mass((t, x) -> 1 + x * x, false);
        WavePacket packet = new WavePacket(128, 0.4, 1);
        double T = 0.125;
        double dt = Math.pow(eps, 1.2) / 8;
        double[] ref = solve(grid, eps, m, null, packet, T, dt / 64).finalWave();
        double e1 = maxDiff(ref, solve(grid, eps, m, null, packet, T, dt).finalWave());
        double e2 = maxDiff(ref, solve(grid, eps, m, null, packet, T, dt / 2).finalWave());
        double e3 = maxDiff(ref, solve(grid, eps, m, null, packet, T, dt / 4).finalWave());
        double p1 = Math.log(e1 / e2) / Math.log(2);
        double p2 = Math.log(e2 / e3) / Math.log(2);
        assertEquals(2, p1, 0.1, "observed order dt -> dt/2");
        assertEquals(2, p2, 0.1, "observed order dt/2 -> dt/4");
    }

    @Test
    void secondOrderInTimeWithTimeDependentMass() {
        // (4.12): the mass is taken at t^{n+1/2}; a mass taken at t^n would drop this to first order.
        double eps = Math.pow(2, -5);
        PeriodicGrid grid = PeriodicGrid.withSpacingAtMost(1.25, eps / 4);
        MassField m = mass((t, x) -> (1 + 0.2 * Math.sin(2 * Math.PI * x)) * (1 + 0.2 * Math.cos(2 * Math.PI * t)),
                true);
        WavePacket packet = new WavePacket(128, 0.4, 1);
        double T = 0.125;
        double dt = Math.pow(eps, 1.2) / 8;
        double[] ref = solve(grid, eps, m, null, packet, T, dt / 64).finalWave();
        double e1 = maxDiff(ref, solve(grid, eps, m, null, packet, T, dt).finalWave());
        double e2 = maxDiff(ref, solve(grid, eps, m, null, packet, T, dt / 2).finalWave());
        assertEquals(2, Math.log(e1 / e2) / Math.log(2), 0.1, "observed order in dt");
    }

    @Test
    void spectralInSpace() {
        // Same dt on grids of M = 40, 48, 56 (dx = eps .. 0.71 eps) against M = 320: the time error is common to
        // all, so the differences measure the spatial error. The packet's spectrum is a Gaussian of std
        // sqrt(2A) = 16 around p0/eps = 32, so each step of 8 points moves the Nyquist limit ~1.3 std further out:
        // the error must fall by orders of magnitude per step, which no algebraic order does.
        double eps = Math.pow(2, -5);
        MassField m = mass((t, x) -> 1 + x * x, false);
        WavePacket packet = new WavePacket(128, 0.5, 1);
        double T = 0.0625;
        double dt = Math.pow(eps, 1.2) / 8;
        PeriodicGrid fine = new PeriodicGrid(1.25, 320);
        double[] ref = solve(fine, eps, m, null, packet, T, dt).finalWave();
        int[] sizes = {40, 48, 56};
        double[] errors = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            PeriodicGrid g = new PeriodicGrid(1.25, sizes[i]);
            double[] u = interpolate(solve(g, eps, m, null, packet, T, dt).finalWave(), fine.M());
            errors[i] = maxDiff(u, ref);
        }
        assertTrue(errors[0] > 1e-8, "the coarsest grid must be under-resolved for the test to mean anything: "
                + errors[0]);
        assertTrue(errors[1] < 2e-2 * errors[0], "M 40 -> 48: " + errors[0] + " -> " + errors[1]);
        assertTrue(errors[2] < 2e-2 * errors[1], "M 48 -> 56: " + errors[1] + " -> " + errors[2]);
    }

    /** Trigonometric interpolation of a periodic grid function onto {@code mf} points (zero padding). */
    private static double[] interpolate(double[] coarse, int mf) {
        int mc = coarse.length / 2;
        double[] c = coarse.clone();
        new JTransformsFft(mc).forward(c);
        double[] f = new double[2 * mf];
        for (int s = 0; s < mc; s++) {
            int l = s < mc / 2 ? s : s - mc;
            int slot = l >= 0 ? l : l + mf;
            f[2 * slot] = c[2 * s] * mf / mc;
            f[2 * slot + 1] = c[2 * s + 1] * mf / mc;
        }
        new JTransformsFft(mf).inverse(f);
        return f;
    }

    @Test
    void conservesTheNormToTheSolverTolerance() {
        double eps = Math.pow(2, -6);
        PeriodicGrid grid = PeriodicGrid.withSpacingAtMost(1.25, eps / 4);
        MassField m = mass((t, x) -> (1 + 0.2 * Math.sin(2 * Math.PI * x)) * (1 + 0.2 * Math.cos(2 * Math.PI * t)),
                true);
        double[] v = new double[grid.M()];
        for (int j = 0; j < v.length; j++) {
            v[j] = 0.5 * Math.cos(2 * Math.PI * grid.x(j) / 1.25);
        }
        VmseSolution s = solve(grid, eps, m, v, new WavePacket(128, 0.25, 1), 0.5, Math.pow(eps, 1.2) / 8);
        // each step leaves a residual <= 1e-12 relative; over ~900 steps the drift stays far below 1e-9
        assertTrue(s.normDriftMax() < 1e-9, "norm drift " + s.normDriftMax());
        assertTrue(s.statistics().meanKrylovIterations() > 0);
    }
}
