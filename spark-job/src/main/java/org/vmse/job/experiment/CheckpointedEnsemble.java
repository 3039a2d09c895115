package org.vmse.job.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.vmse.job.checkpoint.RunCheckpoint;
import org.vmse.job.checkpoint.RunStatus;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.output.JvmShutdown;

/**
 * An ensemble run kept in its output as it goes ({@link RunCheckpoint}): the blocks a checkpoint holds are read
 * back, the rest computed and stored task by task, the results published when all are merged. Interrupted
 * (SIGINT, SIGTERM), it says so, records it in the status, releases the output and tells how to continue.
 */
public final class CheckpointedEnsemble {

    private CheckpointedEnsemble() {
    }

    /**
     * Runs the ensemble of {@code checkpoint}, publishes its results and closes the checkpoint.
     *
     * @param master   Spark master, {@code null} for the experiment's
     * @param progress told the realizations finished so far, resumed ones included
     * @param notes    told what the user should hear of: what the checkpoint kept or redid, an interruption
     */
    public static EnsembleRun run(RunCheckpoint checkpoint, String master, LongConsumer progress,
                                  Consumer<String> notes) {
        return run(checkpoint, master, progress, notes, null);
    }

    /**
     * As {@link #run(RunCheckpoint, String, LongConsumer, Consumer)}, with what {@code earlier} (a run of the same
     * experiment with fewer realizations, or {@code null}) holds that does not depend on the sample count: its basis,
     * mesh and RTE limit.
     */
    public static EnsembleRun run(RunCheckpoint checkpoint, String master, LongConsumer progress,
                                  Consumer<String> notes, EnsembleRun earlier) {
        checkpoint.takeNotes().forEach(n -> notes.accept("vmse: " + n));
        Path staging;
        try {
            staging = Files.createTempDirectory("vmse-results-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local staging directory: " + e.getMessage(), e);
        }
        AtomicBoolean published = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            // Spark's own shutdown stops the context under the running tasks: its complaints, logged or printed
            // straight to System.err by its thread pools, are not news (the notice below goes to the command's own
            // writer, made before this)
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            if (published.get()) { // stopped while merging the block files: each is whole, and the results are out
                checkpoint.close();
                delete(staging);
                notes.accept("vmse: interrupted after the results were written to " + checkpoint.location());
                return;
            }
            checkpoint.end(RunStatus.State.INTERRUPTED);
            checkpoint.close();
            delete(staging);
            notes.accept("vmse: interrupted after " + checkpoint.done() + " of " + checkpoint.total()
                    + " realizations (the finished blocks are kept in " + checkpoint.location() + ");"
                    + " continue with: submit/vmse resume " + checkpoint.location());
        }, "vmse-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            long t0 = System.nanoTime();
            EnsembleRun run = EnsembleRun.execute(checkpoint.config(), master, progress, checkpoint, earlier);
            checkpoint.takeNotes().forEach(n -> notes.accept("vmse: " + n));
            EnsembleReport.write(run, staging, (System.nanoTime() - t0) * 1e-9);
            checkpoint.publish(staging);
            checkpoint.end(RunStatus.State.FINISHED);
            published.set(true);
            compact(checkpoint, notes);
            return run;
        } catch (RuntimeException e) {
            if (JvmShutdown.inProgress()) {
                throw e; // the interruption's hook records and reports it
            }
            if (e instanceof ConfigurationException) {
                checkpoint.abandon(); // refused before any work: bad input leaves nothing behind
                throw e;
            }
            checkpoint.end(RunStatus.State.FAILED);
            notes.accept("vmse: the run stopped after " + checkpoint.done() + " of " + checkpoint.total()
                    + " realizations; its finished blocks are kept in " + checkpoint.location() + " (no results"
                    + " there): continue with submit/vmse resume " + checkpoint.location() + " once the cause is"
                    + " removed, or delete it");
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
                checkpoint.close();
                delete(staging);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it releases and cleans
            }
        }
    }

    /** Merges a finished run's block files ({@link RunCheckpoint#compact()}); a failure only costs disk, so it is told. */
    private static void compact(RunCheckpoint checkpoint, Consumer<String> notes) {
        try {
            checkpoint.compact().ifPresent(n -> notes.accept("vmse: " + n));
        } catch (IOException | RuntimeException e) {
            notes.accept("vmse: the block files were left as they are (merging them failed: " + e.getMessage()
                    + "); the results are complete");
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
