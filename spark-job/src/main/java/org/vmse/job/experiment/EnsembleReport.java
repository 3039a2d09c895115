package org.vmse.job.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.RandomSpec;
import org.vmse.job.output.CsvTable;
import org.vmse.job.output.Figures;
import org.vmse.job.output.Json;
import org.vmse.job.output.Provenance;
import org.vmse.kernel.ensemble.LimitComparison;
import org.vmse.kernel.ensemble.MomentsResult;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.rte.RteSolution;

/**
 * Writes an {@link EnsembleRun}: {@code summary.json}, {@code profiles.csv} ({@code x, rho_mean, rho_std, rho_se}
 * at {@code T}, then the same per earlier output time), {@code covariance.csv} (at {@code T} on the strided grid),
 * {@code figures/mean_std.png} (Fig. 8a) and {@code figures/covariance.png} (Fig. 8b). The statistical files depend
 * on {@code (seed, samples)} and the problem only, byte for byte.
 */
public final class EnsembleReport {

    private EnsembleReport() {
    }

    /**
     * The discretization term measured by pairing realizations on {@code dx/2, dt/2}
     * ({@code ensemble.refinedRealizations}), or {@code null} where none were paired.
     */
    private static Map<String, Object> refinedPairs(EnsembleRun run) {
        MomentsResult diff = run.refinedDifference();
        if (diff == null) {
            return null;
        }
        double floor = 0;
        for (double e : diff.standardError(0)) {
            floor += Double.isFinite(e) ? e : 0;
        }
        Map<String, Object> disc = new LinkedHashMap<>();
        disc.put("l1_of_mean_difference", run.refinedTerm());
        disc.put("noise_floor", Math.sqrt(2 / Math.PI) * floor * run.discretization().grid().dx());
        disc.put("realizations", diff.count());
        disc.put("refined_mesh", "dx/2, dt/2");
        return disc;
    }

    public static Map<String, Object> summary(EnsembleRun run, double wallSeconds) {
        ExperimentConfig cfg = run.config();
        RandomSpec r = cfg.random();
        Discretization d = run.discretization();
        Map<String, Object> s = RunReport.problemSummary(cfg, d);
        s.put("samples", cfg.ensemble().samples());
        s.put("samples_used", run.full().count());
        s.put("failed_realizations", run.merged().failed());
        s.put("failures", run.merged().failures().values());
        s.put("seed", cfg.ensemble().seed());
        s.put("gamma", r.gamma());
        s.put("D", r.covariance().D());
        s.put("a", r.covariance().a());
        s.put("b", r.covariance().b());
        s.put("sampler", r.sampler().key());
        s.put("xi", r.xi());
        s.put("antithetic", r.antithetic());
        KarhunenLoeveBasis basis = run.basis();
        if (basis != null) {
            s.put("n_kl", basis.nKL());
            s.put("kl_pairs_kept", basis.pairCount());
            s.put("kl_bound", basis.bound());
            s.put("kl_variance_fraction", basis.varianceFraction());
            s.put("n_time_modes", basis.timeModeCount());
            s.put("n_space_modes", basis.spaceModeCount());
        }
        // the refined pairs' term does not need the limit: reported with or without it
        Map<String, Object> refined = refinedPairs(run);
        if (refined != null) {
            s.put("refined_pairs", refined);
        }
        LimitComparison primary = run.primaryComparison();
        if (primary != null) {
            s.put("rte_initial", run.limit().primaryIsEpsWigner() ? "epsWigner" : "delta");
            s.put("err_l1", primary.errL1());
            s.put("err_l1_se", primary.errL1Se());
            s.put("err_l1_noise_floor", primary.noiseFloor());
            s.put("err_l1_batches", primary.batches());
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("delta", comparison(run.vsDelta()));
            both.put("epsWigner", comparison(run.vsEpsWigner()));
            s.put("err_l1_by_rte_initial", both);
            // which term dominates Err: sampling, the initial data of the limit, the KL truncation, or the rest
            Map<String, Object> budget = new LinkedHashMap<>();
            budget.put("monte_carlo_se", primary.errL1Se());
            budget.put("monte_carlo_noise_floor", primary.noiseFloor());
            budget.put("initial_data", run.vsDelta().errL1() - run.vsEpsWigner().errL1());
            budget.put("kl_variance_left_out", run.basis() == null ? 0.0 : 1 - run.basis().varianceFraction());
            budget.put("remaining_limit_error", Math.max(0, run.vsEpsWigner().errL1() - primary.noiseFloor()));
            budget.put("discretization", refined != null ? refined
                    : "not computed: set ensemble.refinedRealizations (KL sampler)");
            s.put("error_budget", budget);
            Map<String, Object> rte = new LinkedHashMap<>();
            RteSolution p = run.limit().primary();
            int last = p.times().length - 1;
            rte.put("method", p.method());
            rte.put("nx", p.grid().nx());
            rte.put("nk", p.grid().nk());
            rte.put("k_window", new double[] {p.grid().kMin(), p.grid().kMax()});
            rte.put("mass", p.totalMass()[last]);
            rte.put("mass_left_k_window", p.windowLoss()[last]);
            rte.put("scatter_leak_estimate", p.scatterLeak()[last]);
            rte.put("steps", p.steps());
            rte.put("seconds_both_initial_data", run.limit().seconds());
            s.put("rte", rte);
        }
        s.put("mass_min", run.merged().massMinimum());
        s.put("nonpositive_mass_points", run.merged().nonPositivePoints());
        s.put("seconds_per_realization", run.merged().computeSeconds() / Math.max(1, cfg.ensemble().samples()));
        s.put("krylov_iters_mean", run.merged().meanKrylovIterations());
        s.put("fft", run.config().fft().key());
        s.put("scheme", run.config().scheme().key());
        s.put("rk4ip_substeps", run.merged().substeps());
        s.put("partitions", run.partitions());
        s.put("block_size", cfg.ensemble().blockSize());
        s.put("covariance_stride", cfg.ensemble().covarianceStride());
        s.put("master", run.master());
        s.put("spark_seconds", run.sparkSeconds());
        s.put("wall_seconds", wallSeconds);
        s.put("config", Json.parse(cfg.resolvedJson()));
        Map<String, Object> provenance = Provenance.describe(cfg.fft());
        if (run.wisdom() != null) {
            provenance.put("fft_planner", "FFTW_MEASURE, replayed from " + RunCheckpoint.WISDOM + " (sha256 "
                    + run.wisdom().sha256() + ")");
        }
        s.put("provenance", provenance);
        return s;
    }

    public static void write(EnsembleRun run, Path dir, double wallSeconds) {
        Json.write(RunReport.file(dir, "summary.json"), summary(run, wallSeconds));
        MomentsResult m = run.full();
        double[] x = run.discretization().grid().points();
        double[] times = run.config().outputTimes();
        int last = times.length - 1;
        CsvTable csv = new CsvTable().column("x", x).column("rho_mean", m.mean(last))
                .column("rho_std", m.standardDeviation(last)).column("rho_se", m.standardError(last));
        double[] rho0 = run.limit() == null ? null
                : RteLimit.onGrid(run.limit().primary(), last, run.discretization().grid());
        if (rho0 != null) {
            csv.column("rho0", rho0);
        }
        for (int k = 0; k < last; k++) {
            csv.column("rho_mean@t=" + times[k], m.mean(k)).column("rho_std@t=" + times[k],
                    m.standardDeviation(k));
            if (rho0 != null) {
                csv.column("rho0@t=" + times[k], RteLimit.onGrid(run.limit().primary(), k,
                        run.discretization().grid()));
            }
        }
        csv.write(RunReport.file(dir, "profiles.csv"));

        int stride = run.config().ensemble().covarianceStride();
        double[] xs = new double[run.strided().points()];
        for (int p = 0; p < xs.length; p++) {
            xs[p] = x[p * stride];
        }
        double[] cov = run.strided().covariance(last);
        writeMatrix(RunReport.file(dir, "covariance.csv"), xs, cov);
        if (run.wisdom() != null) {
            try {
                Files.writeString(RunReport.file(dir, RunCheckpoint.WISDOM), run.wisdom().text(),
                        StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String used = run.merged().failed() > 0
                ? String.format("%d of %d samples (%d failed, excluded)", m.count(), run.config().ensemble().samples(),
                        run.merged().failed())
                : m.count() + " samples";
        String label = run.config().name() + ", eps = " + run.config().epsText() + ", gamma = "
                + run.config().random().gamma() + ", D = " + run.config().random().covariance().D() + ", " + used;
        List<Figures.Curve> limits = new java.util.ArrayList<>();
        if (run.limit() != null) {
            limits.add(new Figures.Curve(String.format("rho0, RTE from delta (4.17): Err = %.3g \u00b1 %.2g",
                    run.vsDelta().errL1(), run.vsDelta().errL1Se()), x,
                    RteLimit.onGrid(run.limit().delta(), last, run.discretization().grid())));
            limits.add(new Figures.Curve(String.format("rho0, RTE from the eps-Wigner data: Err = %.3g \u00b1 %.2g",
                    run.vsEpsWigner().errL1(), run.vsEpsWigner().errL1Se()), x,
                    RteLimit.onGrid(run.limit().epsWigner(), last, run.discretization().grid())));
        }
        Figures.meanWithBand(RunReport.file(dir, "figures/mean_std.png"), label + ", t = " + times[last], x,
                m.mean(last), m.standardDeviation(last), limits);
        Figures.heatMap(RunReport.file(dir, "figures/covariance.png"), "Cov(rho(x), rho(y)) at t = " + times[last]
                + ", " + label, xs, cov);
    }

    private static Map<String, Object> comparison(LimitComparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("err_l1", c.errL1());
        m.put("err_l1_se", c.errL1Se());
        m.put("err_l1_noise_floor", c.noiseFloor());
        return m;
    }

    /** The covariance as a matrix: a header {@code x,<x_0>,<x_1>,...}, then a row per point. */
    private static void writeMatrix(Path file, double[] xs, double[] c) {
        int n = xs.length;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder("x");
            for (double v : xs) {
                line.append(',').append(v);
            }
            w.write(line.toString());
            w.newLine();
            for (int p = 0; p < n; p++) {
                line.setLength(0);
                line.append(xs[p]);
                for (int q = 0; q < n; q++) {
                    line.append(',').append(c[p * n + q]);
                }
                w.write(line.toString());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
