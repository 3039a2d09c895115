package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.WavePacket;

/**
 * Two independent solutions of the same RTE (3.6): the grid solver (exact transport + collision propagator) and the
 * particle Monte Carlo (Markov jumps with the collision kernel as rate). Section 4.2 parameters except a shorter time
 * and coarser grids. The densities are compared on bins of 8 grid cells, where the grid's point values are averaged
 * the same way; the tolerance per bin is 5 particle standard errors plus 2e-3 relative for the grid's own error (the
 * regularized delta) plus the backscattered mass outside the grid's k window, so a false alarm from sampling has
 * probability below 1e-5 per bin. The unscattered solution must fail the same comparison (power).
 */
@Tag("slow")
class GridAgainstParticleRteTest {

    @Test
    void gridAndParticleSolutionsAgreeWithinSamplingError() {
        double L = 1.625;
        WavePacket packet = new WavePacket(256, 0.3, 1.5);
        ScatteringKernel kernel = new ScatteringKernel(1.5, 100, 100);
        double t = 0.4;
        RteGrid grid = RteGrid.of(L, 0x1p-8, 1.0, 2.0, 0x1p-9);
        // m0 = 1: the spectral splitting scheme; its step 2^-8 is within 3e-6 of the converged rho (its Javadoc)
        RteScheme grid0 = RteScheme.of(new RteOperator(
                new FormulaMassField(Formula.parse("mass.m0", "1", "t", "x")), kernel, grid), 0x1p-8);
        RteSolution solved = grid0.solve(RteInitialData.delta(packet).sample(grid), new double[] {t});
        double[] rhoGrid = solved.rho(0);
        // the particles also scatter backwards (p near -k), which the grid's window [1, 2] does not hold; the grid
        // estimates that mass (scatterLeak): allow it in full in any one bin
        double leakDensity = solved.scatterLeak()[0] / (8 * grid.dx());
        // the same without scattering: the comparison must be able to tell the two apart
        RteScheme free = RteScheme.of(new RteOperator(new FormulaMassField(Formula.parse("mass.m0", "1", "t", "x")),
                new ScatteringKernel(0, 100, 100), grid), 0x1p-8);
        double[] rhoFree = free.solve(RteInitialData.delta(packet).sample(grid), new double[] {t}).rho(0);

        ParticleRteSolver particles = new ParticleRteSolver(1.0, kernel, packet, L, 0);
        ParticleRteResult p = particles.solve(ParticleRteSettings.of(1_000_000, 17, new double[] {t}, grid.nx())
                .withParallel(true));
        double[] rhoP = p.rho(0);
        double[] seP = p.rhoStandardError(0);

        int bin = 8;
        double freeWorst = 0;
        for (int b = 0; b < grid.nx() / bin; b++) {
            double g = binned(rhoGrid, b, bin);
            double g0 = binned(rhoFree, b, bin);
            double q = 0;
            double var = 0;
            for (int j = b * bin; j < (b + 1) * bin; j++) {
                q += rhoP[j] / bin;
                var += seP[j] * seP[j] / (bin * bin);
            }
            double tol = 5 * Math.sqrt(var) + 2e-3 * Math.max(g, 1e-3) + leakDensity;
            assertTrue(Math.abs(g - q) <= tol, String.format("bin %d: grid %.5f, particles %.5f, tolerance %.2g",
                    b, g, q, tol));
            freeWorst = Math.max(freeWorst, Math.abs(g0 - q) / tol);
        }
        assertTrue(freeWorst > 3, "the unscattered solution must fail the same comparison: worst ratio " + freeWorst);
    }

    /** Bin {@code b} of width {@code bin} cells; the grid's point values are averaged over each cell like the
     * particle histogram's cell averages (weights 1/4, 1/2, 1/4). */
    private static double binned(double[] rho, int b, int bin) {
        int n = rho.length;
        double g = 0;
        for (int j = b * bin; j < (b + 1) * bin; j++) {
            g += (0.5 * rho[j] + 0.25 * (rho[Math.floorMod(j - 1, n)] + rho[(j + 1) % n])) / bin;
        }
        return g;
    }
}
