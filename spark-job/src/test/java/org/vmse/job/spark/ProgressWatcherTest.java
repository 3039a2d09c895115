package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realizations reported as an ensemble's tasks end: each partition counts once, on a successful end, so the count
 * only grows. Partition {@code p} is given {@code 2^p} realizations, so every reported count names, bit by bit, the
 * partitions it counted.
 */
class ProgressWatcherTest {

    private static final int PARTITIONS = 6;
    private static final long[] POWERS_OF_TWO = IntStream.range(0, PARTITIONS).mapToLong(p -> 1L << p).toArray();
    private static final long ALL = (1L << PARTITIONS) - 1;

    /** The executor and the scheduler log each failed attempt with its stack trace: expected here, so not shown. */
    private static final List<String> TASK_FAILURE_LOGS = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager");

    private static JavaSparkContext sc;
    private static final Map<String, Level> LEVELS = new HashMap<>();

    @BeforeAll
    static void start() {
        for (String log : TASK_FAILURE_LOGS) {
            LEVELS.put(log, LogManager.getLogger(log).getLevel());
            Configurator.setLevel(log, Level.OFF);
        }
        // local[2,4]: two threads, a task may fail 3 times before the job does
        sc = SparkContexts.start("local[2,4]", "progress-watcher-test");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
        LEVELS.forEach(Configurator::setLevel);
    }

    @Test
    void failedAttemptsAddNothingAndTheCountOnlyGrows() {
        List<Long> reported = new ArrayList<>();
        String group = "watched";
        sc.setJobGroup(group, "watched", true);
        ProgressWatcher watcher = new ProgressWatcher(sc, group, POWERS_OF_TWO, reported::add);
        watcher.start();
        List<Integer> partitions = IntStream.range(0, PARTITIONS).boxed().toList();
        try {
            // every even partition's first attempt fails, then succeeds when Spark retries it
            List<Integer> out = sc.parallelize(partitions, PARTITIONS).map(p -> {
                if (p % 2 == 0 && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("first attempt of partition " + p + " fails");
                }
                return p;
            }).collect();
            assertEquals(partitions, out);
            sc.setJobGroup("another", "not watched", true);
            sc.parallelize(partitions, PARTITIONS).count(); // another group's tasks: not counted
            watcher.completed();
        } finally {
            watcher.stop();
            sc.clearJobGroup();
        }
        assertEquals(ALL, reported.get(reported.size() - 1), "all realizations at the end: " + reported);
        for (int i = 1; i < reported.size(); i++) {
            long before = reported.get(i - 1);
            long now = reported.get(i);
            assertTrue(now > before && (now & before) == before, "each count adds partitions to the ones before"
                    + " (bit p = partition p): " + reported);
        }
        assertTrue(reported.size() <= PARTITIONS, "one report per partition at most, and the end: " + reported);
    }

    @Test
    void aSecondSuccessOfAPartitionAndTaskEndsAfterTheEndAddNothing() {
        List<Long> reported = new ArrayList<>();
        ProgressWatcher watcher = new ProgressWatcher(sc, "unused", POWERS_OF_TWO, reported::add);
        watcher.partitionSucceeded(3);
        watcher.partitionSucceeded(3); // a speculative copy, or the partition of a resubmitted stage
        watcher.partitionSucceeded(0);
        watcher.partitionSucceeded(PARTITIONS); // not a partition of this job
        watcher.completed();
        watcher.partitionSucceeded(1); // heard after the job returned
        assertEquals(List.of(8L, 9L, ALL), reported);
    }
}
