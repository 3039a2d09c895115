package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmse.job.CliRunner;
import org.vmse.job.config.ConfigurationException;

/** Master URLs as Spark accepts them (its SparkContext.createTaskScheduler), and the checks made before a context. */
class SparkMasterTest {

    @Test
    void theFormsSparkAcceptsAreKnown() {
        for (String local : List.of("local", "local[1]", "local[*]", "local[4,2]", "local[*,3]")) {
            assertEquals(SparkMaster.Kind.LOCAL, SparkMaster.parse(local).kind(), local);
        }
        assertEquals(SparkMaster.Kind.LOCAL_CLUSTER, SparkMaster.parse("local-cluster[2,1,1024]").kind());
        assertEquals(SparkMaster.Kind.MANAGER, SparkMaster.parse("yarn").kind());
        assertEquals(SparkMaster.Kind.MANAGER, SparkMaster.parse("k8s://https://10.0.0.1:6443").kind());
        SparkMaster ha = SparkMaster.parse("spark://m1:7077,m2.example.org:7078");
        assertEquals(SparkMaster.Kind.STANDALONE, ha.kind());
        assertEquals(List.of("m1:7077", "m2.example.org:7078"),
                ha.masters().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
        assertTrue(!SparkMaster.Kind.LOCAL.remote() && SparkMaster.Kind.STANDALONE.remote()
                && SparkMaster.Kind.LOCAL_CLUSTER.remote());
    }

    @Test
    void anythingElseIsRefusedNamingMaster() {
        for (String bad : List.of("garbage", "", "local[0]", "local[x]", "spark://", "spark://host",
                "spark://host:0", "spark://host:70000", "spark://a:1,", "k8s://")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> SparkMaster.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--master (spark.master) must be") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }

    @Test
    void aClosedPortIsReportedWithTheMaster() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SparkMaster.parse(url).requireReachable());
        assertTrue(e.getMessage().startsWith("--master " + url + ": no Spark master answers at 127.0.0.1:" + port),
                e.getMessage());
    }

    @Test
    void anOpenPortPasses() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SparkMaster.parse("spark://127.0.0.1:" + s.getLocalPort()).requireReachable();
        }
    }

    @Test
    void aMalformedMasterIsBadInputForTheCommandLine() {
        CliRunner.Result r = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
                "samples=4", "--set", "rte.enabled=false", "--master", "garbage", "-q");
        // exit code 2 is the command line's "bad input" (VmseCli.BAD_INPUT)
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--master (spark.master) must be") && !r.err().contains("internal error"),
                r.err());
    }
}
