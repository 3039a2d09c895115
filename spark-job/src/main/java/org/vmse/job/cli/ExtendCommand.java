package org.vmse.job.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.CheckpointedEnsemble;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "extend", mixinStandardHelpOptions = true,
        description = {"Add realizations to a finished ensemble run.",
            "Computes realizations N..N2-1 (and redoes a last block that was partial) and rewrites the results:",
            "exactly what one run of N2 samples would have given."})
final class ExtendCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the run's output directory (path or Hadoop URI)")
    String out;

    @Option(names = "--samples", paramLabel = "N2", required = true,
            description = "the new number of realizations, more than the run has")
    int samples;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: the run's spark.master")
    String master;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunCheckpoint checkpoint = RunCheckpoint.open(OutputLocations.uri(out), List.of("samples=" + samples),
                RunCheckpoint.hadoopConfiguration());
        try {
            if (!checkpoint.finished()) {
                throw new ConfigurationException(out + " holds an unfinished run: finish it first with vmse resume "
                        + out);
            }
            ResourceEstimate.ofRun(checkpoint.config(), master).require();
            long had = checkpoint.storedRealizations();
            if (!(samples > had)) {
                throw new ConfigurationException("--samples " + samples + " must exceed the " + had
                        + " realizations the run has");
            }
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
        Progress progress = new Progress("vmse extend " + out, "realization", quiet, System.err);
        long total = checkpoint.config().ensemble().samples();
        EnsembleRun run = CheckpointedEnsemble.run(checkpoint, master, done -> progress.report(done, total, ""),
                spec.commandLine().getErr()::println);
        progress.finish();
        EnsembleSummaryLine.print(spec.commandLine().getOut(), run, checkpoint.location());
        return 0;
    }
}
