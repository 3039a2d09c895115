package org.vmse.job.nightly;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.vmse.job.checkpoint.HadoopFiles;
import org.vmse.job.config.ConfigurationException;

/**
 * A results root (any Hadoop URI) and its layout:
 * <pre>
 *   ROOT/lock                          one night at a time
 *   ROOT/baseline                      {"date": "..."}: the accepted night regressions are measured against
 *   ROOT/history/date=DATE/            the nights' figures, Parquet ({@link HistoryTable})
 *   ROOT/nights/DATE/runs/NAME/        each study's own output
 *   ROOT/nights/DATE/regressions.json  the night's regressions
 *   ROOT/nights/DATE/night.json        the night's record, written last: its presence means the night is complete
 *   ROOT/nights/DATE/report/index.html the night's page
 * </pre>
 */
public final class NightRoot {

    private final FileSystem fs;
    private final Path root;
    private final Configuration conf;

    private NightRoot(FileSystem fs, Path root, Configuration conf) {
        this.fs = fs;
        this.root = root;
        this.conf = conf;
    }

    /** The root at {@code uri} (the raw local file system for {@code file:}, without {@code .crc} files). */
    public static NightRoot at(URI uri, Configuration conf) {
        try {
            FileSystem fs = FileSystem.get(uri, conf);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRaw();
            }
            return new NightRoot(fs, fs.makeQualified(new Path(uri)), conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("--root " + uri + ": cannot reach its file system ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); give a path or a reachable URI", e);
        }
    }

    /** The root, qualified. */
    public URI uri() {
        return root.toUri();
    }

    /** Whether the root is on the local file system (its studies then run in place). */
    public boolean local() {
        return "file".equals(root.toUri().getScheme());
    }

    Configuration hadoopConfiguration() {
        return conf;
    }

    FileSystem fileSystem() {
        return fs;
    }

    Path lock() {
        return new Path(root, "lock");
    }

    Path baseline() {
        return new Path(root, "baseline");
    }

    Path history() {
        return new Path(root, "history");
    }

    Path night(String date) {
        return new Path(new Path(root, "nights"), date);
    }

    Path study(String date, String name) {
        return new Path(new Path(night(date), "runs"), name);
    }

    Path nightJson(String date) {
        return new Path(night(date), "night.json");
    }

    Path regressionsJson(String date) {
        return new Path(night(date), "regressions.json");
    }

    /** The night's page, which the report writes. */
    public Path report(String date) {
        return new Path(new Path(night(date), "report"), "index.html");
    }

    boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + p + ": " + e.getMessage(), e);
        }
    }

    byte[] read(Path p) throws IOException {
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** The complete night of {@code date}, if its {@code night.json} exists. */
    Optional<NightJson.Night> completeNight(String date) {
        Path p = nightJson(date);
        try {
            return Optional.of(NightJson.read(read(p), NightJson.Night.class, p.toString()));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The accepted night's date, if a night was accepted. */
    Optional<String> baselineDate() {
        Path p = baseline();
        try {
            String date = NightJson.read(read(p), NightJson.Baseline.class, p.toString()).date();
            if (date == null) {
                throw new IllegalStateException(p + " names no date: accept a night again (submit/nightly accept"
                        + " DATE)");
            }
            return Optional.of(date);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} to {@code target}, replacing it atomically ({@link HadoopFiles#replace}). */
    void replace(Path target, byte[] content) throws IOException {
        fs.mkdirs(target.getParent());
        HadoopFiles.replace(fs, target, content);
    }

    /** {@code text} as UTF-8, replacing {@code target} atomically. */
    void replace(Path target, String text) throws IOException {
        replace(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies a study run in a local work folder to {@code target} on the root, every file but the checkpoints'
     * internals ({@code _checkpoint/}) and locks, {@code study.json} last so that a reader sees a finished study
     * only when all of it is there.
     */
    void upload(java.nio.file.Path local, Path target) throws IOException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(local)) {
            files = walk.filter(Files::isRegularFile).filter(f -> {
                String rel = local.relativize(f).toString().replace('\\', '/');
                return !rel.contains("_checkpoint/") && !rel.endsWith(".lock") && !rel.equals("study.json");
            }).sorted().toList();
        }
        for (java.nio.file.Path f : files) {
            replace(new Path(target, local.relativize(f).toString().replace('\\', '/')), Files.readAllBytes(f));
        }
        replace(new Path(target, "study.json"), Files.readAllBytes(local.resolve("study.json")));
    }
}
