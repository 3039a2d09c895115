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
    private static final Pattern SECONDS = Pattern.compile(
            "xmds2 kl eps=2\\^-(\\d+) M=(\\d+) steps=(\\d+) early=(\\d+): ([0-9.eE+-]+) s/realization");
    private static final Pattern DENSITY = Pattern.compile("xmds2 kl density eps=2\\^-(\\d+): (\\S+)");

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

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), Integer.toString(e),
                Integer.toString(m), Integer.toString(steps), field.toString(), work.toString())
                .redirectErrorStream(true);
        Process proc = pb.start();
        String output = new String(proc.getInputStream().readAllBytes());
        if (!proc.waitFor(60, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            out.println("  XMDS2 KL peer failed at 2^-" + e + ":\n" + output);
            return null;
        }
        Matcher seconds = SECONDS.matcher(output);
        Matcher density = DENSITY.matcher(output);
        if (!seconds.find() || !density.find() || Integer.parseInt(seconds.group(4)) != early) {
            out.println("  XMDS2 KL peer: unexpected output at 2^-" + e + ":\n" + output);
            return null;
        }
        double[][] xmds = densities(Path.of(density.group(2)), 2, m, p.L());
        double dx = p.L() / m;
        double[] u0 = VmseSolver.initialWave(solver.grid(), p.packet(), p.eps());
        double mass0 = 0;
        for (int j = 0; j < m; j++) {
            mass0 += u0[2 * j] * u0[2 * j] + u0[2 * j + 1] * u0[2 * j + 1];
        }
        mass0 *= dx;
        double[][] rho = r.densities();
        return new Row(e, m, steps, early, vmseSeconds, Double.parseDouble(seconds.group(5)),
                l1(rho[0], xmds[0], dx), l1(rho[1], xmds[1], dx), dx * sum(rho[1]) - mass0,
                dx * sum(xmds[1]) - mass0);
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
     * The densities of a {@code kl42} run, one per sample time, from its {@code .xsil} (data rows "t x rho", the
     * samples in time order), each row checked to lie at {@code x_j = j length / points}.
     *
     * @throws IllegalArgumentException if it holds another number of rows or other points
     */
    static double[][] densities(Path xsil, int samples, int points, double length) throws IOException {
        double[][] rho = new double[samples][points];
        int n = 0;
        for (String line : Files.readAllLines(xsil)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || !isNumber(f[0]) || !isNumber(f[1])) {
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
