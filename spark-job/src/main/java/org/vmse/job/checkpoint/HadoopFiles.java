package org.vmse.job.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Whole-file writes that a reader never sees half done, on any Hadoop file system: the bytes go to a temporary
 * file in the target's directory (hidden, named {@code .NAME.tmp-RANDOM}), which is then renamed onto the target.
 * A writer killed before the rename leaves only a temporary file, which listings skip.
 *
 * <p>The local file system is used raw, without Hadoop's {@code .crc} side files: renaming a checksummed local file
 * moves the data and its {@code .crc} in two steps, so a reader between them would see new data with the old
 * checksum. The checkpoint files carry their own checksums where it matters ({@link BlockStore}).
 */
public final class HadoopFiles {

    /** The prefix and infix of temporary names: {@code .NAME.tmp-RANDOM}. */
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_INFIX = ".tmp-";

    private HadoopFiles() {
    }

    /** The file system of {@code uri} ({@link FileSystem#get(URI, Configuration)}; the raw one for {@code file:}). */
    public static FileSystem fileSystem(URI uri, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(uri, conf);
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    /** A fresh temporary name for {@code target}, in its directory. */
    static Path temporary(Path target) {
        return new Path(target.getParent(), TEMPORARY_PREFIX + target.getName() + TEMPORARY_INFIX + UUID.randomUUID());
    }

    /** Whether {@code name} is a temporary name made by {@link #temporary}. */
    static boolean isTemporary(String name) {
        return name.startsWith(TEMPORARY_PREFIX) && name.contains(TEMPORARY_INFIX);
    }

    /**
     * Writes {@code content} to {@code target}, replacing it atomically if it exists: readers see the old file or
     * the new one, never a mixture or a missing file. On HDFS the replacing rename is
     * {@link Options.Rename#OVERWRITE}, which the name node performs as one operation.
     */
    public static void replace(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp = writeTemporary(fs, target, content);
        try {
            // local: POSIX rename replaces; HDFS: succeeds when the target is absent
            if (!fs.rename(tmp, target)) {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
            }
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
    }

    /**
     * Writes {@code content} to {@code target} only if no file of that name exists, atomically: of several
     * processes racing for the same name exactly one succeeds, and the file is complete when it first appears.
     * Local: a hard link to the written temporary file ({@code link(2)} fails if the name exists). HDFS and the
     * like: a plain rename, which refuses an existing target.
     *
     * @return whether this call created the file
     */
    static boolean createExclusively(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp = writeTemporary(fs, target, content);
        try {
            if ("file".equals(fs.getUri().getScheme())) {
                try {
                    Files.createLink(Paths.get(fs.makeQualified(target).toUri()),
                            Paths.get(fs.makeQualified(tmp).toUri()));
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            }
            return fs.rename(tmp, target);
        } finally {
            fs.delete(tmp, false);
        }
    }

    /** The whole content of {@code file}, read to its end (the file may be replaced meanwhile: one version). */
    public static byte[] read(FileSystem fs, Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    private static Path writeTemporary(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp = temporary(target);
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(content);
            out.hsync(); // on the disks (HDFS: on every replica) before the rename publishes it
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
        return tmp;
    }
}
