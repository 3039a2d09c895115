package org.vmse.job.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The finished blocks of an ensemble in one directory of any Hadoop file system ({@code file:}, {@code hdfs:}),
 * one file per block, {@code block-NNNNNNNNNN.vmsb}. A block is written to a temporary name and renamed into place,
 * so a file under a block name is complete unless the storage itself damaged it; every file also carries its
 * length and a SHA-256 digest, and {@link #read} rejects one that does not match, so a truncated or altered block is
 * computed again rather than merged.
 *
 * <p>File format, version {@value #FORMAT_VERSION}, big-endian:
 * <pre>
 *   offset  bytes  field
 *        0      4  magic "VMSB"
 *        4      4  format version
 *        8      4  block index (the same as in the file name)
 *       12      8  first realization
 *       20      8  end realization (exclusive)
 *       28      4  payload length n
 *       32      n  payload (the caller's encoding of the block's exact sums)
 *     32+n     32  SHA-256 of bytes 0 .. 32+n-1 (header and payload)
 * </pre>
 *
 * <p>Several writers may store blocks at once (Spark tasks, a retried or speculative attempt of the same block):
 * each writes its own temporary file, and the last rename wins with an equally valid block.
 */
public final class BlockStore {

    /** The version of the block file format written in every header. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x564D5342; // "VMSB"
    private static final int HEADER_BYTES = 32;
    private static final int DIGEST_BYTES = 32;
    private static final Pattern NAME = Pattern.compile("block-(\\d{10})\\.vmsb");

    private final FileSystem fs;
    private final Path directory;

    private BlockStore(FileSystem fs, Path directory) {
        this.fs = fs;
        this.directory = directory;
    }

    /** Opens (and creates if needed) the block directory {@code directory}, e.g. {@code hdfs://nn/runs/x/blocks}. */
    public static BlockStore open(URI directory, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(directory, conf);
        Path dir = fs.makeQualified(new Path(directory));
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create the block directory " + dir);
        }
        return new BlockStore(fs, dir);
    }

    /** The directory, qualified. */
    public URI location() {
        return directory.toUri();
    }

    /** Stores {@code block} under its index, atomically, replacing a stored block of that index. */
    public void write(StoredBlock block) throws IOException {
        HadoopFiles.replace(fs, file(block.block()), encode(block));
    }

    /**
     * The indices of the blocks stored under their final names, in increasing order. Temporary files of writers that
     * did not finish are not listed. A listed block may still be damaged: {@link #read} checks it.
     */
    public List<Integer> blocks() throws IOException {
        List<Integer> blocks = new ArrayList<>();
        for (FileStatus s : fs.listStatus(directory)) {
            Matcher m = NAME.matcher(s.getPath().getName());
            if (s.isFile() && m.matches()) {
                long index = Long.parseLong(m.group(1));
                if (index <= Integer.MAX_VALUE) {
                    blocks.add((int) index);
                }
            }
        }
        blocks.sort(null);
        return List.copyOf(blocks);
    }

    /** The bytes of the block files stored under their final names. */
    public long bytes() throws IOException {
        long n = 0;
        for (FileStatus s : fs.listStatus(directory)) {
            if (s.isFile() && NAME.matcher(s.getPath().getName()).matches()) {
                n += s.getLen();
            }
        }
        return n;
    }

    /**
     * Reads block {@code block} back, verifying its length, format, index and digest.
     *
     * @throws CorruptBlockException if the file is not an intact block {@code block}: discard it and compute again
     * @throws FileNotFoundException if the block is not stored
     */
    public StoredBlock read(int block) throws IOException {
        Path file = file(block);
        return decode(file, block, HadoopFiles.read(fs, file));
    }

    /** Deletes block {@code block} (e.g. a corrupt one, before it is computed again); absent is fine. */
    public void discard(int block) throws IOException {
        fs.delete(file(block), false);
    }

    /**
     * Deletes the temporary files of writers that never finished. Only while no writer is running (the driver of a
     * resumed run, holding the {@link OutputLock}, before its first task): a live writer's file would be lost.
     *
     * @return the number of files deleted
     */
    public int removeTemporaries() throws IOException {
        int removed = 0;
        for (FileStatus s : fs.listStatus(directory)) {
            if (s.isFile() && HadoopFiles.isTemporary(s.getPath().getName()) && fs.delete(s.getPath(), false)) {
                removed++;
            }
        }
        return removed;
    }

    Path file(int block) {
        return new Path(directory, String.format("block-%010d.vmsb", block));
    }

    static byte[] encode(StoredBlock block) {
        byte[] payload = block.payload();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length + DIGEST_BYTES);
        b.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(block.block()).putLong(block.first()).putLong(block.end())
                .putInt(payload.length).put(payload);
        MessageDigest sha = Sha256.create();
        sha.update(b.array(), 0, b.position());
        b.put(sha.digest());
        return b.array();
    }

    static StoredBlock decode(Path file, int expectedBlock, byte[] bytes) throws CorruptBlockException {
        if (bytes.length < HEADER_BYTES + DIGEST_BYTES) {
            throw corrupt(file, "it has " + bytes.length + " bytes, fewer than the " + (HEADER_BYTES + DIGEST_BYTES)
                    + " of an empty block (truncated)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw corrupt(file, String.format("it does not start with the block magic (0x%08x instead of 0x%08x)",
                    magic, MAGIC));
        }
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw corrupt(file, "it has block format version " + version + "; this vmse reads version "
                    + FORMAT_VERSION);
        }
        int block = b.getInt();
        long first = b.getLong();
        long end = b.getLong();
        int length = b.getInt();
        long expected = (long) HEADER_BYTES + length + DIGEST_BYTES;
        if (length < 0 || expected != bytes.length) {
            throw corrupt(file, "its header announces a payload of " + length + " bytes, so " + expected
                    + " bytes in all, but the file has " + bytes.length + (expected > bytes.length ? " (truncated)"
                    : ""));
        }
        MessageDigest sha = Sha256.create();
        sha.update(bytes, 0, HEADER_BYTES + length);
        byte[] digest = sha.digest();
        if (!MessageDigest.isEqual(digest, Arrays.copyOfRange(bytes, HEADER_BYTES + length, bytes.length))) {
            throw corrupt(file, "its SHA-256 digest does not match its content (altered or damaged)");
        }
        if (block != expectedBlock) {
            throw corrupt(file, "it holds block " + block + " under the name of block " + expectedBlock);
        }
        try {
            return new StoredBlock(block, first, end, Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + length));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static CorruptBlockException corrupt(Path file, String why) {
        return new CorruptBlockException("block file " + file + " is not an intact block: " + why
                + "; its realizations must be computed again");
    }
}
