package org.vmse.job.spark;

import java.util.function.LongConsumer;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Polls Spark's status tracker on the driver and reports realizations finished as tasks of the ensemble's job
 * group complete (a task's realizations count when the task ends: partitions are the granularity).
 */
final class ProgressWatcher {

    private final JavaSparkContext sc;
    private final String group;
    private final long samples;
    private final LongConsumer progress;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressWatcher(JavaSparkContext sc, String group, long samples, LongConsumer progress) {
        this.sc = sc;
        this.group = group;
        this.samples = samples;
        this.progress = progress;
        this.thread = new Thread(this::poll, "vmse-progress");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void finish() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.accept(samples);
    }

    private void poll() {
        long last = -1;
        while (running) {
            long done = 0;
            long total = 0;
            for (int job : sc.statusTracker().getJobIdsForGroup(group)) {
                SparkJobInfo info = sc.statusTracker().getJobInfo(job);
                if (info == null) {
                    continue;
                }
                // the job's first stage solves; the later ones of treeAggregate only merge
                int first = Integer.MAX_VALUE;
                for (int stage : info.stageIds()) {
                    first = Math.min(first, stage);
                }
                SparkStageInfo s = first == Integer.MAX_VALUE ? null : sc.statusTracker().getStageInfo(first);
                if (s != null && s.numTasks() > 0) {
                    done = s.numCompletedTasks();
                    total = s.numTasks();
                }
            }
            long realizations = total == 0 ? 0 : samples * done / total;
            if (realizations != last && realizations < samples) {
                progress.accept(realizations);
                last = realizations;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
