package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.config.FftwPlanner;
import org.vmse.kernel.analysis.ErrorNorms;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.Scheme;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.StepListener;
import org.vmse.kernel.vmse.TimePlan;
import org.vmse.kernel.vmse.VmseSolution;
import org.vmse.kernel.vmse.VmseSolver;
import org.vmse.kernel.expr.Formula;

/** The stand-in problem vmse solves is XMDS2's accuracy42, and its table row says what was measured. */
class StandInBenchmarkTest {

    private static final Path MODEL = Path.of("..", "bench", "peers", "xmds2", "accuracy42.xmds");

    @Test
    void theMassIsThatOfTheXmds2ModelWithItsPhases() throws IOException {
        String model = Files.readString(MODEL);
        // the model's own lines, which ark45.sh leaves alone (it rewrites eps, the amplitude, lattice and integrator)
        assertTrue(model.contains("const real phi1 = " + StandInBenchmark.PHI1 + ";"), "phi1 of " + MODEL);
        assertTrue(model.contains("const real phi2 = " + StandInBenchmark.PHI2 + ";"), "phi2 of " + MODEL);
        assertTrue(model.contains("f1 = amplitude * cos(2.0 * M_PI * x / L + phi1);"));
        assertTrue(model.contains("f2 = amplitude * sin(4.0 * M_PI * x / L + phi2);"));
        assertTrue(model.contains("const real c = cos(M_PI * t / T);"));
        assertTrue(model.contains("const real s = sin(M_PI * t / T);"));
        assertTrue(model.contains("Kin = -0.5 * i * eps * kx * kx;"));
        assertTrue(model.contains("du_dt = Kin[u] + 0.5 * i * eps * ((f1 * c + f2 * s) * Dxx[u] + (f1x * c + f2x * s)"
                + " * Dx[u]);"));

        ExperimentConfig cfg = ExperimentFile.load(Path.of("..", "conf", "paper-sec42.conf"),
                List.of("eps=2^-8", "rte.enabled=false"));
        Formula m0 = Formula.parse("mass.m0", StandInBenchmark.massFormula(cfg), "t", "x");
        // D eps^gamma of conf/paper-sec42.conf: D = 1.5, gamma = 1/2
        double amplitude = 1.5 * Math.sqrt(Math.pow(2, -8));
        for (double[] tx : new double[][] {{0, 0}, {0.1, 0.3}, {0.4, 1.2}, {0.27, 1.6}}) {
            double t = tx[0];
            double x = tx[1];
            double expected = 1 + amplitude * (Math.cos(2 * Math.PI * x / 1.625 + 0.3) * Math.cos(Math.PI * t / 0.4)
                    + Math.sin(4 * Math.PI * x / 1.625 + 1.1) * Math.sin(Math.PI * t / 0.4));
            // a few ulps of a value near 1: the same terms, parsed from text and summed in another order
            assertEquals(expected, m0.value(t, x), 1e-15);
        }
    }

    @Test
    void aRowGivesTheStepsErrorsTimesAndTheRatio(@TempDir Path dir) throws IOException {
        // a grid of 4 points on [0, 2): vmse's density {1, 3, 2, 0}, its reference on 8 points
        // {1, 0, 3, 0, 2, 0, 0, 0}, XMDS2's {1.5, 0, 3, 0, 2, 0, 0, 0.5} at x_j = j/4
        StandInBenchmark.PaperMesh paper = new StandInBenchmark.PaperMesh(6656, 13108, 3.3);
        StandInBenchmark.Result r = new StandInBenchmark.Result(4, 448, 0, 6.8e-9, 0.04, new double[] {1, 3, 2, 0},
                new double[] {1, 0, 3, 0, 2, 0, 0, 0}, paper);
        Path file = Files.writeString(dir.resolve("a.xsil"),
                "0 1.5\n0.25 0\n0.5 3\n0.75 0\n1 2\n1.25 0\n1.5 0\n1.75 0.5\n");
        XmdsPeer peer = new XmdsPeer(Map.of(10, 5.94), 0.14,
                Map.of(10, new XmdsPeer.Ark45(4, 1e-2, 2.4e-5, 194, 0.072)), Map.of(10, file));
        String row = StandInBenchmark.row(10, r, peer, 2.0);
        // against XMDS2's reference at the even points: dx sum |rho - ref| = 0.5 * 0.5; the references on 8 points:
        // 0.25 * (0.5 + 0.5)
        // XMDS2's 5.94 s on the paper's mesh against vmse's 3.3 s: 1.80
        assertEquals(List.of("2^-10", "6656/13108", "3.3000", "5.9400", "1.80", "4", "448", "0", "6.8e-09", "2.5e-01",
                "2.5e-01", "0.0400", "194", "2.4e-05", "0.0720", "1.80"), List.of(row.trim().split("\\s+")));
        String alone = StandInBenchmark.row(10, r, null, 2.0);
        assertEquals(List.of("2^-10", "6656/13108", "3.3000", "-", "-", "4", "448", "0", "6.8e-09", "-", "-", "0.0400",
                "-", "-", "-", "-"),
                List.of(alone.trim().split("\\s+")));
        StandInBenchmark.Result none = new StandInBenchmark.Result(4, 0, 0, 6e-5, Double.NaN, new double[] {1, 3, 2, 0},
                new double[] {1, 0, 3, 0, 2, 0, 0, 0}, paper);
        assertTrue(StandInBenchmark.row(10, none, null, 2.0).contains(" none "));
    }

    /** The final density and the substeps of one solve of the stand-in with a fresh stepper. */
    private static VmseSolution fresh(ExperimentConfig cfg, int m, int steps) {
        PeriodicGrid grid = new PeriodicGrid(cfg.L(), m);
        MassField mass = FormulaMassField.parse("mass.m0", StandInBenchmark.massFormula(cfg));
        VmseSolver solver = new VmseSolver(grid, Scheme.RK4IP.stepper(grid, cfg.eps(), GridMass.of(mass, grid), null,
                FftBackend.JTRANSFORMS, cfg.krylov(), StabilityPolicy.SUBSTEP), FftBackend.JTRANSFORMS.create(m));
        return solver.solve(VmseSolver.initialWave(grid, cfg.initial(), cfg.eps()),
                new TimePlan(new double[] {cfg.T()}, cfg.T() / steps), StepListener.NONE);
    }

    @Test
    void theLadderStopsAtTheFirstRungWithinTheToleranceAndCountsThatSolvesSubstepsAlone() {
        ExperimentConfig cfg = ExperimentFile.load(Path.of("..", "conf", "paper-sec42.conf"),
                List.of("eps=2^-5", "rte.enabled=false"));
        BenchFft fft = new BenchFft(FftBackend.JTRANSFORMS, FftwPlanner.ESTIMATE);
        int m = 128;
        // the rule's coarsest rung at T = 0.4, eps = 2^-5: T/eps = 12.8, so 13 steps, and the ladder's 7 * 2 = 14
        StandInBenchmark.Result loose = StandInBenchmark.solve(cfg, m, fft, 1.0);
        assertEquals(14, loose.steps());
        assertEquals(fresh(cfg, m, 14).statistics().substeps(), loose.substeps());
        assertTrue(loose.substeps() > 14, "14 steps are beyond RK4IP's bound on this grid: " + loose.substeps());

        double[] reference = new double[m];
        new GridRestriction(new PeriodicGrid(cfg.L(), 2 * m), new PeriodicGrid(cfg.L(), m))
                .restrict(loose.referenceDensity(), reference);
        double dx = cfg.L() / m;
        double coarsest = ErrorNorms.l1Distance(fresh(cfg, m, 14).finalDensity(), reference, dx);
        assertEquals(coarsest, loose.error(), 0);
        // half that error: the ladder must go on to a finer rung, whose solve alone gives the substeps reported
        StandInBenchmark.Result refined = StandInBenchmark.solve(cfg, m, fft, coarsest / 2);
        assertTrue(refined.reached() && refined.steps() > 14, "steps " + refined.steps());
        VmseSolution at = fresh(cfg, m, refined.steps());
        assertEquals(at.statistics().substeps(), refined.substeps());
        assertEquals(ErrorNorms.l1Distance(at.finalDensity(), reference, dx), refined.error(), 0);
        assertTrue(refined.error() <= coarsest / 2);

        StandInBenchmark.Result never = StandInBenchmark.solve(cfg, m, fft, 0);
        assertFalse(never.reached());
        assertTrue(Double.isNaN(never.secondsPerSolve()) && never.error() > 0 && never.density().length == m);
    }
}
