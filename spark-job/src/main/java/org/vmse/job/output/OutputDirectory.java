package org.vmse.job.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.vmse.job.config.ConfigurationException;

/**
 * A run's output directory, taken when the run starts and written whole or not at all. The directory is created
 * at once (so a second run with the same {@code --out} is refused before it computes anything), with a marker
 * naming this process; files go to a hidden staging folder inside it and are moved into place by
 * {@link #commit()}, {@code summary.json} last. A run that fails or is interrupted deletes the directory; one that
 * was killed leaves it with its marker, and the next run with that {@code --out} finds the process gone and clears
 * it.
 */
public final class OutputDirectory implements AutoCloseable {

    private static final String MARKER = ".vmse-run";
    private static final String STAGING = ".partial";
    private static final String SUMMARY = "summary.json";

    private final Path target;
    private final Path staging;
    private final Thread onInterrupt;
    private boolean committed;

    private OutputDirectory(Path target) {
        this.target = target;
        this.staging = target.resolve(STAGING);
        this.onInterrupt = new Thread(() -> delete(target), "vmse-output-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    /**
     * Takes {@code target}: it must not exist, unless it is what a killed run left.
     *
     * @throws ConfigurationException if {@code target} exists, or cannot be created
     */
    public static OutputDirectory create(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ConfigurationException("--out " + target + ": " + p + " is a file, not a directory;"
                        + " choose an --out whose parent is a directory");
            }
        }
        if (leftByAKilledRun(abs)) {
            delete(abs);
        }
        try {
            Files.createDirectories(abs.getParent());
            Files.createDirectory(abs);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("output directory " + target + " already exists" + (Files.exists(
                    abs.resolve(MARKER)) ? " and is being written by another vmse run" : "") + "; choose another"
                    + " --out or remove it (vmse never overwrites a result)");
        } catch (IOException e) {
            // the usual causes are a read-only or foreign directory: bad input, not a breakdown
            throw new ConfigurationException("--out " + target + ": cannot create the output directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable location", e);
        }
        OutputDirectory out = new OutputDirectory(abs);
        try {
            Files.writeString(abs.resolve(MARKER), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
            Files.createDirectory(out.staging);
            return out;
        } catch (IOException e) {
            out.close();
            throw new UncheckedIOException("cannot prepare output directory " + target + ": " + e.getMessage(), e);
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

    /** Moves the staged files into place, {@code summary.json} last, and removes the marker. */
    public void commit() {
        try {
            List<Path> entries;
            try (Stream<Path> s = Files.list(staging)) {
                entries = s.sorted(Comparator.comparing(p -> p.getFileName().toString().equals(SUMMARY))).toList();
            }
            for (Path p : entries) {
                Files.move(p, target.resolve(p.getFileName()));
            }
            Files.delete(staging);
            Files.delete(target.resolve(MARKER));
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the directory unless committed. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook deletes it
        }
        if (!committed) {
            delete(target);
        }
    }

    /** Whether {@code dir} holds only what a run killed before it finished left: its marker names a gone process. */
    private static boolean leftByAKilledRun(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker) || Files.exists(dir.resolve(SUMMARY))) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(marker, StandardCharsets.UTF_8).trim());
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            return p.isEmpty() || !p.get().isAlive();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a marker left behind lets the next run clear it
        }
    }
}
