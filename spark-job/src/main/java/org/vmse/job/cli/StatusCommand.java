package org.vmse.job.cli;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.checkpoint.RunStatus;
import org.vmse.job.checkpoint.StatusFile;
import org.vmse.job.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Where an ensemble run stands, live or dead.",
            "Prints done/total realizations, rate, ETA and failures from the status its driver rewrites, and says",
            "whether that driver is gone."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the run's output directory (path or Hadoop URI)")
    String out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI dir = OutputLocations.uri(out);
        URI file = URI.create(dir.toString().replaceAll("/?$", "/") + RunCheckpoint.FOLDER + "/status.json");
        Optional<RunStatus> status = StatusFile.at(file, RunCheckpoint.hadoopConfiguration()).read();
        if (status.isEmpty()) {
            throw new ConfigurationException(out + " has no run status (" + file + "): it is not the output of an"
                    + " ensemble run");
        }
        spec.commandLine().getOut().println(status.get().describe(Instant.now()));
        return 0;
    }
}
