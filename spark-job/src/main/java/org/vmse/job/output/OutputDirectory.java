package org.vmse.job.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.vmse.job.config.ConfigurationException;

/**
 * A run's output directory, written whole or not at all: files go to a hidden staging directory beside the
 * target, which is renamed into place by {@link #commit()}. A run that fails deletes its staging directory, so
 * nothing half-written is left where a result is expected.
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Checks that {@code target} does not exist and opens its staging directory.
     *
     * @throws ConfigurationException if {@code target} exists
     */
    public static OutputDirectory create(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            throw new ConfigurationException("output directory " + target + " already exists; choose another --out"
                    + " or remove it (vmse never overwrites a result)");
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ConfigurationException("--out " + target + ": " + p + " is a file, not a directory;"
                        + " choose an --out whose parent is a directory");
            }
        }
        try {
            Files.createDirectories(abs.getParent());
            Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-");
            return new OutputDirectory(abs, staging);
        } catch (IOException e) {
            // the usual causes are a read-only or foreign directory: bad input, not a breakdown
            throw new ConfigurationException("--out " + target + ": cannot create the output directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable location", e);
        }
    }

    /** Where files are written until {@link #commit()}. */
    public Path path() {
        return staging;
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** Moves the staged files into place. */
    public void commit() {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("output directory " + target + " appeared while the run was going;"
                    + " its results are left in " + staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the staging directory unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a staging directory left behind is hidden and named .partial
        }
    }
}
