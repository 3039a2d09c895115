package org.vmse.job.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.vmse.job.checkpoint.OutputLock;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;

/**
 * A study's output directory, kept as the study goes: every point's run is written there when it finishes (an
 * ensemble point keeps its checkpoint as it runs), so a study that fails or is interrupted loses nothing, and the
 * same command with the same {@code --out} continues it from the runs it finished. {@code study.json} and the
 * figures are written last; the directory holds one study, of one experiment, at a time.
 */
public final class StudyDirectory implements AutoCloseable {

    private static final String EXPERIMENT = "study-experiment.json";

    private final Path dir;
    private final OutputLock lock;
    private final boolean continued;

    private StudyDirectory(Path dir, OutputLock lock, boolean continued) {
        this.dir = dir;
        this.lock = lock;
        this.continued = continued;
    }

    /**
     * Opens {@code dir} for the study of {@code base}: a new directory, or the unfinished study of the same
     * experiment left there by an earlier invocation.
     *
     * @throws ConfigurationException if {@code dir} holds something else, a finished study, a study of another
     *                                configuration, or is in use
     */
    public static StudyDirectory open(Path dir, ExperimentConfig base) {
        Path abs = dir.toAbsolutePath().normalize();
        Path experiment = abs.resolve(EXPERIMENT);
        String json = base.resolvedJson();
        boolean continued = Files.exists(abs);
        try {
            if (continued) {
                if (!Files.isRegularFile(experiment)) {
                    throw new ConfigurationException("--out " + dir + " already exists and holds no vmse study;"
                            + " choose another --out (vmse never overwrites a result)");
                }
                if (Files.exists(abs.resolve("study.json"))) {
                    throw new ConfigurationException("--out " + dir + " holds a finished study; choose another --out"
                            + " (vmse never overwrites a result)");
                }
                if (!Files.readString(experiment, StandardCharsets.UTF_8).equals(json)) {
                    throw new ConfigurationException("--out " + dir + " holds an unfinished study of another"
                            + " configuration (" + experiment + "); continue it with the command and --set values"
                            + " that started it, or choose another --out");
                }
            } else {
                for (Path p = abs.getParent(); p != null; p = p.getParent()) {
                    if (Files.exists(p) && !Files.isDirectory(p)) {
                        throw new ConfigurationException("--out " + dir + ": " + p + " is a file, not a directory;"
                                + " choose an --out whose parent is a directory");
                    }
                }
                // made whole under a hidden name and renamed into place: a study killed at any moment leaves either
                // no directory or one that names its experiment
                Files.createDirectories(abs.getParent());
                Path creating = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".creating-");
                Files.writeString(creating.resolve(EXPERIMENT), json, StandardCharsets.UTF_8);
                try {
                    Files.move(creating, abs, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(creating.resolve(EXPERIMENT));
                    Files.deleteIfExists(creating);
                    if (Files.isRegularFile(experiment)) {
                        return open(dir, base); // another invocation created it meanwhile: continue as it
                    }
                    throw raced;
                }
            }
            OutputLock lock = OutputLock.acquire(abs.resolve(".lock").toUri(), RunCheckpoint.hadoopConfiguration());
            return new StudyDirectory(abs, lock, continued);
        } catch (IOException e) {
            throw new ConfigurationException("--out " + dir + ": cannot use the study directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable location", e);
        }
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** Whether an earlier invocation started this study. */
    public boolean continued() {
        return continued;
    }

    /** Releases the directory; what the study wrote stays. */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // a lock left behind is taken over by the next invocation on this host
        }
        // a new study that wrote nothing (refused before its first run) leaves nothing behind
        try (Stream<Path> entries = Files.list(dir)) {
            if (!continued && entries.allMatch(p -> p.getFileName().toString().equals(EXPERIMENT))) {
                Files.deleteIfExists(dir.resolve(EXPERIMENT));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // best effort: what is left names its experiment, and the same command continues it
        }
    }
}
