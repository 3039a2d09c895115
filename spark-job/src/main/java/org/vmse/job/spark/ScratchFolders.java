package org.vmse.job.spark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Spark's scratch files of a driver in local mode (block manager spills and shuffle files, the files served to
 * tasks) in a folder of the driver process's own, {@code ${java.io.tmpdir}/vmse-spark/<pid>}, instead of the
 * {@code spark-*} and {@code blockmgr-*} folders Spark makes directly in the temporary directory. Spark removes those
 * in a shutdown hook, which a driver killed with SIGKILL never runs, and nothing else ever would. Here each driver,
 * as it starts, removes the folders of this host's drivers that are gone; a driver that ends normally leaves its
 * folder empty (Spark's hook) and removes it as it exits.
 *
 * <p>A folder belongs to a gone driver when no process has its pid, or when the process with that pid started after
 * the folder was last modified (the pid has been given to a newer process). Folders whose names are not pids are
 * left alone.
 */
final class ScratchFolders {

    /** Where the drivers' folders are made. */
    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "vmse-spark");
    /** The key Spark reads its scratch folders from. */
    static final String LOCAL_DIR = "spark.local.dir";
    /** Slack when comparing a process's start time, which the system reports in clock ticks, with a file time. */
    private static final Duration START_SLACK = Duration.ofSeconds(1);

    private ScratchFolders() {
    }

    /**
     * Points {@code spark.local.dir} of {@code conf} to this process's folder under {@code root}, after removing the
     * folders of gone drivers there; unless the user chose the scratch space ({@code spark.local.dir} set, or
     * {@code SPARK_LOCAL_DIRS}, given as {@code localDirsEnv}, which Spark prefers to it). Where the folder cannot be
     * made (a temporary directory that is not writable), {@code conf} is left as it is: Spark's default then.
     */
    static void use(SparkConf conf, String localDirsEnv, Path root) {
        if (conf.contains(LOCAL_DIR) || (localDirsEnv != null && !localDirsEnv.isBlank())) {
            return;
        }
        removeGone(root);
        Path mine = root.resolve(Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(mine);
        } catch (IOException e) {
            return;
        }
        mine.toFile().deleteOnExit(); // runs after the shutdown hooks, Spark's included, so the folder is empty then
        conf.set(LOCAL_DIR, mine.toString());
    }

    /**
     * Removes, as far as it can, the folders under {@code root} of drivers that are gone.
     *
     * @return the number of folders removed entirely
     */
    static int removeGone(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (isOfGoneDriver(folder) && deleteTree(folder)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // best effort: the next driver tries again
        }
        return removed;
    }

    private static boolean isOfGoneDriver(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.matches("[0-9]{1,18}") || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(name));
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        try {
            Instant modified = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
            return started.isPresent() && started.get().isAfter(modified.plus(START_SLACK));
        } catch (IOException e) {
            return false; // removed meanwhile, or not ours to read
        }
    }

    /** Deletes {@code dir} and all below it, skipping what cannot be deleted; whether {@code dir} is gone. */
    private static boolean deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    quietlyDelete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // another driver may be removing the same folder
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // not ours, or removed by another driver at the same time
        }
    }
}
