package org.vmse.job.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.spark.BlockRange;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.Sampler;

/**
 * vmse against XMDS2 per realization of Section 4.2 on the paper's mesh, one row per {@code eps}: a real run's work
 * per realization ({@link EnsembleJob#solveRange}: the solves with the exact moments, as a Spark task does them;
 * {@code conf/paper-sec42.conf}, {@code scheme = rk4ip}, the OU and the KL field) beside XMDS2's RK4 in the
 * interaction picture on the same grid and step count (the repository's {@code bench/peers/xmds2/realization42.xmds},
 * a two-mode stand-in field). Both are wall time per realization in the same invocation; ratios above 1 mean vmse is
 * faster.
 */
public final class PeerTable {

    private PeerTable() {
    }

    /**
     * Realizations timed at {@code eps = 2^-exponent}: {@code realizations} at {@code 2^-6} and above, halved for each
     * halving of {@code eps} below it (a realization there costs 4-5 times as much), at least 2.
     */
    public static int realizationsAt(int exponent, int realizations) {
        return Math.max(2, exponent <= 6 ? realizations : realizations >> (exponent - 6));
    }

    /** The peer's paths per {@code eps}: as many as vmse's realizations there, 201 (its default) at {@code 2^-6}. */
    public static Map<Integer, Integer> peerPaths(List<Integer> exponents, int realizations) {
        Map<Integer, Integer> paths = new TreeMap<>();
        for (int e : exponents) {
            paths.put(e, e == 6 ? 201 : realizationsAt(e, realizations));
        }
        return paths;
    }

    /** Prints the table; {@code peer} may be {@code null} (no ratios). */
    public static void run(List<Integer> exponents, int realizations, FftBackend fft, XmdsPeer peer,
                           PrintStream out) {
        out.printf("Section 4.2 per realization on the paper's mesh, rk4ip, fft = %s, wall s (vmse: a Spark task's work"
                + " without Spark, realizations 0..R-1 of seed 1 after a warm-up; XMDS2: its simulation time over its"
                + " paths)%n", fft.key());
        out.println("  eps    M     steps  R    vmse OU s  vmse KL s  XMDS2 s    XMDS2/vmse (OU, KL)");
        for (int e : exponents) {
            int r = realizationsAt(e, realizations);
            RandomMassProblem problem = null;
            double[] seconds = new double[2];
            for (Sampler sampler : List.of(Sampler.ORNSTEIN_UHLENBECK, Sampler.KARHUNEN_LOEVE)) {
                ExperimentConfig cfg = ExperimentFile.load(RunnerBenchmark.CONF, List.of("eps=2^-" + e,
                        "scheme=rk4ip", "fft=" + fft.key(), "random.sampler=" + sampler.key(), "rte.enabled=false"));
                Discretization disc = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
                problem = EnsembleRun.problem(cfg, disc);
                KarhunenLoeveBasis basis = sampler.needsBasis() ? EnsembleRun.basis(cfg) : null;
                var spec = cfg.ensemble();
                EnsembleJob.solveRange(new EnsembleWork(problem, basis, 99, 2, 2, 0, spec.covarianceStride(), false,
                        spec.batches()), new BlockRange(0, 1)); // JIT warm-up
                EnsembleWork work = new EnsembleWork(problem, basis, 1, r, spec.blockSize(), 0,
                        spec.covarianceStride(), false, spec.batches());
                long t0 = System.nanoTime();
                EnsembleJob.solveRange(work, new BlockRange(0, work.blocks()));
                seconds[sampler == Sampler.ORNSTEIN_UHLENBECK ? 0 : 1] = (System.nanoTime() - t0) * 1e-9 / r;
            }
            double x = peer == null ? Double.NaN : peer.secondsPerRealization(e);
            String ratios = Double.isNaN(x) ? "-" : String.format("%.2f, %.2f", x / seconds[0], x / seconds[1]);
            out.printf("  2^-%-3d %-5d %-6d %-4d %-10.4f %-10.4f %-10s %s%n", e, problem.M(),
                    problem.timePlan().totalSteps(), r, seconds[0], seconds[1],
                    Double.isNaN(x) ? "-" : String.format("%.4f", x), ratios);
        }
    }
}
