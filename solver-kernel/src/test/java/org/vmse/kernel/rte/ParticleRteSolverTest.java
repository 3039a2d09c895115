package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.liouville.ForwardCharacteristics;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/**
 * The particle RTE solver on the paper's Section 4.2 setup (L = 1.625, A = 256, x0 = 0.3, p0 = 1.5, a = b = 100,
 * D = 1.5, m0 = 1). Statistical comparisons: fixed seeds, per-bin tolerance 5 binomial standard errors computed from
 * the reference probability, on bins expecting at least 10 particles; the remaining bins are lumped into one and
 * compared the same way.
 */
class ParticleRteSolverTest {

    static final double L = 1.625;
    static final WavePacket PACKET = new WavePacket(256, 0.3, 1.5);
    static final ScatteringKernel KERNEL = new ScatteringKernel(1.5, 100, 100);
    static final ScatteringKernel FREE = new ScatteringKernel(0, 100, 100);
    static final double K_SIGMA = 5;

    /**
     * (i) D = 0, m0 = 1: the exact density is the initial Gaussian translated, x ~ N(x0 + p0 t, 1/(4A) + A eps^2 t^2)
     * (the eps term from the Wigner datum's k ~ N(p0, A eps^2)), wrapped onto [0, L). Bin probabilities by erf over
     * the periodic images; t = 1 wraps the packet across x = L. Both the limit datum (eps = 0) and eps = 2^-6.
     */
    @Test
    void freeTransportTranslatesTheGaussian() {
        int M = 208; // dx = 2^-7
        int n = 200_000;
        for (double eps : new double[] {0, 0x1p-6}) {
            ParticleRteSolver solver = new ParticleRteSolver(1.0, FREE, PACKET, L, eps);
            double[] times = {0, 0.4, 1.0};
            ParticleRteResult r = solver.solve(ParticleRteSettings.of(n, 1, times, M));
            assertEquals(0, r.candidates());
            for (int i = 0; i < times.length; i++) {
                double centre = PACKET.x0() + PACKET.p0() * times[i];
                double sd = Math.sqrt(1 / (4 * PACKET.A()) + PACKET.A() * eps * eps * times[i] * times[i]);
                double[] prob = new double[M];
                double dx = L / M;
                for (int j = 0; j < M; j++) {
                    for (int image = -3; image <= 3; image++) {
                        double lo = (j - 0.5) * dx + image * L - centre;
                        double hi = (j + 0.5) * dx + image * L - centre;
                        prob[j] += 0.5 * Erf.erf(lo / (Math.sqrt(2) * sd), hi / (Math.sqrt(2) * sd));
                    }
                }
                assertHistogram(prob, r.xCounts()[i], n, "eps = " + eps + ", t = " + times[i]);
                // the same through the density API: rho_j = mass * count / (N dx), its se within 5 se of the exact
                double[] rho = r.rho(i);
                double[] se = r.rhoStandardError(i);
                for (int j = 0; j < M; j++) {
                    double exact = r.mass() * prob[j] / dx;
                    double seExact = r.mass() / dx * Math.sqrt(prob[j] * (1 - prob[j]) / n);
                    if (n * prob[j] >= 10) {
                        assertEquals(exact, rho[j], K_SIGMA * seExact, "rho at j = " + j);
                    }
                    if (n * prob[j] >= 100) { // sqrt(count) is then within ~25% (5 se) of sqrt(N p)
                        assertEquals(seExact, se[j], 0.3 * seExact, "se at j = " + j);
                    }
                }
            }
        }
    }

    /**
     * (ii) Mass conservation with scattering: every particle is in exactly one cell at every time, so
     * sum_j rho_j dx = sqrt(pi / (2A)) to rounding. Also: the result does not depend on blocks or threads (exact
     * integer merge), and the paper's run makes ~Sigma(p0) T = 91 jumps per particle.
     */
    @Test
    void massIsConservedAndResultsAreReproducible() {
        ParticleRteSolver solver = new ParticleRteSolver(1.0, KERNEL, PACKET, L, 0);
        ParticleRteSettings s = ParticleRteSettings.of(10_000, 7, new double[] {0, 0.1, 0.2, 0.4}, 1664)
                .withKHistogram(100, 1, 2);
        ParticleRteResult serial = solver.solve(s);
        double mass = Math.sqrt(Math.PI / (2 * PACKET.A()));
        for (int i = 0; i < 4; i++) {
            long total = 0;
            for (long c : serial.xCounts()[i]) {
                total += c;
            }
            assertEquals(10_000, total);
            double integral = 0;
            for (double v : serial.rho(i)) {
                integral += v * serial.dx();
            }
            assertEquals(mass, integral, 1e-12 * mass, "t = " + serial.times()[i]);
        }
        assertEquals(serial, solver.solve(s.withParallel(true)));
        assertEquals(serial, solver.solve(s, 0, 3000).merge(solver.solve(s, 3000, 10_000)));
        double expectedJumps = solver.sampler().totalRate(1, 1.5) * 0.4; // 91.1; k drifts up slightly
        assertEquals(expectedJumps, serial.meanJumpsPerParticle(), 0.05 * expectedJumps);
    }

    /**
     * (iv) The k marginal with scattering, m0 = 1, from the narrow Gaussian k ~ N(1.5, 0.05^2) (the Wigner datum with
     * eps = 0.05/16), against an independent deterministic solution of the master equation
     * dW/dt = ∫ sigma(k, p) [W(p) - W(k)] dp: trapezoid rule on a k grid of step 1e-3 on [1, 2] (the kernel width is
     * 1/(a k) >= 5e-3), explicit Euler with dt = 1e-4 (dt Sigma = 0.02), loss rate Sigma(k) from the trapezoid rule
     * in p on [-20, 20]. Compared at t = 0.05 and 0.1 (~11 and ~23 jumps) on 60 bins of 0.01 in [1.2, 1.8), bin by
     * bin and by the mean and variance of the binned law (more sensitive to a global error: a 10% error in the jump
     * rate moves the variance by ~8 se at t = 0.1).
     */
    @Test
    void kMarginalMatchesTheMasterEquation() {
        double sk = 0.05;
        ParticleRteSolver solver = new ParticleRteSolver(1.0, KERNEL, PACKET, L, sk / Math.sqrt(PACKET.A()));
        double[] times = {0.05, 0.1};
        int n = 100_000;
        ParticleRteResult r = solver.solve(ParticleRteSettings.of(n, 3, times, 208).withKHistogram(60, 1.2, 1.8));
        // deterministic master equation for the k density f (mass 1)
        double k0 = 1.0;
        double h = 1e-3;
        int nk = 1001;
        double[] k = new double[nk];
        double[] f = new double[nk];
        for (int i = 0; i < nk; i++) {
            k[i] = k0 + i * h;
            double z = (k[i] - PACKET.p0()) / sk;
            f[i] = Math.exp(-0.5 * z * z) / (sk * Math.sqrt(2 * Math.PI));
        }
        double[][] gain = new double[nk][nk];
        double[] loss = new double[nk];
        for (int i = 0; i < nk; i++) {
            for (int j = 0; j < nk; j++) {
                gain[i][j] = KERNEL.sigma(1, k[i], k[j]) * h * (j == 0 || j == nk - 1 ? 0.5 : 1);
            }
            loss[i] = trapezoidSigma(k[i]);
        }
        double dt = 1e-4;
        double t = 0;
        double[] next = new double[nk];
        for (int out = 0; out < times.length; out++) {
            int steps = (int) Math.round((times[out] - t) / dt);
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < nk; i++) {
                    double q = -loss[i] * f[i];
                    double[] g = gain[i];
                    for (int j = 0; j < nk; j++) {
                        q += g[j] * f[j];
                    }
                    next[i] = f[i] + dt * q;
                }
                System.arraycopy(next, 0, f, 0, nk);
            }
            t = times[out];
            // bin probabilities: trapezoid over the 11 grid nodes of each bin of width 0.01
            double[] prob = new double[60];
            for (int b = 0; b < 60; b++) {
                int first = 200 + 10 * b; // k = 1.2 + 0.01 b
                for (int i = first; i <= first + 10; i++) {
                    prob[b] += f[i] * h * (i == first || i == first + 10 ? 0.5 : 1);
                }
            }
            assertHistogram(prob, r.kCounts()[out], n, "k marginal at t = " + t);
            assertBinnedMoments(prob, r.kCounts()[out], r.kCentres(), "k marginal at t = " + t);
            double[] kd = r.kDensity(out);
            for (int b = 0; b < 60; b++) {
                double seExact = Math.sqrt(prob[b] * (1 - prob[b]) / n) / 0.01;
                if (n * prob[b] >= 10) {
                    assertEquals(prob[b] / 0.01, kd[b] / r.mass(), K_SIGMA * seExact, "k bin " + b + ", t = " + t);
                }
            }
        }
    }

    /**
     * Variable mass, D = 0: m0 = 1 + x^2 (Example 1, (4.9)) through RK4 (step 2^-8) against the forward
     * characteristics of the Liouville solver (Dormand–Prince, tolerance 1e-10); cell averages of its density by
     * Simpson's rule on three points per cell (error ~1e-6 relative, far below 5 se).
     */
    @Test
    void variableMassFollowsTheCharacteristics() {
        MassField m = FormulaMassField.parse("mass.m0", "1 + x^2");
        ParticleRteSolver solver = new ParticleRteSolver(m, FREE, PACKET, L, 0);
        assertTrue(!solver.isConstantMass());
        int M = 208;
        int n = 20_000;
        double t = 0.4;
        ParticleRteResult r = solver.solve(ParticleRteSettings.of(n, 5, new double[] {t}, M).withOdeStep(0x1p-8));
        double dx = L / M;
        double[] pts = new double[2 * M - 1]; // pts[i] = (i + 1) dx / 2, up to (M - 1/2) dx < L
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (i + 1) * 0.5 * dx;
        }
        double[] rho = new ForwardCharacteristics(m, PACKET, L).density(t, pts).rho();
        double[] prob = new double[M];
        for (int j = 1; j < M; j++) { // cell j = [(j - 1/2) dx, (j + 1/2) dx]; cell 0 straddles x = 0 (empty)
            prob[j] = (rho[2 * j - 2] + 4 * rho[2 * j - 1] + rho[2 * j]) / 6 * dx / r.mass();
        }
        assertHistogram(prob, r.xCounts()[0], n, "m0 = 1 + x^2, t = " + t);
    }

    /**
     * A constant mass handed over as a general MassField takes the RK4 path; its candidate times come from the same
     * Exp(1) variates (Lambda = G t), so it must reproduce the exact constant-mass path up to the root finder's
     * rounding: at most a handful of 2000 particles may change cell.
     */
    @Test
    void rk4PathReproducesTheExactPathForConstantMass() {
        MassField one = new MassField() {
            @Override
            public double value(double t, double x) {
                return 1;
            }

            @Override
            public void spatialDerivatives(double t, double x, double[] out) {
                out[0] = 1;
                out[1] = 0;
                out[2] = 0;
            }

            @Override
            public boolean isTimeDependent() {
                return false;
            }
        };
        ParticleRteSettings s = ParticleRteSettings.of(2000, 9, new double[] {0.2, 0.4}, 1664);
        ParticleRteResult exact = new ParticleRteSolver(1.0, KERNEL, PACKET, L, 0).solve(s);
        ParticleRteResult rk4 = new ParticleRteSolver(one, KERNEL, PACKET, L, 0).solve(s);
        assertEquals(exact.jumps(), rk4.jumps());
        assertEquals(exact.candidates(), rk4.candidates());
        for (int i = 0; i < 2; i++) {
            long moved = 0;
            for (int j = 0; j < 1664; j++) {
                moved += Math.abs(exact.xCounts()[i][j] - rk4.xCounts()[i][j]);
            }
            assertTrue(moved <= 10, moved + " particle-cells differ at t = " + s.times()[i]);
        }
        assertTrue(new ParticleRteSolver(FormulaMassField.parse("mass.m0", "2"), KERNEL, PACKET, L, 0)
                .isConstantMass());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ParticleRteSolver(0.0, KERNEL, PACKET, L, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParticleRteSolver(1.0, KERNEL, PACKET, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParticleRteSolver(1.0, KERNEL, PACKET, L, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new ParticleRteSolver(FormulaMassField.parse("mass.m0", "1 + t"), KERNEL, PACKET, L, 0));
        assertThrows(IllegalArgumentException.class, () -> ParticleRteSettings.of(10, 1, new double[] {0.2, 0.1}, 8));
        assertThrows(IllegalArgumentException.class, () -> ParticleRteSettings.of(0, 1, new double[] {0.1}, 8));
    }

    /**
     * Mean and variance of the bin centres, conditional on the histogram range, within 5 se of the reference binned
     * law (se from its variance and fourth central moment).
     */
    static void assertBinnedMoments(double[] prob, long[] counts, double[] centres, String what) {
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        long n = 0;
        double s1 = 0;
        double s2 = 0;
        for (int b = 0; b < prob.length; b++) {
            p0 += prob[b];
            p1 += prob[b] * centres[b];
            n += counts[b];
            s1 += counts[b] * centres[b];
        }
        double mean = p1 / p0;
        double sampleMean = s1 / n;
        double m4 = 0;
        for (int b = 0; b < prob.length; b++) {
            double d = centres[b] - mean;
            p2 += prob[b] * d * d;
            m4 += prob[b] * d * d * d * d;
            double e = centres[b] - sampleMean;
            s2 += counts[b] * e * e;
        }
        double var = p2 / p0;
        m4 /= p0;
        assertEquals(mean, sampleMean, K_SIGMA * Math.sqrt(var / n), what + ", mean");
        assertEquals(var, s2 / n, K_SIGMA * Math.sqrt((m4 - var * var) / n), what + ", variance");
    }

    /** {@code Sigma(k)}: trapezoid in p on [-20, 20], step 5e-4 (kernel width >= 1/(a k) = 5e-3 on the k grid). */
    static double trapezoidSigma(double k) {
        double h = 5e-4;
        int steps = 80_000;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            sum += (i == 0 || i == steps ? 0.5 : 1) * KERNEL.sigma(1, k, -20 + i * h);
        }
        return sum * h;
    }

    /**
     * Counts against reference probabilities: each bin expecting >= 10 particles within 5 binomial se; the other
     * bins together likewise.
     */
    static void assertHistogram(double[] prob, long[] counts, long n, String what) {
        double restP = 0;
        long restC = 0;
        for (int j = 0; j < prob.length; j++) {
            if (n * prob[j] >= 10) {
                ParticleJumpSamplerTest.assertBinomial(prob[j], counts[j], n, what + ", bin " + j);
            } else {
                restP += prob[j];
                restC += counts[j];
            }
        }
        double se = Math.sqrt(Math.max(restP * (1 - restP), 1.0 / n) / n);
        assertEquals(restP, (double) restC / n, K_SIGMA * se + 1.0 / n, what + ", lumped tail bins");
    }
}
