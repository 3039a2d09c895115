package org.vmse.job.bench;

import java.io.PrintStream;
import java.util.ArrayList;
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
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.Sampler;

/**
 * vmse against XMDS2 per realization of Section 4.2, one row per {@code eps}. On the paper's mesh: a real run's work
 * per realization ({@link EnsembleJob#solveRange}: the solves with the exact moments, as a Spark task does them;
 * {@code conf/paper-sec42.conf}, {@code scheme = rk4ip}, the OU and the KL field) beside XMDS2's RK4 in the
 * interaction picture on the same grid and step count (the repository's {@code bench/peers/xmds2/realization42.xmds},
 * a two-mode stand-in field). At equal discretization error: vmse's KL run on its accuracy mesh
 * ({@code mesh.rule = accuracy}, chosen once per {@code eps} by {@link #accuracyMeshes}) beside XMDS2's adaptive
 * ARK45 on the same grid at the largest tolerance whose error meets the same {@code mesh.tolerance}
 * ({@code bench/peers/xmds2/ark45.sh}). All are wall time per realization in the same invocation; ratios above 1
 * mean vmse is faster.
 */
public final class PeerTable {

    /** The table's column heads, aligned with {@link Row#format()}. */
    static final String HEADER = "  eps    M     steps  R    vmse OU s  vmse KL s  XMDS2 s    XMDS2/vmse (OU, KL)  "
            + "acc. M/N    vmse acc. s  ARK45 tol  ARK45 err  ARK45 s    ARK45/vmse acc.";

    private PeerTable() {
    }

    /**
     * The accuracy mesh at one {@code eps}: the experiment with {@code mesh.rule = accuracy} and its chosen mesh.
     *
     * @param config         {@code conf/paper-sec42.conf} with {@code scheme = rk4ip}, the KL field and the rule
     * @param discretization the mesh {@code mesh.rule = accuracy} chose for it
     */
    public record AccurateMesh(ExperimentConfig config, Discretization discretization) {
    }

    /**
     * Chooses the accuracy mesh once per {@code eps} (the choice solves pilots: about 50 s at {@code 2^-10}), for
     * the XMDS2 peer's grids and for {@link #run}.
     */
    public static Map<Integer, AccurateMesh> accuracyMeshes(List<Integer> exponents, BenchFft fft,
                                                            double tolerance) {
        Map<Integer, AccurateMesh> meshes = new TreeMap<>();
        for (int e : exponents) {
            ExperimentConfig cfg = ExperimentFile.load(RunnerBenchmark.CONF, fft.keys("eps=2^-" + e, "scheme=rk4ip",
                    "random.sampler=" + Sampler.KARHUNEN_LOEVE.key(), "rte.enabled=false",
                    "mesh.rule=accuracy", "mesh.tolerance=" + tolerance));
            meshes.put(e, new AccurateMesh(cfg, Discretization.of(cfg, new FormulaMassField(cfg.mass()))));
        }
        return meshes;
    }

    /** The accuracy meshes' grids {@code M} by {@code E}, what the XMDS2 peer's ARK45 runs on. */
    public static Map<Integer, Integer> grids(Map<Integer, AccurateMesh> meshes) {
        Map<Integer, Integer> grids = new TreeMap<>();
        meshes.forEach((e, mesh) -> grids.put(e, mesh.discretization().grid().M()));
        return grids;
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

    /**
     * Prints the table; {@code peer} may be {@code null} (no XMDS2 columns), {@code meshes} holds the accuracy mesh
     * of every exponent.
     */
    public static void run(List<Integer> exponents, int realizations, BenchFft fft,
                           Map<Integer, AccurateMesh> meshes, XmdsPeer peer, PrintStream out) {
        out.printf("Section 4.2 per realization, rk4ip, fft = %s, wall s (vmse: a Spark task's work without Spark,"
                + " realizations 0..R-1 of seed 1 after a warm-up; XMDS2: its simulation time over its paths). Paper's"
                + " mesh: vmse (OU, KL) and XMDS2's RK4IP; accuracy mesh (mesh.rule = accuracy): vmse (KL) and XMDS2's"
                + " ARK45 on the same grid at the largest tolerance whose L1 error against its own reference is within"
                + " mesh.tolerance%n", fft.label());
        out.println(HEADER);
        for (int e : exponents) {
            int r = realizationsAt(e, realizations);
            double[] seconds = new double[2];
            Discretization paper = null;
            for (Sampler sampler : List.of(Sampler.ORNSTEIN_UHLENBECK, Sampler.KARHUNEN_LOEVE)) {
                ExperimentConfig cfg = ExperimentFile.load(RunnerBenchmark.CONF, fft.keys("eps=2^-" + e,
                        "scheme=rk4ip", "random.sampler=" + sampler.key(), "rte.enabled=false"));
                paper = Discretization.of(cfg, new FormulaMassField(cfg.mass()));
                seconds[sampler == Sampler.ORNSTEIN_UHLENBECK ? 0 : 1] = secondsPerRealization(cfg, paper, r);
            }
            AccurateMesh mesh = meshes.get(e);
            Discretization accurate = mesh.discretization();
            out.println(new Row(e, paper.grid().M(), paper.plan().totalSteps(), r, seconds[0], seconds[1],
                    peer == null ? Double.NaN : peer.secondsPerRealization(e), accurate.grid().M(),
                    accurate.plan().totalSteps(), secondsPerRealization(mesh.config(), accurate, r),
                    peer == null ? null : peer.ark45().get(e)).format());
        }
    }

    /** Wall seconds per realization of {@code cfg} on {@code disc}: realizations 0..r-1 of seed 1 after a warm-up. */
    private static double secondsPerRealization(ExperimentConfig cfg, Discretization disc, int r) {
        KarhunenLoeveBasis basis = cfg.random().sampler().needsBasis() ? EnsembleRun.basis(cfg) : null;
        var problem = BenchFft.planned(cfg, EnsembleRun.problem(cfg, disc), basis);
        var spec = cfg.ensemble();
        EnsembleJob.solveRange(new EnsembleWork(problem, basis, 99, 2, 2, 0, spec.covarianceStride(), false,
                spec.batches()), new BlockRange(0, 1)); // JIT warm-up
        EnsembleWork work = new EnsembleWork(problem, basis, 1, r, spec.blockSize(), 0,
                spec.covarianceStride(), false, spec.batches());
        long t0 = System.nanoTime();
        EnsembleJob.solveRange(work, new BlockRange(0, work.blocks()));
        return (System.nanoTime() - t0) * 1e-9 / r;
    }

    /**
     * One row of the table: vmse and XMDS2 at {@code eps = 2^-exponent} on the paper's mesh, then on the accuracy
     * mesh; wall seconds per realization.
     *
     * @param xmds     XMDS2's RK4IP on the paper's mesh, NaN where it did not run
     * @param ark45    XMDS2's ARK45 on the accuracy grid, {@code null} where it did not run
     */
    record Row(int exponent, int m, int steps, int realizations, double vmseOu, double vmseKl, double xmds,
               int accuracyM, int accuracySteps, double vmseAccuracy, XmdsPeer.Ark45 ark45) {

        String format() {
            String ratios = Double.isNaN(xmds) ? "-" : String.format("%.2f, %.2f", xmds / vmseOu, xmds / vmseKl);
            List<String> peer = new ArrayList<>(List.of("-", "-", "-", "-"));
            if (ark45 != null) {
                peer.set(1, String.format("%.1e", ark45.error()));
                if (ark45.reached()) {
                    peer.set(0, String.format("%.0e", ark45.tolerance()));
                    peer.set(2, String.format("%.4f", ark45.secondsPerRealization()));
                    peer.set(3, String.format("%.2f", ark45.secondsPerRealization() / vmseAccuracy));
                } else {
                    peer.set(0, "none");
                }
            }
            return String.format("  2^-%-3d %-5d %-6d %-4d %-10.4f %-10.4f %-10s %-20s %-11s %-12.4f %-10s %-10s"
                    + " %-10s %s", exponent, m, steps, realizations, vmseOu, vmseKl, Double.isNaN(xmds) ? "-"
                            : String.format("%.4f", xmds), ratios, accuracyM + "/" + accuracySteps, vmseAccuracy,
                    peer.get(0), peer.get(1), peer.get(2), peer.get(3));
        }
    }
}
