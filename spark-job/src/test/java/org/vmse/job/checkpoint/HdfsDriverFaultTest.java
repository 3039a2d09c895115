package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.JavaProcesses;

/**
 * An ensemble whose {@code --out} is on a real HDFS (a name node and a data node in this JVM), run by a driver in a
 * JVM of its own that is killed with SIGKILL once some blocks are stored there; {@code vmse resume hdfs://...} in
 * another JVM writes profiles.csv and covariance.csv into HDFS byte-identical to an undisturbed local run. The
 * drivers are given the name node only through the URI: no {@code HADOOP_CONF_DIR}.
 */
@Tag("slow")
class HdfsDriverFaultTest {

    /** 20 tasks of one block of 3 realizations, one at a time (local[1]), so a kill lands between blocks. */
    private static final List<String> SMALL = List.of("../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
            "T=0.1", "--set", "samples=60", "--set", "ensemble.blockSize=3", "--set", "partitions=20", "--set",
            "ensemble.covarianceStride=8", "--set", "rte.enabled=false", "--set", "fft=jtransforms", "--master",
            "local[1]", "--quiet");
    private static final int TASKS = 20;
    /** Blocks stored before the kill: some, and few enough that the rest are certainly still running. */
    private static final int KILL_AFTER = 4;
    /** The data node logs the aborted writes of the killed driver as errors: expected here, so not shown. */
    private static final String DATA_NODE_LOG = "org.apache.hadoop.hdfs.server";

    @TempDir
    static Path tmp;

    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;
    private static Level dataNodeLevel;
    private static Path reference;

    @BeforeAll
    static void startHdfsAndRunUndisturbed() throws Exception {
        dataNodeLevel = LogManager.getLogger(DATA_NODE_LOG).getLevel();
        Configurator.setLevel(DATA_NODE_LOG, Level.OFF);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = FileSystem.get(URI.create(nameNode()), conf);

        reference = tmp.resolve("reference");
        CliRunner.Result r = CliRunner.vmse(args("run", "--out", reference.toString()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
        Configurator.setLevel(DATA_NODE_LOG, dataNodeLevel);
    }

    @Test
    void aDriverKilledWhileWritingToHdfsIsResumedFromHdfsToTheSameBytes() throws Exception {
        String out = nameNode() + "/runs/x";
        Path log = tmp.resolve("killed.log");
        ProcessBuilder run = JavaProcesses.java("768m", log, List.of(), "org.vmse.job.cli.VmseCli",
                args("run", "--out", out));
        run.environment().remove("HADOOP_CONF_DIR");
        Process driver = run.start();
        int stored = JavaProcesses.awaitCount(() -> blocks(out), KILL_AFTER, driver, log);
        driver.destroyForcibly().waitFor(); // SIGKILL: no hook runs, HDFS leases and the lock are left behind
        int left = blocks(out);
        assertTrue(left >= stored && left < TASKS, left + " of " + TASKS + " blocks stored at the kill");
        assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(out, RunCheckpoint.SUMMARY)));
        CliRunner.Result status = CliRunner.vmse("status", out);
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().startsWith("dead") && status.out().contains("is gone"), status.out());

        Path resumeLog = tmp.resolve("resume.log");
        ProcessBuilder resume = JavaProcesses.java("768m", resumeLog, List.of(), "org.vmse.job.cli.VmseCli",
                List.of("resume", out, "--quiet"));
        resume.environment().remove("HADOOP_CONF_DIR");
        JavaProcesses.Finished resumed = JavaProcesses.waitFor(resume.start(), resumeLog, 300);
        assertEquals(0, resumed.code(), resumed.log());
        assertTrue(resumed.log().contains("took over the lock"), "the dead driver's lock is taken over: "
                + resumed.log());
        assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(out, RunCheckpoint.SUMMARY)));
        for (String f : List.of("profiles.csv", "covariance.csv")) {
            byte[] read;
            try (var in = hdfs.open(new org.apache.hadoop.fs.Path(out, f))) {
                read = in.readAllBytes();
            }
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), read, f + " read back from " + out
                    + " differs from the undisturbed local run (killed after " + left + " blocks)");
        }
    }

    /** The name node as the drivers are given it: a complete URI, loopback address and port. */
    private static String nameNode() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    private static int blocks(String out) throws Exception {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(URI.create(out + "/"
                + RunCheckpoint.FOLDER + "/blocks"));
        if (!hdfs.exists(dir)) {
            return 0;
        }
        int n = 0;
        for (FileStatus s : hdfs.listStatus(dir)) {
            if (s.getPath().getName().endsWith(".vmsb")) {
                n++;
            }
        }
        return n;
    }

    private static List<String> args(String command, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(SMALL);
        all.addAll(List.of(more));
        return all;
    }
}
