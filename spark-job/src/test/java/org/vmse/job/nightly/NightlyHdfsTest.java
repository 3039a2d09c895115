package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;

/**
 * A night on an HDFS root (a name node and a data node in this JVM): the studies run in the local work folder and
 * are copied up, the contract's files and the history land on HDFS, and the work folder is gone afterwards.
 */
class NightlyHdfsTest {

    private static final String HDFS_LOG = "org.apache.hadoop.hdfs";

    @TempDir
    Path tmp;

    @Test
    @Tag("slow")
    void aNightOnHdfsEndsWithItsFilesThere() throws Exception {
        Level level = LogManager.getLogger(HDFS_LOG).getLevel();
        Configurator.setLevel(HDFS_LOG, Level.OFF);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            String root = cluster.getURI() + "/vmse/nightly";
            Path work = tmp.resolve("work");
            Result r = CliRunner.vmse("nightly", NightlyTest.tinyNight(tmp).toString(), "--root", root, "--date",
                    "2026-03-01", "--work", work.toString(), "--quiet");
            assertEquals(0, r.code(), r.err() + r.out());
            FileSystem fs = cluster.getFileSystem();
            for (String f : new String[] {"nights/2026-03-01/night.json", "nights/2026-03-01/regressions.json",
                "nights/2026-03-01/runs/ex1/study.json", "nights/2026-03-01/runs/gamma1/study.json",
                "nights/2026-03-01/runs/gamma1/runs/xi=gaussian_eps=2^-4/profiles.csv"}) {
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/vmse/nightly/" + f)), f);
            }
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/vmse/nightly/nights/2026-03-01/runs/gamma1/runs/"
                    + "xi=gaussian_eps=2^-4/_checkpoint")), "the checkpoints stay in the work folder");
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/vmse/nightly/lock")), "released");
            try (var left = Files.list(work)) {
                assertEquals(0, left.flatMap(d -> {
                    try {
                        return Files.list(d);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).count(), "the night's work folder is removed once the night is complete");
            }
            SparkSession spark = HistoryTable.session(conf);
            try {
                long points = spark.read().parquet(root + "/history").where("row = 'point'").count();
                assertEquals(4, points, "2 eps of example 1 and 2 of the ensemble");
            } finally {
                spark.stop();
            }
        } finally {
            cluster.shutdown(true);
            Configurator.setLevel(HDFS_LOG, level);
        }
    }
}
