package org.vmse.job.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.experiment.CheckpointedEnsemble;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an ensemble run that stopped (killed, interrupted, failed).",
            "Reads back the blocks its checkpoint holds, computes only the missing ones and writes the results,",
            "byte-identical to an undisturbed run. A damaged block is redone; a checkpoint of another experiment",
            "or code version is refused."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the run's output directory (path or Hadoop URI)")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: the run's spark.master")
    String master;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunCheckpoint checkpoint = RunCheckpoint.open(OutputLocations.uri(out), List.of(),
                RunCheckpoint.hadoopConfiguration());
        if (checkpoint.finished()) {
            checkpoint.close();
            throw new ConfigurationException(out + " holds a finished run; nothing to resume (add realizations with"
                    + " vmse extend " + out + " --samples N)");
        }
        Progress progress = new Progress("vmse resume " + out, "realization", quiet, System.err);
        long total = checkpoint.config().ensemble().samples();
        EnsembleRun run = CheckpointedEnsemble.run(checkpoint, master, done -> progress.report(done, total, ""),
                spec.commandLine().getErr()::println);
        progress.finish();
        EnsembleSummaryLine.print(spec.commandLine().getOut(), run, checkpoint.location());
        return 0;
    }
}
