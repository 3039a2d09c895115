package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
