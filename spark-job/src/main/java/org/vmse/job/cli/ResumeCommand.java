package org.vmse.job.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.experiment.EnsembleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an ensemble run that stopped (killed, interrupted, failed).",
            "Reads back the blocks its checkpoint holds, computes only the missing ones and writes the results,"
                + " byte-identical to an undisturbed run. A damaged block is redone; a checkpoint of another"
                + " experiment or code version is refused."})
final class ResumeCommand implements Callable<Integer> {

    @Mixin
    CheckpointOptions run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunCheckpoint checkpoint = run.open(List.of());
        if (checkpoint.finished()) {
            checkpoint.close();
            throw new ConfigurationException(run.out + " holds a finished run; nothing to resume (add realizations"
                    + " with vmse extend " + run.out + " --samples N)");
        }
        EnsembleRun result = run.run(checkpoint, "resume", spec.commandLine().getErr());
        EnsembleSummaryLine.print(spec.commandLine().getOut(), result, checkpoint.location());
        return 0;
    }
}
