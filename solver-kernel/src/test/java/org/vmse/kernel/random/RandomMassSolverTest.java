package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.Scheme;

class RandomMassSolverTest {

    private static final double EPS = Math.pow(2, -5);
    /** Section 4.2's covariance: D = 1.5, a = b = 100. */
    private static final MassCovariance PAPER = new MassCovariance(1.5, 100, 100);

    static RandomMassProblem problem(Sampler sampler, boolean antithetic) {
        return problem(sampler, antithetic, Scheme.CRANK_NICOLSON, Math.pow(EPS, 1.2) / 8);
    }

    static RandomMassProblem problem(Sampler sampler, boolean antithetic, Scheme scheme, double dt) {
        return new RandomMassProblem(EPS, 1.625, 208, new double[] {0.05, 0.1}, dt,
                new WavePacket(256, 0.3, 1.5), "1", null, 0.5, RealizationStream.XiDistribution.GAUSSIAN, sampler,
                PAPER, KrylovSettings.DEFAULT, antithetic, FftBackend.JTRANSFORMS, scheme);
    }

    @Test
    void rk4ipAndCrankNicolsonSolveTheSameRealization() {
        // the same (seed, index) with both schemes on a step 8x finer than the paper's: CN's O(dt^2) error is then
        // ~1e-5 in L1, RK4IP's negligible; the KL field is sampled at t, t + dt/2, t + dt for RK4IP's stages. (The
        // OU sampler draws its innovations at the times it is asked for, so the two schemes see different, equally
        // distributed realizations of it: no pairing there.)
        double dt = Math.pow(EPS, 1.2) / 64;
        Sampler kl = Sampler.KARHUNEN_LOEVE;
        double[] cn = solver(problem(kl, false, Scheme.CRANK_NICOLSON, dt)).solve(3, 1).densities()[1];
        double[] rk = solver(problem(kl, false, Scheme.RK4IP, dt)).solve(3, 1).densities()[1];
        double l1 = 0;
        for (int j = 0; j < cn.length; j++) {
            l1 += Math.abs(cn[j] - rk[j]) * 1.625 / cn.length;
        }
        assertTrue(l1 < 1e-4, "L1 difference " + l1);
    }

    static RandomMassSolver solver(RandomMassProblem p) {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(PAPER, 0.1, 1.625, EPS, 0x1p-9);
        return new RandomMassSolver(p, p.sampler().field(p, basis));
    }

    @Test
    void aRealizationDependsOnSeedAndIndexAloneNotOnWhatTheWorkspaceSolvedBefore() {
        // a workspace is reused for all realizations of a task: any state left behind would make results depend on
        // the partitioning (this caught a stale KL block cache; RK4IP keeps its mbar only within one run)
        for (Scheme scheme : Scheme.values()) {
            for (Sampler kind : Sampler.values()) {
                String sampler = kind.key() + "/" + scheme.key();
                RandomMassProblem p = problem(kind, false, scheme, Math.pow(EPS, 1.2) / 8);
                RealizationResult fresh = solver(p).solve(7, 5);
                RandomMassSolver used = solver(p);
                for (int i = 0; i < 5; i++) {
                    used.solve(7, i);
                }
                RealizationResult again = used.solve(7, 5);
                for (int k = 0; k < 2; k++) {
                    assertArrayEquals(fresh.densities()[k], again.densities()[k], 0.0, sampler + " output time " + k);
                }
                assertEquals(fresh.massMinimum(), again.massMinimum(), 0.0);
                RealizationResult other = used.solve(7, 6);
                assertFalse(Arrays.equals(fresh.densities()[1], other.densities()[1]), sampler + ": 5 and 6 differ");
            }
        }
    }

    @Test
    void antitheticPairsShareTheirDrawWithTheFieldNegated() {
        RandomMassSolver s = solver(problem(Sampler.KARHUNEN_LOEVE, true));
        RandomMassSolver plain = solver(problem(Sampler.KARHUNEN_LOEVE, false));
        // realization 2k (antithetic) is realization k (plain); with m0 = 1, min(1 + f) and min(1 - f) bracket 1
        RealizationResult even = s.solve(3, 4);
        RealizationResult odd = s.solve(3, 5);
        RealizationResult k = plain.solve(3, 2);
        assertArrayEquals(k.densities()[1], even.densities()[1], 0.0);
        assertFalse(Arrays.equals(even.densities()[1], odd.densities()[1]));
        assertTrue(even.massMinimum() < 1 && odd.massMinimum() < 1);
    }

    @Test
    void badInputNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomMassProblem(EPS,
                1.625, 208, new double[] {0.1}, 1e-3, new WavePacket(256, 0.3, 1.5), "1", null, 0.5,
                RealizationStream.XiDistribution.UNIFORM, Sampler.ORNSTEIN_UHLENBECK, PAPER, KrylovSettings.DEFAULT,
                false, FftBackend.JTRANSFORMS, Scheme.CRANK_NICOLSON));
        assertTrue(e.getMessage().contains("random.xi"), e.getMessage());
        // x_j = j 1.625 / 208: x_104 = 0.8125 is a grid point
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> new RandomMassProblem(EPS,
                1.625, 208, new double[] {0.1}, 1e-3, new WavePacket(256, 0.3, 1.5), "1", "1/(x - 0.8125)", 0.5,
                RealizationStream.XiDistribution.GAUSSIAN, Sampler.KARHUNEN_LOEVE, PAPER, KrylovSettings.DEFAULT, false,
                FftBackend.JTRANSFORMS, Scheme.CRANK_NICOLSON));
        assertTrue(v.getMessage().contains("potential.V") && v.getMessage().contains("0.8125"), v.getMessage());
    }
}
