package org.vmse.job.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.nightly.NightJson;
import org.vmse.job.nightly.NightRoot;
import org.vmse.job.nightly.NightlyConfig;
import org.vmse.job.nightly.NightlyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "nightly", mixinStandardHelpOptions = true, subcommands = NightlyCommand.Accept.class,
        description = {"Run a night's convergence studies (conf/nightly.conf) into ROOT/nights/DATE/ and compare them"
            + " with the accepted night.",
            "Writes runs/NAME/ (each study's output), regressions.json and night.json (last), appends the night to"
                + " ROOT/history/ (Parquet) and draws report/index.html. A night that died is continued by the next"
                + " invocation of the same date.",
            "Exit codes: 0 a quiet night, " + NightlyCommand.REGRESSIONS + " regressions (listed in regressions.json),"
                + " 2 bad input or the root in use, 1 a study broke down."})
final class NightlyCommand implements Callable<Integer> {

    /** Exit code of a night that finished with regressions. */
    static final int REGRESSIONS = 3;

    // optional to the parser only, so that `nightly accept DATE` needs none
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONF",
            description = "nightly configuration, e.g. conf/nightly.conf")
    Path conf;

    @Option(names = "--root", paramLabel = "URI",
            description = "results root, a path or a Hadoop file-system URI (default: root in CONF)")
    String root;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for the ensemble studies")
    String master;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a key of every study's experiment (repeatable), e.g. --set fft=jtransforms")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "the night (default: today)")
    String date;

    @Option(names = "--work", paramLabel = "DIR", description = "local work folder for a root that is not a local"
            + " path (default: ${DEFAULT-VALUE})")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "vmse-nightly");

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (conf == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'CONF' (e.g."
                    + " conf/nightly.conf)");
        }
        NightlyConfig nightly = NightlyConfig.load(conf);
        NightRoot r = NightRoot.at(OutputLocations.uri(root != null ? root : nightly.root()),
                RunCheckpoint.hadoopConfiguration());
        String night = date != null ? date : LocalDate.now().toString();
        NightJson.Night done = NightlyRun.run(r, new NightlyRun.Options(nightly, night, overrides, master,
                work.resolve(folderName(r.uri())), quiet), spec.commandLine().getErr()::println);
        var out = spec.commandLine().getOut();
        for (NightJson.Regression g : done.regressions()) {
            out.println("REGRESSION " + g.message());
        }
        out.println(done.regressions().isEmpty() ? "night " + night + ": no regressions"
                + (done.baseline() == null ? " (no baseline yet: accept this night with submit/nightly accept "
                + night + ")" : " against " + done.baseline()) : "night " + night + ": " + done.regressions().size()
                + " regression(s), listed in " + r.uri() + "/nights/" + night + "/regressions.json");
        URI report = r.report(night).toUri();
        out.println("report: " + ("file".equals(report.getScheme()) ? Path.of(report) : report));
        return done.regressions().isEmpty() ? 0 : REGRESSIONS;
    }

    /** A folder name for a root URI: its characters outside {@code [A-Za-z0-9._-]} as {@code _}. */
    private static String folderName(URI root) {
        return root.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Make the complete night DATE the baseline that later nights are compared with.")
    static final class Accept implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATE", description = "the night, yyyy-MM-dd")
        String date;

        @Option(names = "--conf", paramLabel = "CONF", description = "nightly configuration whose root to use"
                + " (default: ${DEFAULT-VALUE})")
        Path conf = Path.of("conf", "nightly.conf");

        @Option(names = "--root", paramLabel = "URI", description = "results root (default: root in --conf)")
        String root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            URI uri = OutputLocations.uri(root != null ? root : NightlyConfig.load(conf).root());
            NightRoot r = NightRoot.at(uri, RunCheckpoint.hadoopConfiguration());
            NightlyRun.accept(r, date);
            spec.commandLine().getOut().println("night " + date + " is the baseline of " + r.uri());
            return 0;
        }
    }
}
