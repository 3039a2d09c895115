package org.vmse.job.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.kernel.analysis.ErrorNorms;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.TimePlan;
import org.vmse.kernel.vmse.VmseSolver;

/**
 * One Karhunen-Loeve realization of Section 4.2 solved by XMDS2 as well ({@code bench/peers/xmds2/kl42.xmds}, run by
 * {@code kl.sh}): the same mass, read from a field file vmse writes, so that the two programs solve the same problem
 * and their densities can be subtracted.
 *
 * <p>The file lists the basis's space modes ({@code v_j} and the norm of {@code phi_j}), its time roots {@code w_i}
 * and each kept pair {@code (i, j)} with {@code c = D sqrt(lambda_i sigma_j) |psi_i| xi_p}, so that
 * {@code m1(t, x) = sum_p c_p tf_i(t) phi_j(x)}, {@code tf_i} the cosine (odd {@code i}) or sine of
 * {@code w_i (t - T/2)}: the sum (4.20) as {@link org.vmse.kernel.random.KarhunenLoeveField} evaluates it, written
 * with 17 significant digits so that both programs read the same doubles.
 *
 * <p>The work is not the same: XMDS2 has no non-uniform FFT, so the model sums the field and its derivative mode by
 * mode at every grid point and stage ({@code 2 M K} multiply-adds), where vmse's field costs about {@code 2 K w}
 * plus half an FFT. The ratios printed measure the two programs on this problem, that sum included; the stand-in
 * tables compare the integrators on equal work.
 *
 * <p>The equations differ at one place. The KL field is not periodic on {@code [0, L)}: its sine modes jump across
 * the seam {@code x = 0 = L} of the periodic grid. vmse solves the conservative form {@code (m u_x)_x} with spectral
 * derivatives, which conserves {@code int |u|^2} whatever {@code m} does; the model has the form XMDS2 users write,
 * {@code m u_xx + m_x u_x} with the field's own derivative, which leaves out the jump's term. So the densities agree
 * to the discretization errors until the wave meets the seam (the early output), then part, and each program's mass
 * change shows which form conserves it.
 */
public final class KlPeer {

    /** Realization 0 of this seed is the one both programs solve. */
    static final long SEED = 1;
    /** The early output: this fraction of the steps, rounded, as {@code kl.sh} takes it. */
    static final int EARLY_DIVISOR = 20;
    /** The smallest {@code E} of {@code eps = 2^-E}: the paper's mesh has 17 steps at 2, and kl.sh needs 20. */
    public static final int MIN_EXPONENT = 3;
    public static final int MAX_EXPONENT = 14;
    /** vmse's warm-up, and then its timed solves, take at least this long (and at least two and one solves). */
    private static final long MIN_NANOS = 1_000_000_000L;
    /** XMDS2 prints its time to 0.01 s: a run shorter than this is repeated over identical paths. */
    private static final double SHORT_SECONDS = 0.5;
    private static final int MAX_PATHS = 50;
    /** ARK45's tolerances, loosest first by decades; the decade that passes is then searched by quarter decades. */
    private static final double[] ARK45_DECADES = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
    private static final double[] QUARTER_DECADES = {Math.pow(10, 0.75), Math.pow(10, 0.5), Math.pow(10, 0.25)};
    /** The references' steps per step of the paper's mesh, as {@link StandInBenchmark} and {@code ark45.sh} take. */
    private static final int REFERENCE_FACTOR = StandInBenchmark.REFERENCE_FACTOR;
    private static final Pattern SECONDS = Pattern.compile("xmds2 kl eps=2\\^-\\d+ M=\\d+ steps=\\d+ early=(\\d+)"
            + " algorithm=\\S+ paths=\\d+ attempted=(\\d+): ([0-9.eE+-]+) s/realization");
    private static final Pattern DENSITY = Pattern.compile(
            "xmds2 kl density eps=2\\^-\\d+ M=\\d+ algorithm=\\S+: (\\S+)");

    private KlPeer() {
    }

    /** The coefficients {@code xi} realization {@code index} of {@code seed} draws, in the basis's pair order. */
    public static double[] xi(RandomMassProblem problem, KarhunenLoeveBasis basis, long seed, long index) {
        double[] xi = new double[basis.pairCount()];
        problem.xi().fill(RealizationStream.of(seed, index), xi);
        return xi;
    }

    /** Writes the field file of {@code basis} with the coefficients {@code xi} (its pair order) to {@code file}. */
    public static void writeField(KarhunenLoeveBasis basis, double[] xi, Path file) {
        if (xi.length != basis.pairCount()) {
            throw new IllegalArgumentException("xi must have one entry per kept pair (" + basis.pairCount()
                    + "), got " + xi.length);
        }
        double d = basis.covariance().D();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("# one Karhunen-Loeve realization for bench/peers/xmds2/kl42.xmds: K I P, K lines v_j |phi_j|,"
                    + " I lines w_i, P lines i j c\n");
            w.write(basis.spaceModeCount() + " " + basis.timeModeCount() + " " + basis.pairCount() + "\n");
            for (int j = 1; j <= basis.spaceModeCount(); j++) {
                w.write(number(basis.spaceRoot(j)) + " " + number(basis.phiNorm(j)) + "\n");
            }
            for (int i = 1; i <= basis.timeModeCount(); i++) {
                w.write(number(basis.timeRoot(i)) + "\n");
            }
            for (int p = 0; p < basis.pairCount(); p++) {
                int i = basis.pairTimeIndex(p);
                int j = basis.pairSpaceIndex(p);
                double c = d * Math.sqrt(basis.timeEigenvalue(i) * basis.spaceEigenvalue(j)) * basis.psiNorm(i)
                        * xi[p];
                w.write(i + " " + j + " " + number(c) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XMDS2 field file " + file + ": " + e.getMessage(), e);
        }
    }

    /** 17 significant digits: the shortest that always gives back the same double. */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    /** The early output's step: {@code steps / 20} rounded half up, in integers as {@code kl.sh}'s awk rounds it. */
    static int earlyStep(int steps) {
        return (steps + EARLY_DIVISOR / 2) / EARLY_DIVISOR;
    }

    /**
     * The realization in both programs at {@code eps = 2^-exponent}.
     *
     * @param early          the step of the early output ({@link #earlyStep})
     * @param vmseSeconds    vmse's wall time of one solve (both outputs), after warm-up solves
     * @param xmdsSeconds    XMDS2's simulation time per path (without its compile)
     * @param earlyL1        {@code dx sum |rho_vmse - rho_XMDS2|} at the early output
     * @param finalL1        the same at {@code T}
     * @param vmseMassChange {@code int |u|^2} at {@code T} less at 0, vmse
     * @param xmdsMassChange the same for XMDS2 (its initial mass is vmse's: the same wave on the same grid)
     */
    public record Row(int exponent, int m, int steps, int early, double vmseSeconds, double xmdsSeconds,
                      double earlyL1, double finalL1, double vmseMassChange, double xmdsMassChange) {

        static final String HEADER = "  eps    M     steps  vmse s     XMDS2 s    XMDS2/vmse  early step  L1 early   "
                + "L1 at T    mass change vmse  mass change XMDS2";

        String format() {
            return String.format(Locale.ROOT, "  2^-%-3d %-5d %-6d %-10.4f %-10.4f %-11.1f %-11d %-10.1e %-10.1e"
                    + " %-17.1e %.1e", exponent, m, steps, vmseSeconds, xmdsSeconds, xmdsSeconds / vmseSeconds,
                    early, earlyL1, finalL1, vmseMassChange, xmdsMassChange);
        }
    }

    /**
     * vmse on its accuracy mesh against XMDS2's ARK45 on the same grid, both on the realization of {@link #run}.
     *
     * @param steps     vmse's step count
     * @param target    the error both must meet: {@code mesh.tolerance}, which the accuracy mesh is chosen by
     * @param vmseError L1 error of vmse's final density against vmse's reference (RK4IP on {@code 2M} with
     *                  {@value #REFERENCE_FACTOR} times the paper's steps)
     * @param tolerance ARK45's tolerance, the loosest tried whose error is within {@code target}; NaN if none
     * @param xmdsError L1 error of ARK45's final density against XMDS2's reference (RK4 on {@code 2M} with
     *                  {@value #REFERENCE_FACTOR} times the paper's steps); the smallest seen where none passed
     * @param attempted the steps ARK45 attempted
     */
    public record Ark45Row(int exponent, int m, int steps, double target, double vmseError, double vmseSeconds,
                           double tolerance, double xmdsError, int attempted, double xmdsSeconds) {

        static final String HEADER = "  eps    M     target   vmse N  vmse err   vmse s     ARK45 tol  ARK45 err"
                + "  ARK45 steps  ARK45 s    ARK45/vmse";

        String format() {
            boolean reached = !Double.isNaN(tolerance);
            return String.format(Locale.ROOT, "  2^-%-3d %-5d %-8.0e %-7d %-10s %-10.4f %-10s %-10.1e %-12s %-10s %s",
                    exponent, m, target, steps, String.format(Locale.ROOT, "%.1e%s", vmseError,
                            vmseError <= target ? "" : "!"), vmseSeconds, reached ? String.format(Locale.ROOT,
                            "%.1e", tolerance) : "none", xmdsError, reached ? Integer.toString(attempted) : "-",
                    reached ? String.format(Locale.ROOT, "%.4f", xmdsSeconds) : "-",
                    reached ? String.format(Locale.ROOT, "%.1f", xmdsSeconds / vmseSeconds) : "-");
        }
    }

    /** What a table needs of each exponent: its row, or {@code null} (the reason printed) to go on to the next. */
    @FunctionalInterface
    private interface RowMaker<R> {
        R make(int exponent, Path work) throws IOException, InterruptedException;
    }

    /** Prints {@code header} and a row per exponent; nothing but the reason when xmds2 is not installed. */
    private static <R> List<R> table(List<Integer> exponents, String header, RowMaker<R> maker,
                                     Function<R, String> format, PrintStream out) {
        List<R> rows = new ArrayList<>();
        try {
            if (new ProcessBuilder("sh", "-c", "command -v xmds2").start().waitFor() != 0) {
                out.println("  xmds2 is not installed (apt-get install -y xmds2): not run");
                return rows;
            }
            Path work = Files.createTempDirectory("vmse-xmds2-kl");
            out.println(header);
            for (int e : exponents) {
                R row = maker.make(e, work);
                if (row != null) {
                    rows.add(row);
                    out.println(format.apply(row));
                }
            }
            out.println("  (models, logs, field files and .xsil densities in " + work + ")");
        } catch (IOException | UncheckedIOException e) {
            out.println("  XMDS2 KL peer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rows;
    }

    /**
     * The paper's mesh (or {@code refine} times its grid with {@code refine^2} times its steps: explicit RK4 needs
     * {@code dt ~ dx^2}) at each exponent: vmse's and XMDS2's RK4 in the interaction picture on the realization, their
     * times, the L1 distance of their densities early and at {@code T}, and their mass changes.
     *
     * @param script the repository's {@code bench/peers/xmds2/kl.sh}
     */
    public static List<Row> run(List<Integer> exponents, int refine, BenchFft fft, Path script, PrintStream out) {
        if (refine < 1) {
            throw new IllegalArgumentException("the refinement must be at least 1, got " + refine);
        }
        out.printf("XMDS2 solving the same KL realization (bench/peers/xmds2/kl42.xmds: realization 0 of seed %d, the"
                + " field file written by vmse, summed mode by mode as XMDS2 users write it, so XMDS2's time includes"
                + " that sum). %s, rk4ip, fft = %s; vmse: bare solves after warm-up ones; XMDS2: its simulation time."
                + " L1: dx sum |rho_vmse - rho_XMDS2| at the early step and at T = 0.4%n", SEED, refine == 1
                        ? "Paper's mesh" : "The paper's mesh refined: " + refine + "M, " + refine * refine
                        + " times the steps", refine == 1 ? fft.label()
                        : fft.backend().key() + " (estimated plans: the measured ones are for M)");
        return table(exponents, Row.HEADER, (e, work) -> row(e, refine, fft, script, work, out), Row::format, out);
    }

    private static Row row(int e, int refine, BenchFft fft, Path script, Path work, PrintStream out)
            throws IOException, InterruptedException {
        ExperimentConfig cfg = sectionFourTwo(e, fft);
        Discretization paper = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        RandomMassProblem p = EnsembleRun.problem(cfg, paper);
        if (refine == 1) {
            p = BenchFft.planned(cfg, p, basis);
        }
        int m = refine * p.M();
        int steps = refine * refine * paper.plan().totalSteps();
        int early = earlyStep(steps);
        double dt = cfg.T() / steps;
        RandomMassProblem twoTimes = mesh(p, m, new double[] {early * dt, cfg.T()}, dt, p.wisdom() != null);
        Path field = fieldFile(twoTimes, basis, work, e);
        RandomMassSolver solver = RandomMassSolver.of(twoTimes, basis);
        double vmseSeconds = secondsPerSolve(solver);
        double[][] rho = solver.solve(SEED, 0).densities();
        Xmds xmds = timed(script, e, m, steps, field, work, "RK4", cfg.L(), out);
        if (xmds == null) {
            return null;
        }
        double dx = cfg.L() / m;
        double mass0 = initialMass(solver.grid(), cfg.initial(), cfg.eps());
        return new Row(e, m, steps, early, vmseSeconds, xmds.seconds(),
                ErrorNorms.l1Distance(rho[0], xmds.densities()[0], dx),
                ErrorNorms.l1Distance(rho[1], xmds.densities()[1], dx),
                ErrorNorms.integral(rho[1], dx) - mass0, ErrorNorms.integral(xmds.densities()[1], dx) - mass0);
    }

    /**
     * At each exponent with an accuracy mesh in {@code meshes}: vmse's realization on that mesh, and XMDS2's adaptive
     * ARK45 on its grid at the loosest tolerance whose error against XMDS2's own reference is within the mesh's
     * {@code mesh.tolerance}, the bound vmse's mesh is chosen to (each error against the program's own reference: the
     * two programs' equations differ at the seam, see above). A vmse error above that bound is marked {@code !}.
     */
    public static List<Ark45Row> runArk45(List<Integer> exponents, Map<Integer, PeerTable.AccurateMesh> meshes,
                                          BenchFft fft, Path script, PrintStream out) {
        out.printf(Locale.ROOT, "XMDS2's ARK45 on the same KL realization at equal discretization error: vmse on its"
                + " accuracy mesh (fft = %s); ARK45 on the same grid at the loosest tolerance (decades %.0e .. %.0e,"
                + " then quarter decades) whose L1 error is within the target, mesh.tolerance (! marks a vmse error"
                + " above it); each error against the program's own reference, RK4 in the interaction picture on 2M"
                + " with %d times the paper's steps%n", fft.label(), ARK45_DECADES[0],
                ARK45_DECADES[ARK45_DECADES.length - 1], REFERENCE_FACTOR);
        return table(exponents, Ark45Row.HEADER, (e, work) -> {
            PeerTable.AccurateMesh mesh = meshes.get(e);
            if (mesh == null) {
                out.printf("  2^-%-3d no accuracy mesh: give %d to --eps as well%n", e, e);
                return null;
            }
            return ark45Row(e, mesh, script, work, out);
        }, Ark45Row::format, out);
    }

    private static Ark45Row ark45Row(int e, PeerTable.AccurateMesh mesh, Path script, Path work, PrintStream out)
            throws IOException, InterruptedException {
        ExperimentConfig cfg = mesh.config();
        requireSectionFourTwo(cfg);
        double target = cfg.mesh().tolerance();
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        RandomMassProblem p = BenchFft.planned(cfg, EnsembleRun.problem(cfg, mesh.discretization()), basis);
        int paperSteps = TimePlan.stepsFor(cfg.T(), cfg.mesh().dt(cfg.eps()));
        int m = p.M();
        Path field = fieldFile(p, basis, work, e);
        RandomMassSolver solver = RandomMassSolver.of(p, basis);
        double vmseSeconds = secondsPerSolve(solver);
        RealizationResult r = solver.solve(SEED, 0);
        int refSteps = REFERENCE_FACTOR * paperSteps;
        RandomMassProblem fine = mesh(p, 2 * m, new double[] {cfg.T()}, cfg.T() / refSteps, false);
        double[] vmseRef = last(RandomMassSolver.of(fine, basis).solve(SEED, 0).densities());
        GridRestriction toGrid = new GridRestriction(new PeriodicGrid(cfg.L(), 2 * m), solver.grid());
        double dx = cfg.L() / m;
        double vmseError = ErrorNorms.l1Distance(last(r.densities()), restricted(toGrid, vmseRef), dx);

        Xmds reference = xmds(script, e, 2 * m, refSteps, field, work, "RK4", 1, cfg.L(), out);
        if (reference == null) {
            return null;
        }
        double[] xmdsRef = restricted(toGrid, reference.densities()[1]);
        double best = Double.POSITIVE_INFINITY;
        double failed = Double.NaN;
        for (double decade : ARK45_DECADES) {
            Xmds run = xmds(script, e, m, paperSteps, field, work, ark45(decade), 1, cfg.L(), out);
            if (run == null) {
                return null;
            }
            double error = ErrorNorms.l1Distance(run.densities()[1], xmdsRef, dx);
            best = Math.min(best, error);
            if (error > target) {
                failed = decade;
                continue;
            }
            // the loosest passing tolerance between the decade that failed and this one
            double chosen = decade;
            if (!Double.isNaN(failed)) {
                for (double q : QUARTER_DECADES) {
                    Xmds between = xmds(script, e, m, paperSteps, field, work, ark45(decade * q), 1, cfg.L(), out);
                    if (between == null) {
                        return null;
                    }
                    double betweenError = ErrorNorms.l1Distance(between.densities()[1], xmdsRef, dx);
                    if (betweenError <= target) {
                        chosen = decade * q;
                        error = betweenError;
                        break;
                    }
                }
            }
            Xmds timed = timed(script, e, m, paperSteps, field, work, ark45(chosen), cfg.L(), out);
            if (timed == null) {
                return null;
            }
            return new Ark45Row(e, m, (int) r.steps(), target, vmseError, vmseSeconds, chosen, error,
                    timed.attempted(), timed.seconds());
        }
        return new Ark45Row(e, m, (int) r.steps(), target, vmseError, vmseSeconds, Double.NaN, best, 0, Double.NaN);
    }

    private static String ark45(double tolerance) {
        return String.format(Locale.ROOT, "ARK45:%.3e", tolerance);
    }

    /**
     * Section 4.2 ({@code conf/paper-sec42.conf}) with {@code scheme = rk4ip} and the KL field at {@code eps = 2^-e}
     * on the paper's mesh, checked to be the problem {@code kl42.xmds} is written for.
     */
    private static ExperimentConfig sectionFourTwo(int e, BenchFft fft) {
        ExperimentConfig cfg = ExperimentFile.load(RunnerBenchmark.CONF, fft.keys("eps=2^-" + e, "scheme=rk4ip",
                "random.sampler=" + Sampler.KARHUNEN_LOEVE.key(), "rte.enabled=false"));
        requireSectionFourTwo(cfg);
        return cfg;
    }

    /** kl42.xmds fixes the box, the time, the wave, {@code m0} and {@code gamma}: a config with others is a misuse. */
    private static void requireSectionFourTwo(ExperimentConfig cfg) {
        boolean same = cfg.L() == 1.625 && cfg.T() == 0.4 && cfg.initial().equals(new WavePacket(256, 0.3, 1.5))
                && cfg.mass().text().trim().equals("1") && cfg.random().gamma() == 0.5;
        if (!same) {
            throw new IllegalStateException(RunnerBenchmark.CONF + " no longer has the values bench/peers/xmds2/"
                    + "kl42.xmds is written for (L = 1.625, T = 0.4, A = 256, x0 = 0.3, p0 = 1.5, m0 = 1, gamma = 1/2)");
        }
    }

    /** {@code p} on the grid {@code m} with step {@code dt} and outputs {@code times}; its plans kept or dropped. */
    private static RandomMassProblem mesh(RandomMassProblem p, int m, double[] times, double dt, boolean keepWisdom) {
        return new RandomMassProblem(p.eps(), p.L(), m, times, dt, p.packet(), p.massFormula(), p.potentialFormula(),
                p.gamma(), p.xi(), p.sampler(), p.covariance(), p.krylov(), p.antithetic(), p.fft(), p.scheme(),
                keepWisdom ? p.wisdom() : null);
    }

    /** The field file of realization 0 of {@link #SEED}, written once per exponent into {@code work}. */
    private static Path fieldFile(RandomMassProblem p, KarhunenLoeveBasis basis, Path work, int e) {
        Path field = work.resolve("kl-field-eps" + e + ".txt");
        if (!Files.exists(field)) {
            writeField(basis, xi(p, basis, SEED, 0), field);
        }
        return field;
    }

    /** Wall seconds of a solve of realization 0 of {@link #SEED}, after warm-up solves of others. */
    private static double secondsPerSolve(RandomMassSolver solver) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - t0 < MIN_NANOS; i++) {
            solver.solve(99, i); // JIT warm-up
        }
        int solves = 0;
        t0 = System.nanoTime();
        while (solves == 0 || System.nanoTime() - t0 < MIN_NANOS) {
            solver.solve(SEED, 0);
            solves++;
        }
        return (System.nanoTime() - t0) * 1e-9 / solves;
    }

    private static double initialMass(PeriodicGrid grid, WavePacket packet, double eps) {
        double[] u = VmseSolver.initialWave(grid, packet, eps);
        double[] rho = new double[grid.M()];
        for (int j = 0; j < rho.length; j++) {
            rho[j] = u[2 * j] * u[2 * j] + u[2 * j + 1] * u[2 * j + 1];
        }
        return ErrorNorms.integral(rho, grid.dx());
    }

    private static double[] last(double[][] densities) {
        return densities[densities.length - 1];
    }

    private static double[] restricted(GridRestriction restriction, double[] fine) {
        double[] coarse = new double[restriction.coarse().M()];
        restriction.restrict(fine, coarse);
        return coarse;
    }

    /** One run of {@code kl.sh}: XMDS2's time per path, the steps it attempted, its densities (early, at T). */
    record Xmds(double seconds, int attempted, double[][] densities) {
    }

    /**
     * {@link #xmds} with one path, repeated over enough identical paths to time it when it is short: then the time is
     * the repetition's, the attempted steps and the densities the single path's (XMDS2 counts steps per path).
     */
    private static Xmds timed(Path script, int e, int m, int steps, Path field, Path work, String algorithm,
                              double length, PrintStream out) throws IOException, InterruptedException {
        Xmds once = xmds(script, e, m, steps, field, work, algorithm, 1, length, out);
        if (once == null || once.seconds() >= SHORT_SECONDS) {
            return once;
        }
        int paths = (int) Math.min(MAX_PATHS, Math.ceil(2 * SHORT_SECONDS / Math.max(once.seconds(), 0.01)));
        Xmds repeated = xmds(script, e, m, steps, field, work, algorithm, paths, length, out);
        return repeated == null ? null : new Xmds(repeated.seconds(), once.attempted(), once.densities());
    }

    /** Runs {@code kl.sh}; {@code null}, with the reason printed, when it fails. */
    private static Xmds xmds(Path script, int e, int m, int steps, Path field, Path work, String algorithm, int paths,
                             double length, PrintStream out) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "kl-sh", ".log");
        Process proc = new ProcessBuilder("bash", script.toString(), Integer.toString(e), Integer.toString(m),
                Integer.toString(steps), field.toString(), work.toString(), algorithm, Integer.toString(paths))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!proc.waitFor(3, TimeUnit.HOURS)) {
            proc.destroyForcibly();
            out.println("  XMDS2 KL peer at 2^-" + e + " (" + algorithm + ") ran past three hours: stopped");
            return null;
        }
        String output = Files.readString(log);
        if (proc.exitValue() != 0) {
            out.println("  XMDS2 KL peer failed at 2^-" + e + " (" + algorithm + "):\n" + output);
            return null;
        }
        try {
            return parse(output, steps, m, length);
        } catch (IllegalArgumentException ex) {
            out.println("  XMDS2 KL peer at 2^-" + e + " (" + algorithm + "): " + ex.getMessage());
            return null;
        }
    }

    /**
     * {@code kl.sh}'s two lines and the densities of the {@code .xsil} the second names.
     *
     * @throws IllegalArgumentException if a line is missing, the early step is not {@link #earlyStep}, or the file
     *                                  does not hold two densities at the grid's points
     */
    static Xmds parse(String output, int steps, int m, double length) throws IOException {
        Matcher seconds = SECONDS.matcher(output);
        Matcher density = DENSITY.matcher(output);
        if (!seconds.find() || !density.find()) {
            throw new IllegalArgumentException("unexpected output of kl.sh:\n" + output);
        }
        if (Integer.parseInt(seconds.group(1)) != earlyStep(steps)) {
            throw new IllegalArgumentException("kl.sh took its early output at step " + seconds.group(1) + ", not "
                    + earlyStep(steps));
        }
        return new Xmds(Double.parseDouble(seconds.group(3)), Integer.parseInt(seconds.group(2)),
                XmdsPeer.densities(Path.of(density.group(1)), 2, m, length));
    }
}
