package org.vmse.job.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.vmse.kernel.ensemble.ExactMoments;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.vmse.SolverBreakdownException;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Monte Carlo ensemble on Spark. The driver broadcasts the problem and the KL basis; the realization indices
 * {@code 0..N-1} are cut into fixed blocks of {@code blockSize} (independent of partitions and cores), the blocks
 * are spread over partitions, and each task builds one {@link RandomMassSolver} and reuses it for all its
 * realizations. Each task adds its realizations into an {@link EnsembleAccumulation} of exact sums, which
 * comes back to the driver as the task ends and is merged there (no zero value travels with the tasks).
 * Realization {@code i} draws from {@code (seed, i)} alone, so the merged moments are bit-identical whatever the
 * partitioning, the executors, task retries or the merge order. Holds no numerics.
 */
public final class EnsembleJob {

    private EnsembleJob() {
    }

    /**
     * Partitions of the blocks: {@code partitions}, or by default 4 per core and at least 64, so that progress (which
     * advances as tasks end) moves in steps of a few percent and the last wave is short; never more than the blocks.
     */
    public static int partitions(JavaSparkContext sc, EnsembleWork work) {
        int p = work.partitions() > 0 ? work.partitions() : Math.max(64, 4 * sc.defaultParallelism());
        return Math.max(1, Math.min(p, work.blocks()));
    }

    /**
     * Runs every block of the ensemble.
     *
     * @param progress told the number of realizations finished, as tasks finish (driver side)
     * @throws RealizationFailedException (as the cause of a Spark failure) for a failed realization unless failures
     *                                    are excluded
     */
    public static EnsembleAccumulation run(JavaSparkContext sc, EnsembleWork work, LongConsumer progress) {
        return run(sc, work, BlockRange.split(0, work.blocks(), partitions(sc, work)), (range, acc) -> { },
                progress);
    }

    /**
     * Runs the given ranges of blocks, one task each. Each task's accumulation comes back to the driver as the task
     * ends and is handed to {@code sink} (a checkpoint writer) before it is merged, so a run killed at any moment has
     * kept every task it saw finish; the merge is exact, so the arrival order does not matter.
     *
     * @param ranges   disjoint ranges of block indices
     * @param sink     told each finished task's range and accumulation, on the driver
     * @param progress told the number of realizations of {@code ranges} finished, as tasks finish (driver side)
     * @return the merged accumulation of {@code ranges}
     * @throws RealizationFailedException (as the cause of a Spark failure) for a failed realization unless failures
     *                                    are excluded
     */
    public static EnsembleAccumulation run(JavaSparkContext sc, EnsembleWork work, List<BlockRange> ranges,
                                           TaskSink sink, LongConsumer progress) {
        EnsembleAccumulation total = new EnsembleAccumulation(work);
        if (ranges.isEmpty()) {
            return total;
        }
        Broadcast<EnsembleWork> shipped = sc.broadcast(work);
        // one range per partition: a collection of n elements cut into n slices gives each slice one element
        JavaRDD<TaskResult> perTask = sc.parallelize(ranges, ranges.size()).map(range -> {
            EnsembleWork w = shipped.value();
            return new TaskResult(range, solveRange(w, range));
        });
        String group = "vmse-ensemble-" + System.nanoTime();
        sc.setJobGroup(group, "vmse Monte Carlo ensemble", true);
        long[] realizations = new long[ranges.size()];
        for (int p = 0; p < realizations.length; p++) {
            realizations[p] = work.realizationsIn(ranges.get(p));
        }
        ProgressWatcher watcher = new ProgressWatcher(sc, group, realizations, progress);
        watcher.start();
        try {
            sc.sc().runJob(perTask.rdd(), new OnlyElement(), new AbstractFunction2<Object, TaskResult, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Object partition, TaskResult r) {
                    sink.accept(r.range(), r.accumulation());
                    total.merge(r.accumulation());
                    return BoxedUnit.UNIT;
                }
            }, ClassTag$.MODULE$.apply(TaskResult.class));
            watcher.completed();
            return total;
        } finally {
            watcher.stop();
            sc.clearJobGroup();
            shipped.destroy();
        }
    }

    /** Receives each finished task's result on the driver. */
    @FunctionalInterface
    public interface TaskSink {

        /** {@code accumulation} holds exactly the realizations of the blocks of {@code range}. */
        void accept(BlockRange range, EnsembleAccumulation accumulation);
    }

    /** What one task sends back: its blocks and their accumulation. */
    record TaskResult(BlockRange range, EnsembleAccumulation accumulation) implements Serializable {
    }

    /** A task's iterator holds its one result. */
    private static final class OnlyElement extends AbstractFunction1<scala.collection.Iterator<TaskResult>, TaskResult>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public TaskResult apply(scala.collection.Iterator<TaskResult> it) {
            return it.next();
        }
    }

    /**
     * The discretization term of the error budget: realizations {@code 0..count-1} solved on the work's mesh and on
     * {@code refined} (the same realizations: same seeds, the KL field evaluated on the finer grid), the difference
     * of their final densities at the coarse points ({@link GridRestriction}) accumulated exactly. {@code refined}
     * must have {@code 2M} points.
     */
    public static ExactMoments pairedDifference(JavaSparkContext sc, EnsembleWork work, RandomMassProblem refined,
                                                int count) {
        if (refined.M() != 2 * work.problem().M()) {
            throw new IllegalArgumentException("the refined mesh must have 2M = " + 2 * work.problem().M()
                    + " points (dx/2), got " + refined.M());
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i);
        }
        int m = work.problem().M();
        Broadcast<EnsembleWork> shipped = sc.broadcast(work);
        Broadcast<RandomMassProblem> fine = sc.broadcast(refined);
        try {
            return sc.parallelize(ids, Math.max(1, Math.min(count, 2 * sc.defaultParallelism())))
                    .mapPartitions(it -> {
                        EnsembleWork w = shipped.value();
                        RandomMassSolver coarse = RandomMassSolver.of(w.problem(), w.basis());
                        RandomMassSolver finer = RandomMassSolver.of(fine.value(), w.basis());
                        GridRestriction restriction = new GridRestriction(finer.grid(), coarse.grid());
                        ExactMoments acc = new ExactMoments(1, m, false);
                        double[] restricted = new double[m];
                        double[] diff = new double[m];
                        while (it.hasNext()) {
                            int i = it.next();
                            double[][] a;
                            double[][] b;
                            try {
                                a = coarse.solve(w.seed(), i).densities();
                                b = finer.solve(w.seed(), i).densities();
                            } catch (SolverBreakdownException e) {
                                if (w.excludeFailures()) {
                                    continue; // the pair is incomplete; the count in the result says how many remain
                                }
                                throw new RealizationFailedException("realization " + i + " (seed " + w.seed()
                                        + ") failed on the mesh pair of the discretization estimate: "
                                        + e.getMessage(), e);
                            }
                            double[] ca = a[a.length - 1];
                            restriction.restrict(b[b.length - 1], restricted);
                            for (int j = 0; j < m; j++) {
                                diff[j] = restricted[j] - ca[j];
                            }
                            acc.add(new double[][] {diff});
                        }
                        return List.of(acc).iterator();
                    })
                    .treeAggregate(new ExactMoments(1, m, false), ExactMoments::merge, ExactMoments::merge, 2);
        } finally {
            shipped.destroy();
            fine.destroy();
        }
    }

    /** The work of one task: one solver workspace, all the range's blocks. */
    public static EnsembleAccumulation solveRange(EnsembleWork work, BlockRange range) {
        RandomMassSolver solver = RandomMassSolver.of(work.problem(), work.basis());
        EnsembleAccumulation acc = new EnsembleAccumulation(work);
        for (int b = range.first(); b < range.end(); b++) {
            long first = (long) b * work.blockSize();
            long end = Math.min(work.samples(), first + work.blockSize());
            long t0 = System.nanoTime();
            for (long i = first; i < end; i++) {
                try {
                    acc.add(b, solver.solve(work.seed(), i));
                } catch (SolverBreakdownException e) {
                    String what = "realization " + i + " (seed " + work.seed() + ") failed: " + e.getMessage();
                    if (!work.excludeFailures()) {
                        throw new RealizationFailedException(what
                                + "; set ensemble.onFailure = exclude to count and exclude such realizations", e);
                    }
                    acc.addFailure(i, what);
                }
            }
            acc.addComputeSeconds((System.nanoTime() - t0) * 1e-9);
        }
        return acc;
    }
}
