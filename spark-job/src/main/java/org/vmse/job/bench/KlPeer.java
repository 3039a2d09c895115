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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.VmseSolver;

/**
 * One Karhunen-Loeve realization handed to XMDS2 ({@code bench/peers/xmds2/kl42.xmds}): the field file that model
 * reads, so that XMDS2 solves the very mass vmse solves, and does the same work a vmse realization does.
 *
 * <p>The file lists the basis's space modes ({@code v_j} and the norm of {@code phi_j}), its time roots {@code w_i}
 * and each kept pair {@code (i, j)} with {@code c = D sqrt(lambda_i sigma_j) |psi_i| xi_p}, so that
 * {@code m1(t, x) = sum_p c_p tf_i(t) phi_j(x)}, {@code tf_i} the cosine (odd {@code i}) or sine of
 * {@code w_i (t - T/2)}: the sum (4.20) as {@link org.vmse.kernel.random.KarhunenLoeveField} evaluates it, written
 * with 17 significant digits so that both programs read the same doubles.
 *
 * <p>{@link #run} times realization 0 of seed 1 of {@code conf/paper-sec42.conf} ({@code scheme = rk4ip}, the KL
 * field) on the paper's mesh in both programs, and compares their densities at an early time (before the wave
 * reaches the periodic seam {@code x = 0 = L}, across which the non-periodic KL field jumps) and at {@code T}: vmse
 * solves the conservative form {@code (m u_x)_x} with spectral derivatives, the model the form XMDS2 users write,
 * {@code m u_xx + m_x u_x} with the field's own derivative, which knows nothing of the jump. So the two agree to
 * their discretization errors until the wave meets the seam, and each program's mass change says which form
 * conserves {@code int |u|^2}.
 */
public final class KlPeer {

    /** Realization 0 of this seed is the one both programs solve. */
    static final long SEED = 1;
    /** The early output: this fraction of the steps (rounded), as {@code kl.sh} takes it. */
    static final int EARLY_DIVISOR = 20;
    /** vmse's warm-up, and then its timed solves, take at least this long (and at least two and one solves). */
    private static final long MIN_NANOS = 1_000_000_000L;
    private static final Pattern SECONDS = Pattern.compile("xmds2 kl eps=2\\^-\\d+ M=\\d+ steps=\\d+ early=(\\d+)"
            + " algorithm=\\S+ paths=\\d+ attempted=(\\d+): ([0-9.eE+-]+) s/realization");
    private static final Pattern DENSITY = Pattern.compile(
            "xmds2 kl density eps=2\\^-\\d+ M=\\d+ algorithm=\\S+: (\\S+)");
    /** ARK45's tolerances, loosest first, as {@code ark45.sh} tries them. */
    private static final double[] ARK45_TOLERANCES = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
    /** The references' steps per step of the paper's mesh, as {@link StandInBenchmark} and {@code ark45.sh} take. */
    private static final int REFERENCE_FACTOR = StandInBenchmark.REFERENCE_FACTOR;
    /** XMDS2 prints its time to 0.01 s: a run shorter than this is repeated over paths. */
    private static final double SHORT_SECONDS = 0.5;

    private KlPeer() {
    }

    /**
     * One realization in both programs at {@code eps = 2^-exponent}.
     *
     * @param early           the step of the early output ({@code steps / 20}, rounded)
     * @param vmseSeconds     vmse's wall time of one solve (both outputs), after warm-up solves
     * @param xmdsSeconds     XMDS2's simulation time (without its compile)
     * @param earlyL1         {@code dx sum |rho_vmse - rho_XMDS2|} at the early output
     * @param finalL1         the same at {@code T}
     * @param vmseMassChange  {@code int |u|^2} at {@code T} less at 0, vmse
     * @param xmdsMassChange  the same for XMDS2 (its initial mass is vmse's: the same wave on the same grid)
     */
    public record Row(int exponent, int m, int steps, int early, double vmseSeconds, double xmdsSeconds,
                      double earlyL1, double finalL1, double vmseMassChange, double xmdsMassChange) {

        static final String HEADER = "  eps    M     steps  vmse s     XMDS2 s    XMDS2/vmse  early step  L1 early   "
                + "L1 at T    mass change vmse  mass change XMDS2";

        String format() {
            return String.format(Locale.ROOT, "  2^-%-3d %-5d %-6d %-10.4f %-10.3f %-11.1f %-11d %-10.1e %-10.1e"
                    + " %-17.1e %.1e", exponent, m, steps, vmseSeconds, xmdsSeconds, xmdsSeconds / vmseSeconds,
                    early, earlyL1, finalL1, vmseMassChange, xmdsMassChange);
        }
    }

    /**
     * Runs both programs at each exponent and prints the table, or why XMDS2 could not run.
     *
     * @param script the repository's {@code bench/peers/xmds2/kl.sh}
     */
    public static List<Row> run(List<Integer> exponents, int refine, BenchFft fft, Path script, PrintStream out) {
        if (refine < 1) {
            throw new IllegalArgumentException("the refinement must be at least 1, got " + refine);
        }
        out.printf("XMDS2 solving the same KL realization (bench/peers/xmds2/kl42.xmds, realization 0 of seed %d,"
                + " the field file written by vmse; XMDS2 sums the field mode by mode, as its users write it). %s,"
                + " rk4ip, fft = %s; vmse: bare solves after warm-up ones; XMDS2: its simulation time."
                + " L1: dx sum |rho_vmse - rho_XMDS2| at the early step and at T = 0.4%n", SEED, refine == 1
                        ? "Paper's mesh" : "The paper's mesh refined: " + refine + "M, " + refine * refine
                        + " times the steps (explicit RK4 needs dt ~ dx^2)", refine == 1 ? fft.label()
                        : fft.backend().key() + " (estimated plans: the measured ones are for M)");
        List<Row> rows = new ArrayList<>();
        try {
            Process which = new ProcessBuilder("sh", "-c", "command -v xmds2").start();
            if (which.waitFor() != 0) {
                out.println("  xmds2 is not installed (apt-get install -y xmds2): not run");
                return rows;
            }
            Path work = Files.createTempDirectory("vmse-xmds2-kl");
            out.println(Row.HEADER);
            for (int e : exponents) {
                Row row = row(e, refine, fft, script, work, out);
                if (row == null) {
                    break;
                }
                rows.add(row);
                out.println(row.format());
            }
            out.println("  (models, logs, field files and .xsil densities in " + work + ")");
        } catch (IOException e) {
            out.println("  XMDS2 KL peer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rows;
    }

    private static Row row(int e, int refine, BenchFft fft, Path script, Path work, PrintStream out)
            throws IOException, InterruptedException {
        ExperimentConfig cfg = ExperimentFile.load(RunnerBenchmark.CONF, fft.keys("eps=2^-" + e, "scheme=rk4ip",
                "random.sampler=" + Sampler.KARHUNEN_LOEVE.key(), "rte.enabled=false"));
        Discretization paper = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        RandomMassProblem p = EnsembleRun.problem(cfg, paper);
        if (refine == 1) {
            p = BenchFft.planned(cfg, p, basis);
        }
        int m = refine * p.M();
        int steps = refine * refine * paper.plan().totalSteps();
        int early = Math.round((float) steps / EARLY_DIVISOR);
        double end = p.outputTimes()[p.outputTimes().length - 1];
        double dt = end / steps;
        RandomMassProblem twoTimes = new RandomMassProblem(p.eps(), p.L(), m, new double[] {early * dt, end}, dt,
                p.packet(), p.massFormula(), p.potentialFormula(), p.gamma(), p.xi(), p.sampler(), p.covariance(),
                p.krylov(), p.antithetic(), p.fft(), p.scheme(), p.wisdom());
        Path field = work.resolve("kl-field-eps" + e + ".txt");
        writeField(basis, xi(twoTimes, basis, SEED, 0), field);

        RandomMassSolver solver = RandomMassSolver.of(twoTimes, basis);
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - t0 < MIN_NANOS; i++) {
            solver.solve(99, i); // JIT warm-up
        }
        RealizationResult r = null;
        int solves = 0;
        t0 = System.nanoTime();
        while (solves == 0 || System.nanoTime() - t0 < MIN_NANOS) {
            r = solver.solve(SEED, 0);
            solves++;
        }
        double vmseSeconds = (System.nanoTime() - t0) * 1e-9 / solves;

        Xmds xmds2 = xmds(script, e, m, steps, field, work, "RK4", e <= 6 ? 20 : 1, p.L(), out);
        if (xmds2 == null) {
            return null;
        }
        double[][] xmds = xmds2.densities();
        double dx = p.L() / m;
        double[] u0 = VmseSolver.initialWave(solver.grid(), p.packet(), p.eps());
        double mass0 = 0;
        for (int j = 0; j < m; j++) {
            mass0 += u0[2 * j] * u0[2 * j] + u0[2 * j + 1] * u0[2 * j + 1];
        }
        mass0 *= dx;
        double[][] rho = r.densities();
        return new Row(e, m, steps, early, vmseSeconds, xmds2.seconds(),
                l1(rho[0], xmds[0], dx), l1(rho[1], xmds[1], dx), dx * sum(rho[1]) - mass0,
                dx * sum(xmds[1]) - mass0);
    }

    /** One run of {@code kl.sh}: XMDS2's time per path, the steps it attempted, its densities (early, at T). */
    private record Xmds(double seconds, int attempted, double[][] densities) {
    }

    /** Runs {@code kl.sh}; {@code null}, with the reason printed, when it fails. */
    private static Xmds xmds(Path script, int e, int m, int steps, Path field, Path work, String algorithm, int paths,
                             double length, PrintStream out) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("bash", script.toString(), Integer.toString(e), Integer.toString(m),
                Integer.toString(steps), field.toString(), work.toString(), algorithm, Integer.toString(paths))
                .redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes());
        if (!proc.waitFor(60, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            out.println("  XMDS2 KL peer failed at 2^-" + e + " (" + algorithm + "):\n" + output);
            return null;
        }
        Matcher seconds = SECONDS.matcher(output);
        Matcher density = DENSITY.matcher(output);
        if (!seconds.find() || !density.find()
                || Integer.parseInt(seconds.group(1)) != Math.round((float) steps / EARLY_DIVISOR)) {
            out.println("  XMDS2 KL peer: unexpected output at 2^-" + e + ":\n" + output);
            return null;
        }
        return new Xmds(Double.parseDouble(seconds.group(3)), Integer.parseInt(seconds.group(2)),
                densities(Path.of(density.group(1)), 2, m, length));
    }

    /**
     * vmse on its accuracy mesh against XMDS2's ARK45, both on the KL realization of {@link #run}, at equal
     * discretization error.
     *
     * @param steps        vmse's step count
     * @param vmseError    L1 error of vmse's final density against vmse's reference (RK4IP on {@code 2M} with
     *                     {@value #REFERENCE_FACTOR} times the paper's steps)
     * @param tolerance    ARK45's tolerance, the loosest of the ladder whose error is within the target; NaN if none
     * @param xmdsError    L1 error of ARK45's final density against XMDS2's reference (RK4, the same mesh as vmse's);
     *                     the smallest seen where no tolerance met the target
     * @param attempted    the steps ARK45 attempted
     */
    public record Ark45Row(int exponent, int m, int steps, double vmseError, double vmseSeconds, double tolerance,
                           double xmdsError, int attempted, double xmdsSeconds) {

        static final String HEADER = "  eps    M     vmse N  vmse err   vmse s     ARK45 tol  ARK45 err  ARK45 steps"
                + "  ARK45 s    ARK45/vmse";

        String format() {
            boolean reached = !Double.isNaN(tolerance);
            return String.format(Locale.ROOT, "  2^-%-3d %-5d %-7d %-10.1e %-10.4f %-10s %-10.1e %-12s %-10s %s",
                    exponent, m, steps, vmseError, vmseSeconds, reached ? String.format(Locale.ROOT, "%.0e",
                            tolerance) : "none", xmdsError, reached ? Integer.toString(attempted) : "-",
                    reached ? String.format(Locale.ROOT, "%.4f", xmdsSeconds) : "-",
                    reached ? String.format(Locale.ROOT, "%.1f", xmdsSeconds / vmseSeconds) : "-");
        }
    }

    /**
     * At each exponent with an accuracy mesh in {@code meshes}: vmse's KL realization on that mesh, and XMDS2's
     * adaptive ARK45 on its grid at the loosest tolerance whose error against XMDS2's own reference is within
     * {@code target}; each error measured against the program's own reference, since the two programs' equations
     * differ at the periodic seam (see {@link #run}).
     */
    public static List<Ark45Row> runArk45(List<Integer> exponents, Map<Integer, PeerTable.AccurateMesh> meshes,
                                          double target, BenchFft fft, Path script, PrintStream out) {
        out.printf(Locale.ROOT, "XMDS2's ARK45 on the same KL realization at equal discretization error: vmse on its"
                + " accuracy mesh (fft = %s), ARK45 on the same grid at the loosest tolerance of %s whose L1 error"
                + " against XMDS2's reference is within %.0e; each error against the program's own reference (RK4 in"
                + " the interaction picture on 2M with %d times the paper's steps)%n", fft.label(),
                "1e-1 .. 1e-9", target, REFERENCE_FACTOR);
        List<Ark45Row> rows = new ArrayList<>();
        try {
            Process which = new ProcessBuilder("sh", "-c", "command -v xmds2").start();
            if (which.waitFor() != 0) {
                out.println("  xmds2 is not installed (apt-get install -y xmds2): not run");
                return rows;
            }
            Path work = Files.createTempDirectory("vmse-xmds2-kl-ark45");
            out.println(Ark45Row.HEADER);
            for (int e : exponents) {
                PeerTable.AccurateMesh mesh = meshes.get(e);
                if (mesh == null) {
                    out.printf("  2^-%-3d (no accuracy mesh: give %d to --eps as well)%n", e, e);
                    continue;
                }
                Ark45Row row = ark45Row(e, mesh, target, script, work, out);
                if (row == null) {
                    break;
                }
                rows.add(row);
                out.println(row.format());
            }
            out.println("  (models, logs, field files and .xsil densities in " + work + ")");
        } catch (IOException e) {
            out.println("  XMDS2 KL peer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rows;
    }

    private static Ark45Row ark45Row(int e, PeerTable.AccurateMesh mesh, double target, Path script, Path work,
                                     PrintStream out) throws IOException, InterruptedException {
        ExperimentConfig cfg = mesh.config();
        Discretization disc = mesh.discretization();
        KarhunenLoeveBasis basis = EnsembleRun.basis(cfg);
        RandomMassProblem p = BenchFft.planned(cfg, EnsembleRun.problem(cfg, disc), basis);
        ExperimentConfig paperCfg = ExperimentFile.load(RunnerBenchmark.CONF, List.of("eps=2^-" + e,
                "scheme=rk4ip", "random.sampler=" + Sampler.KARHUNEN_LOEVE.key(), "rte.enabled=false"));
        int paperSteps = Discretization.of(paperCfg, new FormulaMassField(paperCfg.mass())).plan().totalSteps();
        int m = p.M();
        double end = p.outputTimes()[p.outputTimes().length - 1];
        Path field = work.resolve("kl-field-eps" + e + ".txt");
        writeField(basis, xi(p, basis, SEED, 0), field);

        RandomMassSolver solver = RandomMassSolver.of(p, basis);
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - t0 < MIN_NANOS; i++) {
            solver.solve(99, i); // JIT warm-up
        }
        RealizationResult r = null;
        int solves = 0;
        t0 = System.nanoTime();
        while (solves == 0 || System.nanoTime() - t0 < MIN_NANOS) {
            r = solver.solve(SEED, 0);
            solves++;
        }
        double vmseSeconds = (System.nanoTime() - t0) * 1e-9 / solves;
        int refSteps = REFERENCE_FACTOR * paperSteps;
        RandomMassProblem fine = new RandomMassProblem(p.eps(), p.L(), 2 * m, new double[] {end}, end / refSteps,
                p.packet(), p.massFormula(), p.potentialFormula(), p.gamma(), p.xi(), p.sampler(), p.covariance(),
                p.krylov(), p.antithetic(), p.fft(), p.scheme(), null);
        double[][] vmseRef = RandomMassSolver.of(fine, basis).solve(SEED, 0).densities();
        double dx = p.L() / m;
        double[] vmseFinal = r.densities()[r.densities().length - 1];
        double vmseError = l1(vmseFinal, evenPoints(vmseRef[vmseRef.length - 1]), dx);

        Xmds reference = xmds(script, e, 2 * m, refSteps, field, work, "RK4", 1, p.L(), out);
        if (reference == null) {
            return null;
        }
        double[] xmdsRef = evenPoints(reference.densities()[1]);
        double best = Double.POSITIVE_INFINITY;
        for (double tol : ARK45_TOLERANCES) {
            String algorithm = String.format(Locale.ROOT, "ARK45:%.0e", tol);
            Xmds run = xmds(script, e, m, paperSteps, field, work, algorithm, 1, p.L(), out);
            if (run == null) {
                return null;
            }
            double error = l1(run.densities()[1], xmdsRef, dx);
            best = Math.min(best, error);
            if (error <= target) {
                if (run.seconds() < SHORT_SECONDS) {
                    int paths = (int) Math.min(50, Math.ceil(2 * SHORT_SECONDS / Math.max(run.seconds(), 0.01)));
                    Xmds timed = xmds(script, e, m, paperSteps, field, work, algorithm, paths, p.L(), out);
                    if (timed == null) {
                        return null;
                    }
                    run = new Xmds(timed.seconds(), run.attempted(), run.densities());
                }
                return new Ark45Row(e, m, (int) r.steps(), vmseError, vmseSeconds, tol, error, run.attempted(),
                        run.seconds());
            }
        }
        return new Ark45Row(e, m, (int) r.steps(), vmseError, vmseSeconds, Double.NaN, best, 0, Double.NaN);
    }

    /** The points {@code x_{2j}} of a grid of {@code 2M}: the grid {@code M}'s points. */
    private static double[] evenPoints(double[] fine) {
        double[] coarse = new double[fine.length / 2];
        for (int j = 0; j < coarse.length; j++) {
            coarse[j] = fine[2 * j];
        }
        return coarse;
    }

    private static double l1(double[] a, double[] b, double dx) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.abs(a[j] - b[j]);
        }
        return dx * s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /**
     * The densities of a {@code kl42} run, one per sample time, from its {@code .xsil} (data rows "t x rho", or
     * "t x mean_rho stderr_rho" over several paths, the samples in time order), each row checked to lie at
     * {@code x_j = j length / points}.
     *
     * @throws IllegalArgumentException if it holds another number of rows or other points
     */
    static double[][] densities(Path xsil, int samples, int points, double length) throws IOException {
        double[][] rho = new double[samples][points];
        int n = 0;
        for (String line : Files.readAllLines(xsil)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 && f.length != 4 || !isNumber(f[0]) || !isNumber(f[1])) {
                continue;
            }
            if (!isNumber(f[2])) {
                throw new IllegalArgumentException(xsil + ": row " + n + " has rho = " + f[2]
                        + ": XMDS2's solve did not stay finite");
            }
            if (n == samples * points) {
                throw new IllegalArgumentException(xsil + ": more than " + samples * points + " data rows");
            }
            int j = n % points;
            double x = Double.parseDouble(f[1]);
            if (!(Math.abs(x - j * length / points) <= 1e-9 * length)) {
                throw new IllegalArgumentException(xsil + ": row " + n + " is at x = " + x + ", not "
                        + j * length / points);
            }
            rho[n / points][j] = Double.parseDouble(f[2]);
            n++;
        }
        if (n != samples * points) {
            throw new IllegalArgumentException(xsil + ": " + n + " data rows, expected " + samples * points);
        }
        return rho;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
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
}
