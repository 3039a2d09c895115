package org.vmse.job.cli;

import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.DeterministicRun;
import org.vmse.job.experiment.EnsembleReport;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.experiment.RunReport;
import org.vmse.job.output.OutputDirectory;
import org.vmse.job.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one experiment. Deterministic mass: the VMSE by Crank-Nicolson, its Liouville limit,",
            "Err (4.11). Random mass (random.enabled = true): the Monte Carlo ensemble on Spark, its mean,",
            "standard deviation and covariance. Writes summary.json, profiles.csv (covariance.csv) and figures/."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions options;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for an ensemble (random.enabled = true); default: spark.master, local[*]")
    String master;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentConfig cfg = options.load();
        ResourceEstimate.ofRun(cfg, master).require();
        cfg.fftFallbackNotice().ifPresent(n -> spec.commandLine().getErr().println("vmse: " + n));
        if (cfg.random().enabled()) {
            return ensemble(cfg);
        }
        try (OutputDirectory out = OutputDirectory.create(options.outputDirectory(cfg, ""))) {
            long t0 = System.nanoTime();
            Progress progress = new Progress("vmse run " + cfg.name() + " eps=" + cfg.epsText(), options.quiet,
                    System.err);
            DeterministicRun run = DeterministicRun.execute(cfg, progress);
            progress.finish();
            RunReport.write(run, out.path(), (System.nanoTime() - t0) * 1e-9);
            out.commit();
            spec.commandLine().getOut().printf("eps = %s  M = %d  steps = %d  err_l1 = %.6g  norm drift = %.2g"
                    + "  krylov iterations/step = %.2f%nresults in %s%n", cfg.epsText(),
                    run.discretization().grid().M(), run.discretization().plan().totalSteps(), run.finalErrL1(),
                    run.vmse().normDriftMax(), run.vmse().statistics().meanKrylovIterations(), out.target());
        }
        return 0;
    }

    private int ensemble(ExperimentConfig cfg) {
        try (OutputDirectory out = OutputDirectory.create(options.outputDirectory(cfg, ""))) {
            long t0 = System.nanoTime();
            Progress progress = new Progress("vmse run " + cfg.name() + " eps=" + cfg.epsText(), "realization",
                    options.quiet, System.err);
            EnsembleRun run = EnsembleRun.execute(cfg, master,
                    done -> progress.report(done, cfg.ensemble().samples(), ""));
            progress.finish();
            EnsembleReport.write(run, out.path(), (System.nanoTime() - t0) * 1e-9);
            out.commit();
            spec.commandLine().getOut().printf("eps = %s  M = %d  samples = %d  failed = %d  mass_min = %.4g"
                    + "  nonpositive mass points = %d  %.4f s/realization on %d partitions%nresults in %s%n",
                    cfg.epsText(), run.discretization().grid().M(), run.full().count(), run.merged().failed(),
                    run.merged().massMinimum(), run.merged().nonPositivePoints(),
                    run.merged().computeSeconds() / cfg.ensemble().samples(), run.partitions(), out.target());
        }
        return 0;
    }
}
