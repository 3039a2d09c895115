package org.vmse.job.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
            description = "output directory; must not exist (default: out/NAME/TIMESTAMP)")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    ExperimentConfig load() {
        return ExperimentFile.load(conf, overrides);
    }

    Path outputDirectory(ExperimentConfig cfg, String suffix) {
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("out", cfg.name() + suffix, stamp);
    }
}
