package org.vmse.job.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vmse.job.config.ConfigurationException;

/**
 * A run's claim on its output location: a lock file, created atomically and only if absent, that names the
 * holder's driver. A second run with the same output is refused at once, with a message naming the holder. A lock
 * whose holder is gone (a dead pid on this host) is taken over, and {@link #takeover()} says so; a holder on another
 * host cannot be checked, so its lock stays until that run ends or someone removes the file.
 *
 * <p>Two runs taking over the same stale lock at the same moment could both succeed (each checks the lock, then
 * deletes it, then creates its own); the window is the few milliseconds between the check and the delete.
 */
public final class OutputLock implements AutoCloseable {

    /** How often a create that found a lock which then vanished is retried before giving up. */
    private static final int ATTEMPTS = 3;

    private final FileSystem fs;
    private final Path file;
    private final byte[] content;
    private final String takeover;
    private boolean released;

    /**
     * The content of a lock file.
     *
     * @param driver the holder's driver
     * @param since  when it took the lock
     */
    public record Holder(DriverProcess driver, Instant since) {

        public Holder {
            Objects.requireNonNull(driver, "lock holder driver");
            Objects.requireNonNull(since, "lock holder since");
        }
    }

    private OutputLock(FileSystem fs, Path file, byte[] content, String takeover) {
        this.fs = fs;
        this.file = file;
        this.content = content;
        this.takeover = takeover;
    }

    /**
     * Takes the lock {@code lockFile} (e.g. {@code hdfs://nn/runs/x.lock}) for this process.
     *
     * @throws ConfigurationException if another run holds it, naming that run and what to do
     */
    public static OutputLock acquire(URI lockFile, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(lockFile, conf);
        Path file = fs.makeQualified(new Path(lockFile));
        byte[] mine = CheckpointJson.write(new Holder(DriverProcess.current(), Instant.now()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (HadoopFiles.createExclusively(fs, file, mine)) {
                return new OutputLock(fs, file, mine, null);
            }
            byte[] theirs;
            try {
                theirs = HadoopFiles.read(fs, file);
            } catch (FileNotFoundException e) {
                continue; // released meanwhile: try again
            }
            Holder holder;
            try {
                holder = CheckpointJson.read(theirs, Holder.class, "lock file " + file);
            } catch (IOException e) {
                throw new ConfigurationException(e.getMessage() + "; if no vmse run is using this output, remove "
                        + file, e);
            }
            if (!holder.driver().isGone()) {
                throw new ConfigurationException("the output is in use: lock " + file + " is held by the vmse run"
                        + " started " + holder.since() + " by " + holder.driver() + "; wait for it to end, or if"
                        + " that run is gone (a run on another host cannot be checked from here), remove " + file);
            }
            if (takeOver(fs, file, theirs, mine)) {
                return new OutputLock(fs, file, mine, "took over the lock " + file + " of the vmse run started "
                        + holder.since() + " by " + holder.driver() + ", which is gone");
            }
        }
        throw new ConfigurationException("could not take the lock " + file + ": other runs are taking and releasing"
                + " it; run one at a time");
    }

    /** A message if the lock was taken over from a run that is gone. */
    public Optional<String> takeover() {
        return Optional.ofNullable(takeover);
    }

    /** The lock file, qualified. */
    public URI location() {
        return file.toUri();
    }

    /** Releases the lock: deletes the file if it is still this one's. */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        try {
            if (Arrays.equals(HadoopFiles.read(fs, file), content)) {
                fs.delete(file, false);
            }
        } catch (FileNotFoundException e) {
            // already gone: nothing to release
        }
    }

    /** Replaces the stale lock whose content is {@code stale} by {@code mine}, unless it changed meanwhile. */
    private static boolean takeOver(FileSystem fs, Path file, byte[] stale, byte[] mine) throws IOException {
        try {
            if (!Arrays.equals(HadoopFiles.read(fs, file), stale)) {
                return false;
            }
        } catch (FileNotFoundException e) {
            return HadoopFiles.createExclusively(fs, file, mine);
        }
        fs.delete(file, false);
        return HadoopFiles.createExclusively(fs, file, mine);
    }
}
