package org.vmse.job.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;

/** {@code mesh.rule = accuracy}: the a-priori grid, the size ladders, and a chosen mesh checked against a reference. */
class AccuracyMeshTest {

    private static final Path SEC42 = Path.of("..", "conf", "paper-sec42.conf");

    @Test
    void gridSizesAreTheNextEvenTwoThreeFiveSmoothNumbers() {
        // by hand: 276 = 4 3 23, 278 = 2 139, 280 = 8 5 7, 282 = 2 3 47, 284 = 4 71, 286 = 2 11 13, 288 = 32 9
        assertEquals(288, AccuracyMesh.fastSize(274.3));
        assertEquals(1152, AccuracyMesh.fastSize(1152)); // 2^7 3^2
        assertEquals(1200, AccuracyMesh.fastSize(1153)); // 1154 .. 1198 each have a factor above 5 or are odd
        assertEquals(4, AccuracyMesh.fastSize(0.5));
    }

    @Test
    void stepCountsAreOnTheLadderCTimesAPowerOfTwo() {
        // c 2^j with c = 4..7: ..., 96, 112, 128, ...; 8, 10, 12, 14, 16; below 5 every count
        assertEquals(112, AccuracyMesh.ladderAtLeast(103));
        assertEquals(112, AccuracyMesh.ladderAtLeast(112));
        assertEquals(128, AccuracyMesh.ladderAtLeast(113));
        assertEquals(10, AccuracyMesh.ladderAtLeast(9));
        assertEquals(16, AccuracyMesh.ladderAtLeast(15));
        assertEquals(3, AccuracyMesh.ladderAtLeast(2.5));
    }

    @Test
    void theFieldCountsUpToItsLorentzianQuantileOrItsLastKlMode() {
        // cot(pi q / 2) / ell with q = 1e-2: the wavenumbers beyond carry 1 % of a Lorentzian's variance
        double cot = 1 / Math.tan(Math.PI * 0.005);
        assertEquals(cot / 1.5625, AccuracyMesh.fieldWavenumber(1.5625, 1e4), 1e-12 * cot);
        assertEquals(100, AccuracyMesh.fieldWavenumber(0.01, 100));
    }

    @Test
    void theTopWavenumberAddsTheFieldToThePacketOverTheWidenedMassRange() {
        ExperimentConfig cfg = ExperimentFile.load(SEC42, List.of("eps=2^-6"));
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        // m0 = 1 widened by 4 eps^(1/2) D = 4 (1/8) 1.5 = 0.75: masses in [0.25, 1.75], so |k| <= (p0/eps) sqrt(7);
        // plus 8 sqrt(A) of the packet's spectrum; the field (b eps = 1.5625) counts cot(pi/200)/1.5625, below the KL
        // basis's last space root at this eps
        double field = 1 / Math.tan(Math.PI * 0.005) / 1.5625;
        assertTrue(field < basis.spaceRoot(basis.spaceModeCount()));
        double expected = 1.5 * Math.sqrt(7) * 64 + 8 * 16 + field;
        assertEquals(expected, AccuracyMesh.topWavenumber(cfg, 1, 1, basis), 1e-9 * expected);
    }

    @Test
    void theFirstMeshIsFoundWithTheBasisItIsGiven() {
        // the run builds one basis and hands it to the rule: with random.klTerms = 1 the field has only its first
        // space mode, v_1 < pi / L (the first root of (4.23) lies in (0, pi/L)), far below the Lorentzian's quantile,
        // so the field counts v_1 of that basis and not the last root of a basis built from the configuration
        ExperimentConfig cfg = ExperimentFile.load(SEC42, List.of("eps=2^-6"));
        KarhunenLoeveBasis one = EnsembleRun.basis(ExperimentFile.load(SEC42, List.of("eps=2^-6", "random.klTerms=1")));
        assertEquals(1, one.spaceModeCount());
        assertTrue(one.spaceRoot(1) < Math.PI / 1.625);
        double expected = 1.5 * Math.sqrt(7) * 64 + 8 * 16 + one.spaceRoot(1);
        AccuracyMesh.First first = AccuracyMesh.first(cfg, 1, 1, one);
        assertEquals(expected, first.topWavenumber(), 1e-9 * expected);
        // its step: dt = eps, ceil(T / eps) = ceil(25.6) = 26 raised to the ladder c 2^j, 28 = 7 2^2
        assertEquals(28, first.steps());
    }

    @Test
    void anEstimateThatCouldNotHaveBeenChosenIsRefused() {
        // what a checkpoint's kept choice is read back into: an odd grid, no steps, or an error above the tolerance
        // was never chosen, so a file that says so was altered
        assertEquals(360, new MeshEstimate(360, 384, 4e-5, 3e-5, 3e-5, 3e-6, 422, 4, 56, 1, 1.6).points());
        assertThrows(IllegalArgumentException.class,
                () -> new MeshEstimate(361, 384, 4e-5, 3e-5, 3e-5, 3e-6, 422, 4, 56, 1, 1.6));
        assertThrows(IllegalArgumentException.class,
                () -> new MeshEstimate(360, 0, 4e-5, 3e-5, 3e-5, 3e-6, 422, 4, 56, 1, 1.6));
        assertThrows(IllegalArgumentException.class,
                () -> new MeshEstimate(360, 384, 4e-5, 5e-5, 3e-5, 3e-6, 422, 4, 56, 1, 1.6));
        assertThrows(IllegalArgumentException.class,
                () -> new MeshEstimate(360, 384, 4e-5, Double.NaN, 3e-5, 3e-6, 422, 4, 56, 1, 1.6));
        assertThrows(IllegalArgumentException.class,
                () -> new MeshEstimate(360, 384, 4e-5, 3e-5, 3e-5, 3e-6, 422, 4, 2, 1, 1.6));
    }

    /**
     * A chosen mesh holds the tolerance on a realization that was not a pilot, against a reference four times finer
     * in space and time (its own error is below a hundredth of the tolerance at these sizes: RK4IP's time error falls
     * 256-fold, the spectral grid error faster). The bound is twice the tolerance: the pilots measure 4 of the law's
     * realizations, and another one's error is of the same size, not bounded by theirs.
     */
    @Test
    void aChosenMeshHoldsTheToleranceOnAnotherRealization() {
        double tolerance = 1e-4;
        ExperimentConfig cfg = ExperimentFile.load(SEC42, List.of("eps=2^-5", "T=0.1", "scheme=rk4ip",
                "fft=jtransforms", "mesh.rule=accuracy", "mesh.tolerance=" + tolerance));
        Discretization d = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
        MeshEstimate e = d.estimate();
        assertNotNull(e);
        assertTrue(e.error() <= tolerance, e.toString());
        int m = d.grid().M();
        int n = d.plan().totalSteps();
        // the estimate before the ensemble: this grid, and its steps counted with the pilots' substeps (none or more)
        assertEquals(m, d.chosen().points());
        assertTrue(d.chosen().steps() >= n && e.stepWork() >= 1, e.toString());
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        RandomMassProblem coarse = EnsembleRun.problem(cfg, d);
        RandomMassProblem fine = coarse.withMesh(4 * m, coarse.dt() / 4);
        double[] a = last(new RandomMassSolver(coarse, coarse.sampler().field(coarse, basis)).solve(1, 11)
                .densities());
        double[] b = last(new RandomMassSolver(fine, fine.sampler().field(fine, basis)).solve(1, 11).densities());
        double[] r = new double[m];
        new GridRestriction(new PeriodicGrid(cfg.L(), 4 * m), d.grid()).restrict(b, r);
        double l1 = 0;
        for (int j = 0; j < m; j++) {
            l1 += Math.abs(r[j] - a[j]);
        }
        l1 *= d.grid().dx();
        assertTrue(l1 <= 2 * tolerance, "M = " + m + ", " + n + " steps: L1 " + l1 + ", " + e);
    }

    private static double[] last(double[][] rho) {
        return rho[rho.length - 1];
    }
}
