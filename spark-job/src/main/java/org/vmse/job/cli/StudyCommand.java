package org.vmse.job.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.ConvergenceStudy;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleStudy;
import org.vmse.job.output.Json;
import org.vmse.job.output.Progress;
import org.vmse.job.output.StudyDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run the experiment for every eps in study.eps and measure the rate of Err(eps).",
            "Writes study.json (err_l1 per eps, local rates, fitted rate with its standard error),"
                + " figures/convergence.png, figures/densities.png and runs/eps=.../ (one run each). With a random"
                + " mass (an ensemble study, one series per study.xi): figures/densities_xi=XI.png (the means"
                + " against rho0) and runs/xi=XI_eps=.../."})
final class StudyCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions options;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for an ensemble study")
    String master;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        ExperimentConfig cfg = options.load();
        ResourceEstimate.ofStudy(cfg, master, Discretization::beforePilots).require();
        cfg.fftFallbackNotice().ifPresent(n -> spec.commandLine().getErr().println("vmse: " + n));
        try (StudyDirectory out = StudyDirectory.open(options.outputDirectory(cfg, "-study"), cfg)) {
            if (out.continued()) {
                spec.commandLine().getErr().println("vmse: continuing the study in " + out.path()
                        + " from the runs it finished");
            }
            if (cfg.random().enabled()) {
                Map<String, Object> study = EnsembleStudy.run(cfg, out.path(), master, (label, samples) -> {
                    Progress p = new Progress("vmse study " + cfg.name() + " " + label, "realization", options.quiet,
                            System.err);
                    return done -> p.report(done, samples, "");
                }, spec.commandLine().getErr()::println);
                spec.commandLine().getOut().println(Json.toString(study.get("series")));
                spec.commandLine().getOut().println("results in " + out.path());
                return 0;
            }
            Map<String, Object> study = ConvergenceStudy.run(cfg, out.path(),
                    eps -> new Progress("vmse study " + cfg.name() + " eps=" + eps, options.quiet, System.err));
            var w = spec.commandLine().getOut();
            String[] texts = (String[]) study.get("eps_text");
            double[] err = (double[]) study.get("err_l1");
            w.println("eps        err_l1        local rate");
            List<Map<String, Object>> local = (List<Map<String, Object>>) study.get("local_rates");
            for (int i = 0; i < texts.length; i++) {
                String rate = i == 0 ? "" : String.format("%.3f", (double) local.get(i - 1).get("rate"));
                w.printf("%-10s %-13.6g %s%n", texts[i], err[i], rate);
            }
            Map<String, Object> fit = (Map<String, Object>) study.get("fit");
            w.printf("fitted rate over [%.4g, %.4g]: %.3f +- %.3f (paper: 2)%nresults in %s%n", fit.get("eps_min"),
                    fit.get("eps_max"), fit.get("rate"), fit.get("rate_std_error"), out.path());
        }
        return 0;
    }
}
