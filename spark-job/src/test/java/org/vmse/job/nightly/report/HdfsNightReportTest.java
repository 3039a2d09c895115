package org.vmse.job.nightly.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a root on HDFS (a name node and a data node in this JVM): read and written there, nothing local. */
@Tag("slow")
class HdfsNightReportTest {

    @TempDir
    Path local;

    @TempDir
    Path base;

    /** The data node logs its interrupted command thread as an error when the cluster shuts down: not shown. */
    private static final String DATA_NODE_LOG = "org.apache.hadoop.hdfs.server";

    @Test
    void theNightsOfAnHdfsRootAreReportedOnHdfs() throws Exception {
        SyntheticNights.write(local);
        Level dataNodeLevel = LogManager.getLogger(DATA_NODE_LOG).getLevel();
        Configurator.setLevel(DATA_NODE_LOG, Level.OFF);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            URI root = URI.create(cluster.getURI() + "/results");
            FileSystem fs = FileSystem.get(root, conf);
            copy(fs, local, new org.apache.hadoop.fs.Path(root));

            URI page = NightReport.writeAll(root, conf, SyntheticNights.BROKEN);

            assertEquals("hdfs", page.getScheme());
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(page).getParent();
            String html = new String(fs.open(new org.apache.hadoop.fs.Path(page)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(html.contains("3 regressions"), "the page read its night.json from HDFS");
            for (String png : new String[] {"study-1-err.png", "study-2-err.png", "history-run-time.png"}) {
                assertTrue(fs.getFileStatus(new org.apache.hadoop.fs.Path(dir, png)).getLen() > 0, png);
            }
            FileStatus[] index = fs.listStatus(new org.apache.hadoop.fs.Path(root + "/report"));
            assertTrue(Stream.of(index).anyMatch(s -> s.getPath().getName().equals("index.html")));
            assertTrue(Stream.of(index).noneMatch(s -> s.getPath().getName().startsWith(".")),
                    "no temporary file left beside the index");
        } finally {
            cluster.shutdown(true);
            Configurator.setLevel(DATA_NODE_LOG, dataNodeLevel);
        }
    }

    /** Copies the local tree under {@code from} to {@code to} on {@code fs}. */
    private static void copy(FileSystem fs, Path from, org.apache.hadoop.fs.Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()),
                        new org.apache.hadoop.fs.Path(to, from.relativize(f).toString()));
            }
        }
        fs.mkdirs(new org.apache.hadoop.fs.Path(to, "nights/" + SyntheticNights.INCOMPLETE));
    }
}
