package org.vmse.job.cli;

import java.util.concurrent.Callable;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.experiment.DeterministicRun;
import org.vmse.job.experiment.RunReport;
import org.vmse.job.output.OutputDirectory;
import org.vmse.job.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one experiment: the VMSE by Crank-Nicolson, its Liouville limit, Err (4.11).",
            "Writes summary.json, profiles.csv and figures/*.png to the output directory."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentConfig cfg = options.load();
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
}
