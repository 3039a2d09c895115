package org.vmse.job.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "extend", mixinStandardHelpOptions = true,
        description = {"Add realizations to a finished ensemble run.",
            "Computes realizations N..N2-1 (and redoes a last block that was partial) and rewrites the results:"
                + " exactly what one run of N2 samples would have given."})
final class ExtendCommand implements Callable<Integer> {

    @Mixin
    CheckpointOptions run;

    @Option(names = "--samples", paramLabel = "N2", required = true,
            description = "the new number of realizations, more than the run has")
    int samples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunCheckpoint checkpoint = run.open(List.of("samples=" + samples));
        try {
            if (!checkpoint.finished()) {
                throw new ConfigurationException(run.out + " holds an unfinished run: finish it first with vmse"
                        + " resume " + run.out);
            }
            ResourceEstimate.ofRun(checkpoint.config(), run.master, Discretization::beforePilots).require();
            long had = checkpoint.storedRealizations();
            if (!(samples > had)) {
                throw new ConfigurationException("--samples " + samples + " must exceed the " + had
                        + " realizations the run has");
            }
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
        EnsembleRun result = run.run(checkpoint, "extend", spec.commandLine().getErr());
        EnsembleSummaryLine.print(spec.commandLine().getOut(), result, checkpoint.location());
        return 0;
    }
}
