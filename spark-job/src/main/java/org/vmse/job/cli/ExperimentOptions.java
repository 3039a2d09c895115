package org.vmse.job.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every experiment command shares: the file, overrides, the output directory and quietness. */
final class ExperimentOptions {

    @Parameters(index = "0", paramLabel = "CONF", description = "experiment file (HOCON), e.g. conf/quickstart.conf")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a key of the experiment file (repeatable), e.g. --set eps=2^-8")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "output directory, a local path or a Hadoop file-system URI (hdfs://..., s3a://...;"
                    + " ensembles); must not exist (default: out/NAME/TIMESTAMP)")
    String out;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    ExperimentConfig load() {
        return ExperimentFile.load(conf, overrides);
    }

    /** The local output directory: {@code --out} (a path or a {@code file:} URI), or the default. */
    Path outputDirectory(ExperimentConfig cfg, String suffix) {
        URI uri = outputUri(cfg, suffix);
        if (!"file".equals(uri.getScheme())) {
            throw new ConfigurationException("--out " + out + ": this command writes to a local directory; give a"
                    + " path (Hadoop file-system URIs are for ensemble runs: random.enabled = true)");
        }
        return Path.of(uri);
    }

    /** The output location: {@code --out} as a URI (a plain path becomes an absolute {@code file:} URI). */
    URI outputUri(ExperimentConfig cfg, String suffix) {
        if (out == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            return Path.of("out", cfg.name() + suffix, stamp).toAbsolutePath().toUri();
        }
        return OutputLocations.uri(out);
    }
}
