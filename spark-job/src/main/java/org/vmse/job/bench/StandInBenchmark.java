package org.vmse.job.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.FftwPlanner;
import org.vmse.job.experiment.Discretization;
import org.vmse.kernel.analysis.ErrorNorms;
import org.vmse.kernel.fft.FftFactory;
import org.vmse.kernel.fft.FftwWisdom;
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

/**
 * vmse on the problem XMDS2's ARK45 solves in {@code vmse bench --peers}: {@code bench/peers/xmds2/accuracy42.xmds},
 * Section 4.2's equation and initial wave with the two-mode stand-in field at fixed phases,
 * <pre>
 *   m0(t, x) = 1 + D eps^gamma (cos(2 pi x / L + phi1) cos(pi t / T) + sin(4 pi x / L + phi2) sin(pi t / T)),
 * </pre>
 * {@code phi1 = }{@value #PHI1}, {@code phi2 = }{@value #PHI2}: so that the two programs are compared at equal
 * discretization error on the same problem, not each on its own field. On the accuracy mesh's grid {@code M} (ARK45's),
 * vmse's RK4IP takes the step count of {@code mesh.rule = accuracy}'s ladder: its coarsest rung ({@code dt <= eps}),
 * refined rung by rung until the L1 error of the final density against vmse's own reference (RK4IP on {@code 2M} with
 * {@value #REFERENCE_FACTOR} times the paper's step count, as the peer script makes XMDS2's) is within
 * {@code mesh.tolerance}, the criterion ARK45's tolerance is chosen by. Steps beyond RK4IP's stability bound are taken
 * in substeps, as in a run. On the paper's mesh, vmse's RK4IP on the same problem is timed beside XMDS2's RK4 on
 * {@code realization42.xmds} (the same field with random phases per path: the same work per path).
 */
public final class StandInBenchmark {

    /** The phases of {@code accuracy42.xmds}. */
    static final double PHI1 = 0.3;
    static final double PHI2 = 1.1;
    /** The reference's steps per step of the paper's mesh, as {@code ark45.sh}'s {@code ARK45_REF_FACTOR}. */
    static final int REFERENCE_FACTOR = 4;
    /** Rungs of the ladder tried before giving up. */
    private static final int MAX_RUNGS = 24;
    /** Timed solves on the accuracy grid: at least this many, and at least {@link #MIN_SECONDS} of them. */
    private static final int MIN_SOLVES = 5;
    /** Timed solves on the paper's mesh (one takes about 3 s at {@code eps = 2^-10}). */
    private static final int PAPER_MESH_SOLVES = 2;
    private static final double MIN_SECONDS = 1.0;

    private StandInBenchmark() {
    }

    /**
     * vmse on the stand-in problem at one {@code eps}.
     *
     * @param m                the grid
     * @param steps            the step count chosen, 0 where no rung met the tolerance
     * @param substeps         the substeps RK4IP took for stability in one solve at that count
     * @param error            L1 error of the final density against vmse's reference (the smallest seen if none met it)
     * @param secondsPerSolve  wall time of one solve at that count, NaN where none met the tolerance
     * @param density          the final density at that count (where none met the tolerance, of the rung with the
     *                         smallest error)
     * @param referenceDensity the reference's final density on {@code 2M}
     * @param paperMesh        the same problem on the paper's mesh
     */
    public record Result(int m, int steps, long substeps, double error, double secondsPerSolve, double[] density,
                         double[] referenceDensity, PaperMesh paperMesh) {

        /** Whether a rung met the tolerance. */
        public boolean reached() {
            return steps > 0;
        }
    }

    /**
     * vmse's RK4IP on the stand-in problem on the paper's mesh.
     *
     * @param m               the grid
     * @param steps           the steps
     * @param secondsPerSolve wall time of one solve
     */
    public record PaperMesh(int m, int steps, double secondsPerSolve) {
    }

    /**
     * {@code m0} of {@code accuracy42.xmds} for the experiment {@code cfg} (its {@code eps}, {@code L}, {@code T},
     * {@code random.D} and {@code random.gamma}).
     */
    static String massFormula(ExperimentConfig cfg) {
        double amplitude = cfg.random().covariance().D() * Math.pow(cfg.eps(), cfg.random().gamma());
        // Locale.ROOT: the text is parsed as a formula, which takes a decimal point whatever the machine's locale
        return String.format(Locale.ROOT, "1 + %.17g*(cos(2*pi*x/%.17g + %s)*cos(pi*t/%.17g) + sin(4*pi*x/%.17g"
                + " + %s)*sin(pi*t/%.17g))", amplitude, cfg.L(), PHI1, cfg.T(), cfg.L(), PHI2, cfg.T());
    }

    /** The results by {@code E} of {@code eps = 2^-E}, on each accuracy mesh's grid and on the paper's mesh. */
    public static Map<Integer, Result> run(Map<Integer, PeerTable.AccurateMesh> meshes, BenchFft fft,
                                           double tolerance) {
        Map<Integer, Result> results = new TreeMap<>();
        meshes.forEach((e, mesh) -> results.put(e, solve(mesh.config(), mesh.discretization().grid().M(), fft,
                tolerance)));
        return results;
    }

    static Result solve(ExperimentConfig cfg, int m, BenchFft fft, double tolerance) {
        MassField mass = FormulaMassField.parse("mass.m0", massFormula(cfg));
        int paperSteps = TimePlan.stepsFor(cfg.T(), cfg.mesh().dt(cfg.eps()));
        double[] reference = new Solver(cfg, mass, 2 * m, fft.backend()).solve(REFERENCE_FACTOR * paperSteps)
                .finalDensity();
        PeriodicGrid grid = new PeriodicGrid(cfg.L(), m);
        double[] restricted = new double[m];
        new GridRestriction(new PeriodicGrid(cfg.L(), 2 * m), grid).restrict(reference, restricted);
        Solver solver = new Solver(cfg, mass, m, transforms(fft, m));
        double best = Double.POSITIVE_INFINITY;
        double[] bestDensity = null;
        int n = Discretization.coarsestAccuracySteps(cfg);
        for (int rung = 0; rung < MAX_RUNGS; rung++, n = Discretization.accuracyRung(n + 1)) {
            long substepsBefore = solver.substeps();
            VmseSolution s = solver.solve(n);
            double error = ErrorNorms.l1Distance(s.finalDensity(), restricted, grid.dx());
            if (error <= tolerance) {
                return new Result(m, n, solver.substeps() - substepsBefore, error, solver.secondsPerSolve(n,
                        MIN_SOLVES), s.finalDensity(), reference, onPaperMesh(cfg, mass, fft, paperSteps));
            }
            if (error < best) {
                best = error;
                bestDensity = s.finalDensity();
            }
        }
        return new Result(m, 0, 0, best, Double.NaN, bestDensity, reference, onPaperMesh(cfg, mass, fft, paperSteps));
    }

    /** The same problem on the paper's mesh, timed. */
    private static PaperMesh onPaperMesh(ExperimentConfig cfg, MassField mass, BenchFft fft, int steps) {
        int m = Discretization.paperGrid(cfg).M();
        return new PaperMesh(m, steps, new Solver(cfg, mass, m, transforms(fft, m)).secondsPerSolve(steps,
                PAPER_MESH_SOLVES));
    }

    /** The table's column heads, aligned with {@link #row}. */
    static final String HEADER = "  eps    paper M/N   vmse s     XMDS2 s    XMDS2/vmse  acc. M  vmse N  substeps"
            + "  vmse err   vs XMDS2 ref  refs differ  vmse s     ARK45 steps  ARK45 err  ARK45 s    ARK45/vmse";

    /**
     * Prints one row per {@code eps}: vmse's step count, its error against its own and against XMDS2's reference, how
     * far the two references differ, its time, and ARK45's beside it ({@code peer} may be {@code null}).
     */
    public static void print(Map<Integer, Result> results, XmdsPeer peer, double length, PrintStream out) {
        out.println("The same problem: bench/peers/xmds2/accuracy42.xmds (the stand-in field, fixed phases). On the"
                + " paper's mesh: vmse's rk4ip against XMDS2's RK4 (realization42.xmds, the same field with random"
                + " phases: the same work per path). At equal error on the accuracy grid M: vmse: rk4ip, the accuracy"
                + " rule's coarsest rung of steps (dt <= eps), refined until its L1 error against its own reference"
                + " (rk4ip on 2M, " + REFERENCE_FACTOR
                + "x the paper's steps) is within mesh.tolerance; also its error against XMDS2's reference, and the"
                + " two references' L1 difference on 2M. ARK45: as in the table above (against XMDS2's reference)."
                + " Wall s per solve; ARK45/vmse above 1: vmse is faster");
        out.println(HEADER);
        results.forEach((e, r) -> out.println(row(e, r, peer, length)));
    }

    static String row(int exponent, Result r, XmdsPeer peer, double length) {
        String againstPeer = "-";
        String references = "-";
        Path xsil = peer == null ? null : peer.references().get(exponent);
        if (xsil != null) {
            try {
                double[] theirs = XmdsPeer.density(xsil, 2 * r.m(), length);
                double[] restricted = new double[r.m()];
                PeriodicGrid grid = new PeriodicGrid(length, r.m());
                PeriodicGrid fine = new PeriodicGrid(length, 2 * r.m());
                new GridRestriction(fine, grid).restrict(theirs, restricted);
                againstPeer = String.format("%.1e", ErrorNorms.l1Distance(r.density(), restricted, grid.dx()));
                references = String.format("%.1e", ErrorNorms.l1Distance(r.referenceDensity(), theirs, fine.dx()));
            } catch (IOException | IllegalArgumentException ex) {
                againstPeer = "unread";
            }
        }
        XmdsPeer.Ark45 ark45 = peer == null ? null : peer.ark45().get(exponent);
        String steps = "-";
        String error = "-";
        String seconds = "-";
        String ratio = "-";
        if (ark45 != null) {
            error = String.format("%.1e", ark45.error());
            steps = ark45.steps() > 0 ? Integer.toString(ark45.steps()) : "-";
            if (ark45.reached()) {
                seconds = String.format("%.4f", ark45.secondsPerRealization());
                if (r.reached()) {
                    ratio = String.format("%.2f", ark45.secondsPerRealization() / r.secondsPerSolve());
                }
            }
        }
        PaperMesh p = r.paperMesh();
        double xmds = peer == null ? Double.NaN : peer.secondsPerRealization(exponent);
        return String.format("  2^-%-3d %-11s %-10.4f %-10s %-11s %-7d %-7s %-9s %-10s %-13s %-12s %-10s %-12s %-10s"
                + " %-10s %s", exponent, p.m() + "/" + p.steps(), p.secondsPerSolve(),
                Double.isNaN(xmds) ? "-" : String.format("%.4f", xmds),
                Double.isNaN(xmds) ? "-" : String.format("%.2f", xmds / p.secondsPerSolve()),
                r.m(), r.reached() ? Integer.toString(r.steps()) : "none",
                r.reached() ? Long.toString(r.substeps()) : "-",
                String.format("%.1e", r.error()), againstPeer, references,
                r.reached() ? String.format("%.4f", r.secondsPerSolve()) : "-", steps, error, seconds, ratio);
    }

    /** The plans a run with {@code fftw.planner} would use: measured now under {@code measure}. */
    private static FftFactory transforms(BenchFft fft, int m) {
        return fft.planner() == FftwPlanner.MEASURE ? FftwWisdom.record(() -> fft.backend().create(m))
                : fft.backend();
    }

    /** RK4IP on one grid with the stand-in mass, the solver and its transforms made once. */
    private static final class Solver {
        private final ExperimentConfig cfg;
        private final VmseSolver solver;
        private final double[] u0;
        private long substeps;

        Solver(ExperimentConfig cfg, MassField mass, int m, FftFactory transforms) {
            this.cfg = cfg;
            PeriodicGrid grid = new PeriodicGrid(cfg.L(), m);
            this.solver = new VmseSolver(grid, Scheme.RK4IP.stepper(grid, cfg.eps(), GridMass.of(mass, grid), null,
                    transforms, cfg.krylov(), StabilityPolicy.SUBSTEP), transforms.create(m));
            this.u0 = VmseSolver.initialWave(grid, cfg.initial(), cfg.eps());
        }

        VmseSolution solve(int steps) {
            VmseSolution s = solver.solve(u0, new TimePlan(new double[] {cfg.T()}, cfg.T() / steps), StepListener.NONE);
            substeps = s.statistics().substeps();
            return s;
        }

        /** The substeps the stepper has taken in all solves so far (its statistics count from its construction). */
        long substeps() {
            return substeps;
        }

        /**
         * Wall seconds of one solve with {@code steps} steps after one untimed: over at least {@code solves} solves
         * and {@value #MIN_SECONDS} s.
         */
        double secondsPerSolve(int steps, int solves) {
            solve(steps);
            int count = 0;
            long t0 = System.nanoTime();
            while (count < solves || System.nanoTime() - t0 < MIN_SECONDS * 1e9) {
                solve(steps);
                count++;
            }
            return (System.nanoTime() - t0) * 1e-9 / count;
        }
    }
}
