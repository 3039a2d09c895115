package org.vmse.job.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of an ensemble: Kryo with registration required; no cap on the sum of the task results, which the
 * driver merges one by one as they arrive; for {@code local[...]} masters the driver, block manager and UI kept on
 * loopback and Spark's scratch files in a folder of the driver process's own, which a later driver removes if this
 * one is killed ({@link ScratchFolders}); for a cluster master the jars its executors need ({@link JobJars}), unless
 * {@code spark-submit} has set {@code spark.jars} already. {@code spark-submit} settings win over these defaults. The
 * master is checked first ({@link SparkMaster}): a malformed URL or an unreachable standalone master stops the run
 * with a message naming {@code --master}.
 */
public final class SparkContexts {

    /** The cap on the sum of a job's serialized task results; 0: none. */
    static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";

    private SparkContexts() {
    }

    /** The configuration for {@code master} ({@code spark.master} wins where set), the master checked first. */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
        }
        SparkMaster m = SparkMaster.parse(conf.get("spark.master"));
        m.requireReachable();
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.kryo.registrator", VmseKryoRegistrator.class.getName());
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Spark stops a job whose task results add up to more than this (1 GiB by default), a guard for collect().
        // An ensemble's results are merged one at a time as they arrive and then dropped, so their sum is never held,
        // yet it grows with the tasks: at eps = 2^-10 one task returns 27 MB and 64 tasks pass 1 GiB
        // (docs/scaling.md).
        conf.setIfMissing(MAX_RESULT_SIZE, "0");
        if (m.kind().remote()) {
            if (!conf.contains("spark.jars")) {
                conf.set("spark.jars", String.join(",", JobJars.toShip()));
            }
        } else {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
            ScratchFolders.use(conf, System.getenv("SPARK_LOCAL_DIRS"), ScratchFolders.ROOT);
        }
        return conf;
    }

    public static JavaSparkContext start(String master, String appName) {
        return new JavaSparkContext(conf(master, appName));
    }
}
