package org.vmse.job.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.vmse.job.checkpoint.OutputLock;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.config.ResourceEstimate;
import org.vmse.job.experiment.ConvergenceStudy;
import org.vmse.job.experiment.Discretization;
import org.vmse.job.experiment.EnsembleStudy;
import org.vmse.job.nightly.report.NightReport;
import org.vmse.job.output.Progress;
import org.vmse.job.output.Provenance;
import org.vmse.job.output.StudyDirectory;

/**
 * One night: the studies of a nightly configuration, each run by {@code vmse study} into
 * {@code ROOT/nights/DATE/runs/NAME}, then the history appended, the regressions against the baseline found and
 * written, {@code night.json} written last, and the report drawn from it ({@link NightRoot} has the layout).
 *
 * <p>{@code ROOT/lock} keeps two nights (and an {@code accept}) from overlapping. A night that dies is continued by
 * the next invocation of the same date: a study whose {@code study.json} exists is read back, an unfinished one
 * continues from the points it finished (an ensemble point from its stored blocks; a deterministic study is run
 * again, a matter of minutes). On a {@code file:} root the studies run in place; on any other root they run in a
 * local work folder ({@code WORK/DATE/NAME}, which keeps what a night that died finished, on this machine) and are
 * copied to the root when finished, the work folder removed when the night is complete.
 */
public final class NightlyRun {

    /** Where the night started, kept so that a continued night reports its first start. */
    private static final String STARTED = "started";

    private NightlyRun() {
    }

    /**
     * What a night is run with.
     *
     * @param nightly the nightly configuration
     * @param date    the night, {@code yyyy-MM-dd}
     * @param sets    overrides for every study, after the configuration's
     * @param master  Spark master for the ensembles, {@code null} for each experiment's
     * @param work    local work folder of a root that is not {@code file:}
     * @param quiet   no progress lines
     */
    public record Options(NightlyConfig nightly, String date, List<String> sets, String master,
                          java.nio.file.Path work, boolean quiet) {

        public Options {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new ConfigurationException("--date " + date + " is not a date yyyy-MM-dd", e);
            }
            sets = List.copyOf(sets);
        }
    }

    /**
     * Runs the night and returns its record (its regressions empty for a quiet night).
     *
     * @param notes told what the user should hear of: studies kept from an earlier invocation, locks taken over
     * @throws ConfigurationException if the root is in use, the night is already complete, or an experiment is bad
     */
    public static NightJson.Night run(NightRoot root, Options o, Consumer<String> notes) throws IOException {
        try (OutputLock lock = OutputLock.acquire(root.lock().toUri(), root.hadoopConfiguration())) {
            lock.takeover().ifPresent(n -> notes.accept("vmse: " + n));
            if (root.exists(root.nightJson(o.date()))) {
                throw new ConfigurationException("the night " + o.date() + " in " + root.uri() + " is complete ("
                        + root.nightJson(o.date()) + "); run another --date, or accept it with: submit/nightly accept "
                        + o.date() + " --root " + root.uri());
            }
            List<ExperimentConfig> configs = experiments(o);
            configs.get(0).fftFallbackNotice().ifPresent(n -> notes.accept("vmse: " + n));
            Instant started = started(root, o.date());
            List<NightJson.Study> studies = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                NightStudy s = o.nightly().studies().get(i);
                Path dir = root.study(o.date(), s.name());
                if (root.exists(new Path(dir, "study.json"))) {
                    notes.accept("vmse: the study " + s.name() + " finished in an earlier invocation of this night:"
                            + " kept");
                } else {
                    runStudy(root, o, s, configs.get(i), dir, notes);
                }
                studies.add(StudyResults.read(root, dir, s, configs.get(i), o.nightly().rules()));
            }
            Optional<String> baseline = root.baselineDate();
            Optional<NightJson.Night> against = baseline.flatMap(root::completeNight);
            if (baseline.isPresent() && against.isEmpty()) {
                notes.accept("vmse: the baseline " + baseline.get() + " has no complete night in " + root.uri()
                        + ": only the fixed bands are checked");
            }
            List<NightJson.Regression> regressions = Regressions.find(studies, against, o.nightly().rules());
            Instant finished = Instant.now();
            NightJson.Night night = new NightJson.Night(LocalDate.parse(o.date()), started.toString(),
                    finished.toString(), Duration.between(started, finished).toMillis() / 1000.0, o.nightly().name(),
                    provenance(configs.get(0)), against.map(NightJson.Night::date).orElse(null), studies, regressions,
                    false);
            HistoryTable.append(root, night);
            root.replace(root.regressionsJson(o.date()), NightJson.write(regressions));
            root.replace(root.nightJson(o.date()), NightJson.write(night));
            if (!root.local()) {
                delete(o.work().resolve(o.date()));
            }
            NightReport.writeAll(root.uri(), root.hadoopConfiguration(), o.date());
            return night;
        }
    }

    /**
     * Makes the complete night of {@code date} the baseline: {@code ROOT/baseline} names it, its {@code night.json}
     * says {@code accepted}, and the report is drawn again.
     */
    public static void accept(NightRoot root, String date) throws IOException {
        try (OutputLock lock = OutputLock.acquire(root.lock().toUri(), root.hadoopConfiguration())) {
            lock.takeover(); // a stale lock of a night that died is simply replaced: nothing to report here
            NightJson.Night night = root.completeNight(date).orElseThrow(() -> new ConfigurationException("there is"
                    + " no complete night " + date + " in " + root.uri() + " (" + root.nightJson(date) + "); accept a"
                    + " night that finished"));
            root.replace(root.nightJson(date), NightJson.write(night.asAccepted()));
            root.replace(root.baseline(), NightJson.write(new NightJson.Baseline(date)));
            NightReport.writeAll(root.uri(), root.hadoopConfiguration(), date);
        }
    }

    /** Every study's experiment, loaded and checked before the first one runs. */
    private static List<ExperimentConfig> experiments(Options o) {
        List<ExperimentConfig> configs = new ArrayList<>();
        for (NightStudy s : o.nightly().studies()) {
            List<String> sets = new ArrayList<>(s.set());
            sets.addAll(o.nightly().set());
            sets.addAll(o.sets());
            ExperimentConfig cfg;
            try {
                cfg = ExperimentFile.load(s.conf(), sets);
            } catch (ConfigurationException e) {
                throw new ConfigurationException("study " + s.name() + ": " + e.getMessage(), e);
            }
            ResourceEstimate.ofStudy(cfg, o.master(), Discretization::beforePilots).require();
            configs.add(cfg);
        }
        return configs;
    }

    private static void runStudy(NightRoot root, Options o, NightStudy s, ExperimentConfig cfg, Path dir,
                                 Consumer<String> notes) throws IOException {
        java.nio.file.Path local = root.local() ? java.nio.file.Path.of(dir.toUri())
                : o.work().resolve(o.date()).resolve(s.name());
        String label = "vmse nightly " + s.name();
        try (StudyDirectory out = StudyDirectory.open(local, cfg)) {
            if (out.continued()) {
                notes.accept("vmse: continuing the study " + s.name() + " in " + local + " from the runs it"
                        + " finished");
            }
            if (StudyKind.of(cfg) == StudyKind.RTE) {
                EnsembleStudy.run(cfg, out.path(), o.master(), (point, samples) -> {
                    Progress p = new Progress(label + " " + point, "realization", o.quiet(), System.err);
                    return done -> p.report(done, samples, "");
                }, notes);
            } else {
                ConvergenceStudy.run(cfg, out.path(), eps -> new Progress(label + " eps=" + eps, o.quiet(),
                        System.err));
            }
        }
        if (!root.local()) {
            root.upload(local, dir);
        }
    }

    /** When the night's first invocation started (recorded by it). */
    private static Instant started(NightRoot root, String date) throws IOException {
        Path file = new Path(root.night(date), STARTED);
        if (root.exists(file)) {
            return Instant.parse(new String(root.read(file), StandardCharsets.UTF_8).trim());
        }
        Instant now = Instant.now();
        root.replace(file, now.toString());
        return now;
    }

    /** Code version, FFT backend and machine, as {@code night.json} lists them. */
    private static Map<String, Object> provenance(ExperimentConfig cfg) {
        Map<String, Object> p = new LinkedHashMap<>(Provenance.describe(cfg.fft()));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        p.put("host", host);
        return p;
    }

    private static void delete(java.nio.file.Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the work folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
