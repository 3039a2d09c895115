package org.vmse.job.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.StudySpec;
import org.vmse.job.output.Figures;
import org.vmse.job.output.Json;
import org.vmse.job.output.Provenance;
import org.vmse.kernel.analysis.ConvergenceFit;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.vmse.StepListener;

/**
 * {@code Err(eps)} (4.11) over the list {@code study.eps} (Figs. 2b and 4b): one {@link DeterministicRun} per
 * {@code eps} (each written to {@code runs/eps=...}), the local rate between neighbours, and the least-squares
 * rate over {@code [study.fitMin, study.fitMax]} with its standard error. Every {@code eps}'s mesh is checked before
 * the first solve, so bad input fails at once.
 */
public final class ConvergenceStudy {

    private ConvergenceStudy() {
    }

    /**
     * Runs the study and writes {@code study.json}, {@code figures/convergence.png}, {@code figures/densities.png}
     * and {@code runs/} under {@code dir}.
     *
     * @param listeners a progress listener per {@code eps} text
     * @return the contents of {@code study.json}
     */
    public static Map<String, Object> run(ExperimentConfig base, Path dir, Function<String, StepListener> listeners) {
        long start = System.nanoTime();
        StudySpec spec = base.study();
        double[] eps = spec.eps();
        String[] texts = spec.epsText();
        List<ExperimentConfig> configs = new ArrayList<>();
        for (int i = 0; i < eps.length; i++) {
            ExperimentConfig c = base.withEps(eps[i], texts[i]);
            Discretization.of(c, new FormulaMassField(c.mass()));
            configs.add(c);
        }
        double[] err = new double[eps.length];
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Figures.Curve> curves = new ArrayList<>();
        DeterministicRun finest = null;
        for (int i = 0; i < eps.length; i++) {
            long t0 = System.nanoTime();
            DeterministicRun run = DeterministicRun.execute(configs.get(i), listeners.apply(texts[i]));
            double wall = (System.nanoTime() - t0) * 1e-9;
            RunReport.write(run, dir.resolve("runs").resolve("eps=" + texts[i]), wall);
            err[i] = run.finalErrL1();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("eps", eps[i]);
            r.put("eps_text", texts[i]);
            r.put("err_l1", err[i]);
            r.put("M", run.discretization().grid().M());
            r.put("steps", run.discretization().plan().totalSteps());
            r.put("dt", run.discretization().plan().stepLength(0));
            r.put("norm_drift_max", run.vmse().normDriftMax());
            r.put("krylov_iters_mean", run.vmse().statistics().meanKrylovIterations());
            r.put("wall_seconds", wall);
            runs.add(r);
            curves.add(new Figures.Curve("rho_eps, eps = " + texts[i], run.discretization().grid().points(),
                    run.vmse().finalDensity()));
            if (finest == null || eps[i] < finest.config().eps()) {
                finest = run;
            }
        }
        curves.add(new Figures.Curve("rho0 (Liouville)", finest.discretization().grid().points(),
                finest.limit().rho0(finest.config().outputTimes().length - 1)));

        double[] local = ConvergenceFit.localRates(eps, err);
        List<Map<String, Object>> localRates = new ArrayList<>();
        for (int i = 0; i < local.length; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", texts[i]);
            r.put("to", texts[i + 1]);
            r.put("rate", local[i]);
            localRates.add(r);
        }
        ConvergenceFit fit = ConvergenceFit.fit(eps, err, spec.fitMin(), spec.fitMax());
        Map<String, Object> fitMap = new LinkedHashMap<>();
        fitMap.put("rate", fit.rate());
        fitMap.put("rate_std_error", fit.rateStdError());
        fitMap.put("prefactor", Math.exp(fit.logPrefactor()));
        fitMap.put("eps_min", spec.fitMin());
        fitMap.put("eps_max", spec.fitMax());
        fitMap.put("points", fit.points());

        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", base.name());
        study.put("eps", eps);
        study.put("eps_text", texts);
        study.put("err_l1", err);
        study.put("local_rates", localRates);
        study.put("fit", fitMap);
        study.put("paper_rate", 2.0);
        study.put("runs", runs);
        study.put("wall_seconds", (System.nanoTime() - start) * 1e-9);
        study.put("config", Json.parse(base.resolvedJson()));
        study.put("provenance", Provenance.describe(base.fft()));
        Json.write(RunReport.file(dir, "study.json"), study);
        Figures.convergence(RunReport.file(dir, "figures/convergence.png"), base.name() + ": Err(eps) at T = "
                + base.T(), eps, err, fit, spec.fitMin(), spec.fitMax());
        Figures.lines(RunReport.file(dir, "figures/densities.png"), base.name() + ": rho_eps against rho0 at T = "
                + base.T(), "x", "density", curves);
        return study;
    }
}
