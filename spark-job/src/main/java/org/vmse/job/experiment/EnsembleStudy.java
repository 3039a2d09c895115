package org.vmse.job.experiment;

import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.FftwPlanner;
import org.vmse.job.config.StudySpec;
import org.vmse.job.output.Figures;
import org.vmse.job.output.Json;
import org.vmse.job.output.Provenance;
import org.vmse.kernel.analysis.ConvergenceFit;
import org.vmse.kernel.ensemble.LimitComparison;

/**
 * {@code Err(eps)} (4.27) of the ensemble mean against the RTE limit over {@code study.eps}, one series per
 * {@code study.xi} (Fig. 7b): each point with its Monte Carlo standard error and noise floor; points whose error is
 * within two noise floors are flagged and left out of the fit, which is weighted by the standard errors. Writes
 * {@code study.json}, {@code figures/convergence.png} (Fig. 7b), {@code figures/densities_xi=XI.png} (the means for
 * every eps against {@code rho0}, Fig. 7a) and one run directory per point, {@code runs/xi=XI_eps=E/}. With
 * {@code study.targetSe > 0} a point grows in rounds through its checkpoint (the blocks of a run of the final count,
 * so its results are those of that run, bit for bit) until its standard error reaches the target.
 */
public final class EnsembleStudy {

    /** A point is flagged when its {@code err_l1} is below this many noise floors. */
    static final double FLOOR_FACTOR = 2;

    private EnsembleStudy() {
    }

    public static Map<String, Object> run(ExperimentConfig base, Path dir, String master,
                                          BiFunction<String, Integer, LongConsumer> progress, Consumer<String> notes) {
        long start = System.nanoTime();
        if (!base.rte().enabled()) {
            throw new ConfigurationException("an ensemble study measures Err against the RTE limit: set"
                    + " rte.enabled = true");
        }
        double[] eps = base.study().eps();
        String[] texts = base.study().epsText();
        List<Integer> samples = list(base, "study.samples").stream().map(Integer::valueOf).toList();
        if (!samples.isEmpty() && samples.size() != eps.length) {
            throw new ConfigurationException("study.samples has " + samples.size() + " entries but study.eps has "
                    + eps.length + ": give one sample count per eps, or none");
        }
        List<String> xis = list(base, "study.xi");
        if (xis.isEmpty()) {
            xis = List.of(base.random().xi());
        }
        // every configuration is built (and so checked) before the first realization
        List<List<ExperimentConfig>> configs = new ArrayList<>();
        for (String xi : xis) {
            List<ExperimentConfig> row = new ArrayList<>();
            for (int i = 0; i < eps.length; i++) {
                ExperimentConfig c = base.with("random.xi", xi).withEps(eps[i], texts[i]);
                if (!samples.isEmpty()) {
                    c = c.with("samples", samples.get(i));
                }
                row.add(c);
            }
            configs.add(row);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        List<Figures.ErrorSeries> figureSeries = new ArrayList<>();
        for (int s = 0; s < xis.size(); s++) {
            double[] err = new double[eps.length];
            double[] se = new double[eps.length];
            List<Map<String, Object>> points = new ArrayList<>();
            List<Figures.Curve> means = new ArrayList<>();
            Figures.Curve limit = null;
            for (int i = 0; i < eps.length; i++) {
                ExperimentConfig c = configs.get(s).get(i);
                long t0 = System.nanoTime();
                Path pointDir = dir.resolve("runs").resolve("xi=" + xis.get(s) + "_eps=" + texts[i]);
                String label = xis.get(s) + " eps=" + texts[i];
                EnsembleRun run = CheckpointedEnsemble.run(point(pointDir, c), master, progress.apply(label,
                        c.ensemble().samples()), notes);
                List<Integer> rounds = new ArrayList<>(List.of(run.config().ensemble().samples()));
                for (int n = grown(base.study(), run); n > run.config().ensemble().samples();
                     n = grown(base.study(), run)) {
                    // the same blocks as a run of n from the start: the checkpoint keeps the stored ones, and the
                    // round before gives its basis, mesh and limit, which do not depend on n
                    run = CheckpointedEnsemble.run(RunCheckpoint.open(pointDir.toUri(), List.of("samples=" + n),
                            RunCheckpoint.hadoopConfiguration()), master, progress.apply(label, n), notes, run);
                    rounds.add(n);
                }
                double wall = (System.nanoTime() - t0) * 1e-9;
                double[] x = run.discretization().grid().points();
                int last = c.outputTimes().length - 1;
                means.add(new Figures.Curve("E[rho_eps], eps = " + texts[i], x, run.full().mean(last)));
                if (limit == null || x.length > limit.x().length) { // rho0 on the finest grid of the study
                    limit = new Figures.Curve("rho0, RTE (" + (c.rte().epsWigner() ? "eps-Wigner data" : "delta (4.17)")
                            + ")", x, RteLimit.onGrid(run.limit().primary(), last, run.discretization().grid()));
                }
                LimitComparison cmp = run.primaryComparison();
                err[i] = cmp.errL1();
                se[i] = cmp.errL1Se();
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("eps", eps[i]);
                p.put("eps_text", texts[i]);
                p.put("samples", run.full().count());
                p.put("err_l1", err[i]);
                p.put("err_l1_se", se[i]);
                p.put("err_l1_noise_floor", cmp.noiseFloor());
                boolean flagged = err[i] < FLOOR_FACTOR * cmp.noiseFloor();
                p.put("within_noise_floor", flagged);
                discretizationTerm(run, p);
                p.put("wall_seconds", wall);
                if (base.study().adaptive()) {
                    p.put("sample_rounds", rounds);
                }
                points.add(p);
                if (flagged) {
                    se[i] = 0; // left out of the fit
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("xi", xis.get(s));
            entry.put("points", points);
            entry.put("local_rates", ConvergenceFit.localRates(eps, err));
            double[] ses = new double[eps.length];
            for (int i = 0; i < eps.length; i++) {
                ses[i] = ((Number) points.get(i).get("err_l1_se")).doubleValue();
            }
            entry.put("local_rate_std_errors", ConvergenceFit.localRateStdErrors(eps, err, ses));
            ConvergenceFit fit = null;
            try {
                fit = ConvergenceFit.weighted(eps, err, se, base.study().fitMin(), base.study().fitMax());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("rate", fit.rate());
                f.put("rate_std_error", fit.rateStdError());
                f.put("points", fit.points());
                f.put("weights", "(err/se)^2; points within " + FLOOR_FACTOR + " noise floors left out");
                entry.put("fit", f);
            } catch (IllegalArgumentException e) {
                entry.put("fit", "not enough points above the noise floor in [study.fitMin, study.fitMax]: "
                        + e.getMessage());
            }
            series.add(entry);
            double[] bars = new double[eps.length];
            for (int i = 0; i < eps.length; i++) {
                bars[i] = ((Number) points.get(i).get("err_l1_se")).doubleValue();
            }
            figureSeries.add(new Figures.ErrorSeries("xi = " + xis.get(s), eps, err, bars, fit));
            means.add(limit);
            Figures.lines(RunReport.file(dir, "figures/densities_xi=" + xis.get(s) + ".png"), base.name()
                    + ": ensemble means against the RTE limit, xi = " + xis.get(s) + ", T = " + base.T(), "x",
                    "density", means);
        }
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", base.name());
        study.put("series", series);
        study.put("paper_rate", 1.0);
        study.put("wall_seconds", (System.nanoTime() - start) * 1e-9);
        study.put("config", Json.parse(base.resolvedJson()));
        Map<String, Object> provenance = Provenance.describe(base.fft());
        if (base.fftw().planner() == FftwPlanner.MEASURE) {
            provenance.put("fft_planner", "FFTW_MEASURE, each run's own plans (its " + RunCheckpoint.WISDOM + ")");
        }
        study.put("provenance", provenance);
        Json.write(RunReport.file(dir, "study.json"), study);
        Figures.convergenceWithErrors(RunReport.file(dir, "figures/convergence.png"), base.name()
                + ": Err(eps) of the ensemble mean against the RTE, T = " + base.T(), figureSeries);
        return study;
    }

    /**
     * The sample count the next round of an adaptive point runs ({@link SampleGrowth}), or the count {@code run}
     * has where the point is done: {@code study.targetSe} is 0, reached, or {@code study.maxSamples} is.
     */
    /**
     * Beside the point's Monte Carlo standard error, its discretization term: the run's refined pairs' where it has
     * them, else the accuracy mesh's pilots' estimate; nothing where neither was measured.
     */
    private static void discretizationTerm(EnsembleRun run, Map<String, Object> point) {
        if (run.refinedDifference() != null) {
            point.put("discretization_term", run.refinedTerm());
            point.put("discretization_source", "refined pairs (ensemble.refinedRealizations)");
        } else if (run.discretization().estimate() != null) {
            point.put("discretization_term", run.discretization().estimate().error());
            point.put("discretization_source", "pilots (mesh.rule = accuracy)");
        }
    }

    private static int grown(StudySpec study, EnsembleRun run) {
        int n = run.config().ensemble().samples();
        return study.adaptive() ? SampleGrowth.next(n, run.primaryComparison().errL1Se(), study.targetSe(),
                study.maxSamples(), run.config().ensemble().blockSize()) : n;
    }

    /**
     * The checkpoint of one point: a new run, or the one an earlier invocation of the study left at {@code dir}
     * (finished: read back whole; unfinished: resumed), which must be of the same configuration (an adaptive
     * point's sample count apart: it resumes the round it was in).
     */
    private static RunCheckpoint point(Path dir, ExperimentConfig c) {
        RunCheckpoint.clearIfUnstarted(dir.toUri(), RunCheckpoint.hadoopConfiguration());
        if (!Files.exists(dir)) {
            return RunCheckpoint.create(dir.toUri(), c, RunCheckpoint.hadoopConfiguration());
        }
        RunCheckpoint cp = RunCheckpoint.open(dir.toUri(), List.of(), RunCheckpoint.hadoopConfiguration());
        int first = c.ensemble().samples();
        boolean same = c.study().adaptive()
                ? cp.config().with("samples", first).resolvedJson().equals(c.with("samples", first).resolvedJson())
                : cp.config().resolvedJson().equals(c.resolvedJson());
        if (!same) {
            cp.close();
            throw new ConfigurationException("the study's run " + dir + " was made with another configuration;"
                    + " continue the study with the settings that started it, or choose another --out");
        }
        return cp;
    }

    private static List<String> list(ExperimentConfig c, String key) {
        try {
            return c.resolved().getList(key).unwrapped().stream().map(String::valueOf).toList();
        } catch (ConfigException e) {
            throw new ConfigurationException(key + " must be a list: " + e.getMessage(), e);
        }
    }
}
