package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The defaults an ensemble's Spark context gets, and that a user's setting wins over them. */
class SparkContextsTest {

    /**
     * The sum of the task results is not capped: at eps = 2^-10 one task's accumulation is 1,666,496 cells of 16
     * bytes (docs/scaling.md), so Spark's default cap of 1 GiB would stop a 64-task job after 40 tasks.
     */
    @Test
    void theSumOfTaskResultsIsNotCappedUnlessTheUserCapsIt() {
        assertEquals("0", SparkContexts.conf("local[1]", "test").get(SparkContexts.MAX_RESULT_SIZE));
        String before = System.getProperty(SparkContexts.MAX_RESULT_SIZE);
        System.setProperty(SparkContexts.MAX_RESULT_SIZE, "2g");
        try {
            SparkConf conf = SparkContexts.conf("local[1]", "test");
            assertEquals("2g", conf.get(SparkContexts.MAX_RESULT_SIZE));
        } finally {
            if (before == null) {
                System.clearProperty(SparkContexts.MAX_RESULT_SIZE);
            } else {
                System.setProperty(SparkContexts.MAX_RESULT_SIZE, before);
            }
        }
    }

    /**
     * A cluster's executors get the vector API's module, added to the options a user gave them; local masters run in
     * the driver's JVM, which its launcher starts (submit/vmse). ({@code spark.jars} is set, as spark-submit sets it,
     * so that no assembly is looked for.)
     */
    @Test
    void aClustersExecutorsGetTheVectorApiBesideTheUsersOptions() throws Exception {
        try (java.net.ServerSocket master = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "spark://127.0.0.1:" + master.getLocalPort();
            System.setProperty("spark.jars", "vmse.jar");
            try {
                assertEquals(SparkContexts.VECTOR_API,
                        SparkContexts.conf(url, "test").get(SparkContexts.EXECUTOR_OPTIONS));
                System.setProperty(SparkContexts.EXECUTOR_OPTIONS, "-Dx=1");
                assertEquals("-Dx=1 " + SparkContexts.VECTOR_API,
                        SparkContexts.conf(url, "test").get(SparkContexts.EXECUTOR_OPTIONS));
                System.setProperty(SparkContexts.EXECUTOR_OPTIONS, "--add-modules jdk.incubator.vector");
                assertEquals("--add-modules jdk.incubator.vector",
                        SparkContexts.conf(url, "test").get(SparkContexts.EXECUTOR_OPTIONS), "not added twice");
            } finally {
                System.clearProperty(SparkContexts.EXECUTOR_OPTIONS);
                System.clearProperty("spark.jars");
            }
        }
        assertFalse(SparkContexts.conf("local[1]", "test").contains(SparkContexts.EXECUTOR_OPTIONS));
    }
}
