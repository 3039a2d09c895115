package org.vmse.job.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The status file of a run on any Hadoop file system, JSON: the driver rewrites it whole and atomically (at least
 * every {@link RunStatus#UPDATE_INTERVAL} while running, and once at the end), so a reader such as
 * {@code vmse status} always finds one complete status.
 */
public final class StatusFile {

    private final FileSystem fs;
    private final Path file;

    private StatusFile(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
    }

    /** The status file {@code file}, e.g. {@code hdfs://nn/runs/x/status.json}. */
    public static StatusFile at(URI file, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(file, conf);
        return new StatusFile(fs, fs.makeQualified(new Path(file)));
    }

    /** The file, qualified. */
    public URI location() {
        return file.toUri();
    }

    /** Replaces the status with {@code status}. */
    public void write(RunStatus status) throws IOException {
        HadoopFiles.replace(fs, file, CheckpointJson.write(status));
    }

    /**
     * The last status written, or empty if none was.
     *
     * @throws IOException naming the file if it is not a readable status
     */
    public Optional<RunStatus> read() throws IOException {
        try {
            return Optional.of(CheckpointJson.read(HadoopFiles.read(fs, file), RunStatus.class, "status file " + file));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }
}
