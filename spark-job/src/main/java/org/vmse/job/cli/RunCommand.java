package org.vmse.job.cli;

import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.CheckpointedEnsemble;
import org.vmse.job.experiment.DeterministicRun;
import org.vmse.job.experiment.Discretization;
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
        description = {"Run one experiment and write its results and figures.",
            "Deterministic mass: the VMSE by the chosen scheme (Crank-Nicolson or RK4IP), its Liouville limit and"
                + " Err (4.11). Random mass"
                + " (random.enabled = true): the Monte Carlo ensemble on Spark, its mean, standard deviation and"
                + " covariance. Writes summary.json, profiles.csv (covariance.csv) and figures/."})
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
        ResourceEstimate.ofRun(cfg, master, Discretization::beforePilots).require();
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
        RunCheckpoint checkpoint = RunCheckpoint.create(options.outputUri(cfg, ""), cfg,
                RunCheckpoint.hadoopConfiguration());
        Progress progress = new Progress("vmse run " + cfg.name() + " eps=" + cfg.epsText(), "realization",
                options.quiet, System.err);
        EnsembleRun run = CheckpointedEnsemble.run(checkpoint, master,
                done -> progress.report(done, cfg.ensemble().samples(), ""), spec.commandLine().getErr()::println);
        progress.finish();
        EnsembleSummaryLine.print(spec.commandLine().getOut(), run, checkpoint.location());
        return 0;
    }
}
