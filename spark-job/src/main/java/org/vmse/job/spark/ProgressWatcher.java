package org.vmse.job.spark;

import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reports the realizations finished by the tasks of one ensemble job, as the driver's scheduler tells of their ends (a
 * listener on the driver). A partition counts once, with the realizations of its own blocks, when a task of it ends
 * successfully: a failed attempt, a task lost with its executor, and a second successful attempt of a partition already
 * counted (a speculative copy, a resubmitted stage) add nothing. So the reported count never goes back and never
 * exceeds the realizations of the partitions that succeeded.
 */
final class ProgressWatcher extends SparkListener {

    /** The job property in which {@link JavaSparkContext#setJobGroup} puts the group (Spark's name for it). */
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private final SparkContext sc;
    private final String group;
    private final long[] realizations;
    private final long samples;
    private final LongConsumer progress;
    /** The stages of the group's jobs, learnt as the jobs start (before any of their tasks ends). */
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final BitSet counted;
    private long done;
    private boolean finished;

    /**
     * @param sc           the driver's context
     * @param group        the job group of the ensemble's job
     * @param realizations the realizations of each partition of the job
     * @param progress     told the realizations finished, increasing, on Spark's listener thread
     */
    ProgressWatcher(JavaSparkContext sc, String group, long[] realizations, LongConsumer progress) {
        this.sc = sc.sc();
        this.group = group;
        this.realizations = realizations.clone();
        long total = 0;
        for (long r : realizations) {
            total += r;
        }
        this.samples = total;
        this.progress = progress;
        this.counted = new BitSet(realizations.length);
    }

    /** Starts listening; before the job is submitted. */
    void start() {
        sc.addSparkListener(this);
    }

    /** Reports all realizations: the job has returned every partition's result. Task ends heard later add nothing. */
    synchronized void completed() {
        finished = true;
        done = samples;
        progress.accept(samples);
    }

    /** Stops listening, whether the job completed or failed; task ends heard later add nothing. */
    void stop() {
        sc.removeSparkListener(this);
        synchronized (this) {
            finished = true;
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (jobStart.properties() != null
                && group.equals(jobStart.properties().getProperty(JOB_GROUP))) {
            for (Object stage : CollectionConverters.asJava(jobStart.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (stages.contains(taskEnd.stageId()) && taskEnd.taskInfo().successful()) {
            partitionSucceeded(taskEnd.taskInfo().partitionId());
        }
    }

    /** Counts partition {@code p} if it is the first success of it; reports the new count below the total. */
    synchronized void partitionSucceeded(int p) {
        if (finished || p < 0 || p >= realizations.length || counted.get(p)) {
            return;
        }
        counted.set(p);
        done += realizations[p];
        if (done < samples) {
            progress.accept(done); // all of them are reported by completed(), once every result is in
        }
    }
}
