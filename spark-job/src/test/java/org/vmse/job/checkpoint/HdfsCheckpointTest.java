package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.checkpoint.RunStatus.State;
import org.vmse.job.config.ConfigurationException;

/** The checkpoint on a real HDFS (a name node and a data node in this JVM): what a resume would find there. */
class HdfsCheckpointTest {

    @TempDir
    static Path base;

    /** The data node logs the aborted write of the killed writer as an error: expected here, so not shown. */
    private static final String DATA_NODE_LOG = "org.apache.hadoop.hdfs.server";

    private static MiniDFSCluster cluster;
    private static Configuration conf;
    private static Level dataNodeLevel;

    @BeforeAll
    static void startHdfs() throws Exception {
        dataNodeLevel = LogManager.getLogger(DATA_NODE_LOG).getLevel();
        Configurator.setLevel(DATA_NODE_LOG, Level.OFF);
        conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
        Configurator.setLevel(DATA_NODE_LOG, dataNodeLevel);
    }

    private static URI at(String path) {
        return URI.create(cluster.getURI() + path);
    }

    /** A block of {@code 8} realizations with a payload of 64 KiB (several HDFS packets), fixed by the index. */
    private static StoredBlock block(int b) {
        byte[] payload = new byte[64 * 1024];
        new Random(b).nextBytes(payload);
        return new StoredBlock(b, 8L * b, 8L * b + 8, payload);
    }

    @Test
    void aWriterKilledMidWriteLeavesOnlyCompleteBlocksVisible() throws Exception {
        URI dir = at("/runs/killed/blocks");
        BlockStore store = BlockStore.open(dir, conf);
        for (int b = 0; b < 3; b++) {
            store.write(block(b));
        }
        // a second client writes block 3 and dies half way: its stream is aborted, not closed, as when the
        // process is killed; the name node keeps the file under construction under its temporary name
        FileSystem writer = FileSystem.newInstance(dir, conf);
        byte[] whole = BlockStore.encode(block(3));
        FSDataOutputStream out = writer.create(HadoopFiles.temporary(store.file(3)), false);
        out.write(whole, 0, whole.length / 2);
        out.hflush();
        ((DistributedFileSystem) writer).getClient().closeAllFilesBeingWritten(true);

        BlockStore resumed = BlockStore.open(dir, conf);
        assertEquals(List.of(0, 1, 2), resumed.blocks());
        for (int b = 0; b < 3; b++) {
            assertEquals(block(b), resumed.read(b));
        }
        assertEquals(1, resumed.removeTemporaries());
        assertEquals(3, FileSystem.get(dir, conf).listStatus(new org.apache.hadoop.fs.Path(dir)).length);

        // the resumed run computes block 3 again
        resumed.write(block(3));
        assertEquals(List.of(0, 1, 2, 3), resumed.blocks());
        assertEquals(block(3), resumed.read(3));
    }

    @Test
    void aTruncatedBlockUnderItsFinalNameIsDetectedOnHdfs() throws Exception {
        BlockStore store = BlockStore.open(at("/runs/truncated/blocks"), conf);
        byte[] whole = BlockStore.encode(block(5));
        FileSystem fs = FileSystem.get(store.location(), conf);
        try (FSDataOutputStream out = fs.create(store.file(5), false)) {
            out.write(Arrays.copyOf(whole, whole.length - 100));
        }
        assertEquals(List.of(5), store.blocks());
        CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> store.read(5));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void manifestStatusAndLockWorkOnHdfs() throws Exception {
        TreeMap<String, String> keys = new TreeMap<>(Map.of("eps", "\"2^-6\"", "random.D", "1.5"));
        RunManifest m = new RunManifest(RunManifest.FORMAT_VERSION, "ens", 1, 8, "jtransforms", "abc",
                RunManifest.fingerprintOf(keys), keys);
        URI manifest = at("/runs/files/manifest.json");
        m.write(manifest, conf);
        m.write(manifest, conf); // a rename onto an existing file: HDFS's overwriting rename
        assertEquals(Optional.of(m), RunManifest.read(manifest, conf));

        StatusFile status = StatusFile.at(at("/runs/files/status.json"), conf);
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        for (long done = 0; done <= 16; done += 8) {
            RunStatus s = new RunStatus(State.RUNNING, done, 16, 0, 2.0, start, start.plusSeconds(done),
                    DriverProcess.current());
            status.write(s);
            assertEquals(Optional.of(s), status.read());
        }

        URI lockFile = at("/runs/files.lock");
        try (OutputLock lock = OutputLock.acquire(lockFile, conf)) {
            assertEquals(Optional.empty(), lock.takeover());
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> OutputLock.acquire(lockFile, conf));
            assertTrue(e.getMessage().contains("is held by the vmse run started"), e.getMessage());
        }
        OutputLock.acquire(lockFile, conf).close();
    }
}
