package org.vmse.job.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.vmse.kernel.ensemble.ExactMoments;
import org.vmse.kernel.grid.GridRestriction;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassFields;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RandomMassSolver;
import org.vmse.kernel.random.RealizationResult;
import org.vmse.kernel.vmse.SolverBreakdownException;

/**
 * The Monte Carlo ensemble on Spark. The driver broadcasts the problem and the KL basis; the realization indices
 * {@code 0..N-1} are cut into fixed blocks of {@code blockSize} (independent of partitions and cores), the blocks
 * are spread over partitions, and each task builds one {@link RandomMassSolver} and reuses it for all its
 * realizations. Each block folds its densities into exact moments; partitions are merged by {@code treeAggregate}.
 * Realization {@code i} draws from {@code (seed, i)} alone, so the merged moments are bit-identical whatever the
 * partitioning, the executors, task retries or the merge order. Holds no numerics.
 */
public final class EnsembleJob {

    /** Parameters of one ensemble. */
    public record Plan(RandomMassProblem problem, KarhunenLoeveBasis basis, long seed, int samples, int blockSize,
                       int partitions, int covarianceStride, boolean excludeFailures, int batches)
            implements java.io.Serializable {
    }

    private EnsembleJob() {
    }

    /**
     * Partitions of the blocks: {@code partitions}, or by default 4 per core and at least 64, so that progress (which
     * advances as tasks end) moves in steps of a few percent and the last wave is short; never more than the blocks.
     */
    public static int partitions(JavaSparkContext sc, Plan plan) {
        int p = plan.partitions() > 0 ? plan.partitions() : Math.max(64, 4 * sc.defaultParallelism());
        return Math.max(1, Math.min(p, blocks(plan)));
    }

    /** The number of blocks of a plan. */
    static int blocks(Plan plan) {
        return (plan.samples() + plan.blockSize() - 1) / plan.blockSize();
    }

    /**
     * Runs the ensemble.
     *
     * @param progress told the number of realizations finished, as tasks finish (driver side)
     * @throws RealizationFailedException (as the cause of a Spark failure) for a failed realization unless failures
     *                                    are excluded
     */
    public static BlockResult run(JavaSparkContext sc, Plan plan, LongConsumer progress) {
        int blocks = blocks(plan);
        int partitions = partitions(sc, plan);
        List<Integer> ids = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            ids.add(b);
        }
        Broadcast<Plan> shipped = sc.broadcast(plan);
        JavaRDD<BlockResult> perPartition = sc.parallelize(ids, partitions)
                .mapPartitions(it -> List.of(solvePartition(shipped.value(), it)).iterator());
        String group = "vmse-ensemble-" + System.nanoTime();
        sc.setJobGroup(group, "vmse Monte Carlo ensemble", true);
        ProgressWatcher watcher = new ProgressWatcher(sc, group, plan.samples(), progress);
        watcher.start();
        try {
            BlockResult zero = empty(plan);
            return perPartition.treeAggregate(zero, BlockResult::merge, BlockResult::merge, 2);
        } finally {
            watcher.finish();
            sc.clearJobGroup();
            shipped.destroy();
        }
    }

    /**
     * The discretization term of the error budget: realizations {@code 0..count-1} solved on the plan's mesh and on
     * {@code refined} (the same realizations: same seeds, the KL field evaluated on the finer grid), the difference
     * of their final densities at the coarse points ({@link GridRestriction}) accumulated exactly. {@code refined}
     * must have {@code 2M} points.
     */
    public static ExactMoments pairedDifference(JavaSparkContext sc, Plan plan, RandomMassProblem refined, int count) {
        if (refined.M() != 2 * plan.problem().M()) {
            throw new IllegalArgumentException("the refined mesh must have 2M points");
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i);
        }
        int m = plan.problem().M();
        Broadcast<Plan> shipped = sc.broadcast(plan);
        Broadcast<RandomMassProblem> fine = sc.broadcast(refined);
        try {
            return sc.parallelize(ids, Math.max(1, Math.min(count, 2 * sc.defaultParallelism())))
                    .mapPartitions(it -> {
                        Plan p = shipped.value();
                        RandomMassSolver coarse = new RandomMassSolver(p.problem(),
                                RandomMassFields.create(p.problem(), p.basis()));
                        RandomMassSolver finer = new RandomMassSolver(fine.value(),
                                RandomMassFields.create(fine.value(), p.basis()));
                        GridRestriction restriction = new GridRestriction(finer.grid(), coarse.grid());
                        ExactMoments acc = new ExactMoments(1, m, false);
                        double[] restricted = new double[m];
                        double[] diff = new double[m];
                        while (it.hasNext()) {
                            int i = it.next();
                            double[][] a;
                            double[][] b;
                            try {
                                a = coarse.solve(p.seed(), i).densities();
                                b = finer.solve(p.seed(), i).densities();
                            } catch (SolverBreakdownException e) {
                                if (p.excludeFailures()) {
                                    continue; // the pair is incomplete; the count in the result says how many remain
                                }
                                throw new RealizationFailedException("realization " + i + " (seed " + p.seed()
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

    /** The work of one task: one solver workspace, all the task's blocks. */
    static BlockResult solvePartition(Plan plan, Iterator<Integer> blockIds) {
        RandomMassSolver solver = new RandomMassSolver(plan.problem(),
                RandomMassFields.create(plan.problem(), plan.basis()));
        BlockResult acc = empty(plan);
        int stride = plan.covarianceStride();
        while (blockIds.hasNext()) {
            int b = blockIds.next();
            long first = (long) b * plan.blockSize();
            long end = Math.min(plan.samples(), first + plan.blockSize());
            long t0 = System.nanoTime();
            for (long i = first; i < end; i++) {
                RealizationResult r;
                try {
                    r = solver.solve(plan.seed(), i);
                } catch (SolverBreakdownException e) {
                    String what = "realization " + i + " (seed " + plan.seed() + ") failed: " + e.getMessage();
                    if (!plan.excludeFailures()) {
                        throw new RealizationFailedException(what
                                + "; set ensemble.onFailure = exclude to count and exclude such realizations", e);
                    }
                    acc.failed++;
                    acc.failures.put(i, what);
                    while (acc.failures.size() > BlockResult.FAILURES_KEPT) {
                        acc.failures.pollLastEntry();
                    }
                    continue;
                }
                double[][] rho = r.densities();
                acc.full.add(rho);
                acc.batches[b % plan.batches()].add(new double[][] {rho[rho.length - 1]});
                acc.strided.add(strided(rho, stride));
                acc.nonPositivePoints += r.nonPositivePoints();
                acc.steps += r.steps();
                acc.krylovIterations += r.krylovIterations();
                acc.substeps += r.substeps();
                acc.massMinimum = Math.min(acc.massMinimum, r.massMinimum());
            }
            acc.computeSeconds += (System.nanoTime() - t0) * 1e-9;
        }
        return acc;
    }

    static BlockResult empty(Plan plan) {
        int outputs = plan.problem().outputTimes().length;
        int m = plan.problem().M();
        int n = (m + plan.covarianceStride() - 1) / plan.covarianceStride();
        ExactMoments[] batches = new ExactMoments[plan.batches()];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new ExactMoments(1, m, false);
        }
        return new BlockResult(new ExactMoments(outputs, m, false), new ExactMoments(outputs, n, true), batches);
    }

    static double[][] strided(double[][] rho, int stride) {
        double[][] s = new double[rho.length][];
        for (int k = 0; k < rho.length; k++) {
            int n = (rho[k].length + stride - 1) / stride;
            s[k] = new double[n];
            for (int p = 0; p < n; p++) {
                s[k][p] = rho[k][p * stride];
            }
        }
        return s;
    }
}
