package org.vmse.job.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.spark.BlockRange;
import org.vmse.job.spark.EnsembleAccumulation;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.job.spark.SparkContexts;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.Sampler;

/**
 * A real run's cost per realization beside the bare solve it wraps, in the same JVM and interleaved:
 * {@code conf/paper-sec42.conf} with {@code scheme = rk4ip} (the RTE off) built as {@code vmse run} builds it, then
 * per round
 * <ul>
 *   <li><b>bare</b>: {@link RandomMassSolver#solve} in a loop, nothing kept;</li>
 *   <li><b>task</b>: one Spark task's work without Spark ({@link EnsembleJob#solveRange}: the solves and their
 *       exact moments with covariance, batches and statistics);</li>
 *   <li><b>run</b>: the ensemble through Spark {@code local[1]} ({@link EnsembleJob#run}, the partitions of a real
 *       run), as {@code seconds_per_realization} of {@code summary.json} (executor time per realization) and as
 *       wall time per realization.</li>
 * </ul>
 * Medians over the rounds, with the spread {@code (max - min) / median}. Beside wall time: CPU time (the calling
 * thread's for bare and task, the whole process's for the run: driver, Spark's threads, GC and JIT included), which
 * other processes on a shared machine inflate far less, and bytes allocated per realization by the calling thread
 * (bare and task), a count that timing noise does not blur.
 */
public final class RunnerBenchmark {

    static final Path CONF = Path.of("conf", "paper-sec42.conf");
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RunnerBenchmark() {
    }

    /**
     * @param exponents    {@code eps = 2^-e}
     * @param realizations per measurement
     * @param rounds       interleaved rounds of bare, task and run
     * @param fft          the FFT backend and FFTW's planner
     */
    public static void run(List<Integer> exponents, int realizations, int rounds, BenchFft fft, PrintStream out) {
        if (!Files.isRegularFile(CONF)) {
            out.println("runner: " + CONF + " not found (run from the repository root)");
            return;
        }
        out.printf("vmse bench --ensemble --runner: %s, scheme = rk4ip, fft = %s, rte off, %d realizations per"
                + " measurement, %d interleaved rounds (median, spread = (max - min) / median)%n", CONF, fft.label(),
                realizations, rounds);
        out.println("  eps    M     sampler  bare s/real.    task s/real.    run s/real. (summary)  run wall s/real."
                + "  run/bare  task/bare | CPU s/real.: bare  task            run (process)   run/bare  task/bare"
                + " | B/real.: bare  task");
        JavaSparkContext sc = SparkContexts.start("local[1]", "vmse bench runner");
        try {
            for (int e : exponents) {
                for (Sampler sampler : Sampler.values()) {
                    row(sc, e, sampler, realizations, rounds, fft, out);
                }
            }
        } finally {
            sc.stop();
        }
    }

    private static void row(JavaSparkContext sc, int exponent, Sampler sampler, int realizations, int rounds,
                            BenchFft fft, PrintStream out) {
        ExperimentConfig cfg = ExperimentFile.load(CONF, fft.keys("eps=2^-" + exponent, "scheme=rk4ip",
                "random.sampler=" + sampler.key(), "rte.enabled=false", "samples=" + realizations));
        Discretization disc = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
        KarhunenLoeveBasis basis = sampler.needsBasis() ? EnsembleRun.basis(cfg) : null;
        RandomMassProblem problem = BenchFft.planned(cfg, EnsembleRun.problem(cfg, disc), basis);
        var spec = cfg.ensemble();
        EnsembleWork work = new EnsembleWork(problem, basis, spec.seed(), realizations, spec.blockSize(),
                spec.partitions(), spec.covarianceStride(), spec.excludeFailures(), spec.batches());
        BlockRange all = new BlockRange(0, work.blocks());
        // JIT warm-up of every path
        bare(work, Math.max(2, realizations / 4));
        EnsembleJob.solveRange(new EnsembleWork(problem, basis, spec.seed() + 1, Math.max(2, realizations / 4),
                spec.blockSize(), 0, spec.covarianceStride(), false, spec.batches()), new BlockRange(0, 1));
        double[] bare = new double[rounds];
        double[] task = new double[rounds];
        double[] summary = new double[rounds];
        double[] wall = new double[rounds];
        double[] bareCpu = new double[rounds];
        double[] taskCpu = new double[rounds];
        double[] runCpu = new double[rounds];
        long bareBytes = 0;
        long taskBytes = 0;
        for (int r = 0; r < rounds; r++) {
            long a0 = allocated();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            bare(work, realizations);
            bare[r] = (System.nanoTime() - t0) * 1e-9 / realizations;
            long c1 = THREADS.getCurrentThreadCpuTime();
            long a1 = allocated();
            t0 = System.nanoTime();
            EnsembleJob.solveRange(work, all);
            task[r] = (System.nanoTime() - t0) * 1e-9 / realizations;
            long c2 = THREADS.getCurrentThreadCpuTime();
            long a2 = allocated();
            bareCpu[r] = (c1 - c0) * 1e-9 / realizations;
            taskCpu[r] = (c2 - c1) * 1e-9 / realizations;
            bareBytes = (a1 - a0) / realizations;
            taskBytes = (a2 - a1) / realizations;
            long p0 = PROCESS.getProcessCpuTime();
            t0 = System.nanoTime();
            EnsembleAccumulation acc = EnsembleJob.run(sc, work, done -> { });
            wall[r] = (System.nanoTime() - t0) * 1e-9 / realizations;
            runCpu[r] = (PROCESS.getProcessCpuTime() - p0) * 1e-9 / realizations;
            summary[r] = acc.computeSeconds() / realizations;
        }
        double b = median(bare);
        double bc = median(bareCpu);
        out.printf("  2^-%-3d %-5d %-8s %-15s %-15s %-22s %-17s %-9.3f %-9.3f | %-19s %-15s %-15s %-9.3f %-9.3f |"
                + " %-13d %d%n", exponent, problem.M(), sampler.key(), cell(bare), cell(task), cell(summary),
                cell(wall), median(summary) / b, median(task) / b, cell(bareCpu), cell(taskCpu), cell(runCpu),
                median(runCpu) / bc, median(taskCpu) / bc, bareBytes, taskBytes);
    }

    /** Realizations {@code 0..n-1} of {@code work}, solved and dropped. */
    private static void bare(EnsembleWork work, int n) {
        RandomMassSolver solver = RandomMassSolver.of(work.problem(), work.basis());
        for (int i = 0; i < n; i++) {
            solver.solve(work.seed(), i);
        }
    }

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static String cell(double[] v) {
        double m = median(v);
        double spread = (Arrays.stream(v).max().orElse(0) - Arrays.stream(v).min().orElse(0)) / m;
        return String.format("%.4f (%2.0f%%)", m, 100 * spread);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
