package org.vmse.job.nightly.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vmse.job.checkpoint.HadoopFiles;
import org.vmse.job.nightly.NightJson;
import org.vmse.job.nightly.NightJson.Night;

/**
 * The static HTML report of the nightly studies under a results root, on any Hadoop file system:
 * {@code nights/DATE/report/index.html} for one night and {@code report/index.html} across nights, each with its
 * PNG plots beside it. The pages use relative links, inline CSS and no scripts, so a copy of the root opens offline.
 * Every file is written under a temporary name and renamed (a reader sees the old page or the new one), the plots
 * before the page that shows them.
 */
public final class NightReport {

    private NightReport() {
    }

    /**
     * Reads every {@code nights/*}{@code /night.json} under {@code root} and writes the page of the night
     * {@code date} and the index.
     *
     * @param date the night, {@code yyyy-MM-dd}
     * @return the night's page
     * @throws IllegalStateException when that night has no readable night.json (the index is written anyway)
     */
    public static URI writeAll(URI root, Configuration conf, String date) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        return write(read(fs, rootPath(fs, root)), fs, rootPath(fs, root), date(date));
    }

    /**
     * Writes the page of the night {@code date} from {@code nights}, and the index.
     *
     * @return the night's page
     * @throws IllegalStateException when {@code nights} holds no finished night of that date (the index is written
     *                               anyway)
     */
    public static URI write(NightHistory nights, URI root, Configuration conf, String date) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        return write(nights, fs, rootPath(fs, root), date(date));
    }

    /** The nights under {@code root}, as their folders and night.json files stand now. */
    static NightHistory read(FileSystem fs, Path root) throws IOException {
        List<NightHistory.Entry> entries = new ArrayList<>();
        Path nights = new Path(root, "nights");
        if (fs.exists(nights)) {
            for (FileStatus dir : fs.listStatus(nights)) {
                Optional<LocalDate> date = folderDate(dir);
                if (date.isEmpty()) {
                    continue;
                }
                Path json = new Path(dir.getPath(), "night.json");
                if (!fs.exists(json)) {
                    entries.add(new NightHistory.Entry(date.get(), null, null));
                    continue;
                }
                try {
                    entries.add(new NightHistory.Entry(date.get(),
                            NightJson.read(HadoopFiles.read(fs, json), Night.class, json.toString()), null));
                } catch (IllegalStateException | IllegalArgumentException e) { // a bad file, or one dated wrongly
                    entries.add(new NightHistory.Entry(date.get(), null, e.getMessage()));
                }
            }
        }
        return new NightHistory(entries, baseline(fs, new Path(root, "baseline")));
    }

    private static URI write(NightHistory nights, FileSystem fs, Path root, LocalDate date) throws IOException {
        Predicate<String> exists = relative -> {
            try {
                return fs.exists(new Path(root, relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Path nightDir = new Path(root, "nights/" + date + "/report");
        Optional<Night> night = nights.night(date);
        if (night.isPresent()) {
            publish(fs, nightDir, NightPage.of(night.get(), nights.until(date), exists));
        }
        publish(fs, new Path(root, "report"), IndexPage.of(nights, exists));
        if (night.isEmpty()) {
            String why = nights.entries().stream().filter(e -> e.date().equals(date)).findFirst()
                    .map(e -> e.problem() != null ? "its night.json is unreadable: " + e.problem()
                            : "it has no night.json yet (still running, or died before the end)")
                    .orElse("there is no folder nights/" + date);
            throw new IllegalStateException("no report for the night " + date + " under " + root + ": " + why);
        }
        return fs.makeQualified(new Path(nightDir, "index.html")).toUri();
    }

    /** The plots first, then the page: a reader of the page finds every plot it shows. */
    private static void publish(FileSystem fs, Path dir, ReportPage page) throws IOException {
        fs.mkdirs(dir);
        for (Map.Entry<String, byte[]> image : page.images().entrySet()) {
            HadoopFiles.replace(fs, new Path(dir, image.getKey()), image.getValue());
        }
        HadoopFiles.replace(fs, new Path(dir, "index.html"), page.html().getBytes(StandardCharsets.UTF_8));
    }

    /** The date a night's folder is named for; other entries (temporary files, stray folders) have none. */
    private static Optional<LocalDate> folderDate(FileStatus status) {
        if (!status.isDirectory()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(status.getPath().getName()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The night named by the root's {@code baseline} file ({@code {"date": "yyyy-MM-dd"}}, {@link NightJson.Baseline},
     * as the runner writes it), or {@code null}.
     */
    private static LocalDate baseline(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            return null;
        }
        String value = NightJson.read(HadoopFiles.read(fs, file), NightJson.Baseline.class, file.toString()).date();
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + " must be {\"date\": \"yyyy-MM-dd\"}, got date = " + value, e);
        }
    }

    private static LocalDate date(String date) {
        if (date == null) {
            throw new IllegalArgumentException("the night's date is missing; give it as yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the night's date must be yyyy-MM-dd, got '" + date + "'");
        }
    }

    private static Path rootPath(FileSystem fs, URI root) {
        return fs.makeQualified(new Path(root));
    }
}
