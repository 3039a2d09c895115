package org.vmse.job.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.experiment.CheckpointedEnsemble;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.job.output.Progress;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the commands that continue a stored ensemble run share: its output, the master and quietness. */
final class CheckpointOptions {

    @Parameters(index = "0", paramLabel = "OUT", description = "the run's output directory (path or Hadoop URI)")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: the run's spark.master")
    String master;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    /** The stored run at {@code OUT}, its experiment with {@code overrides} applied. */
    RunCheckpoint open(List<String> overrides) {
        return RunCheckpoint.open(location(), overrides, RunCheckpoint.hadoopConfiguration());
    }

    URI location() {
        return OutputLocations.uri(out);
    }

    /** Runs what the checkpoint lacks, with progress labelled {@code verb}, and publishes the results. */
    EnsembleRun run(RunCheckpoint checkpoint, String verb, PrintWriter err) {
        Progress progress = new Progress("vmse " + verb + " " + out, "realization", quiet, System.err);
        long total = checkpoint.config().ensemble().samples();
        EnsembleRun run = CheckpointedEnsemble.run(checkpoint, master, done -> progress.report(done, total, ""),
                err::println);
        progress.finish();
        return run;
    }
}
