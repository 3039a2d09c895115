package org.vmse.job.spark;

import java.io.Serializable;
import java.util.TreeMap;
import org.vmse.kernel.ensemble.ExactMoments;

/**
 * The merged observables of a set of realization blocks: exact moments on the full grid and, with the covariance,
 * on the strided output grid; the count of realizations that failed (with the first few, by index); the mass
 * statistics. Every field merges associatively and commutatively and exactly, so the result does not depend on
 * partitions or merge order. The compute time is informational only and is not part of any output compared for
 * reproducibility.
 */
public final class BlockResult implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many failed realizations are kept by index for the report. */
    static final int FAILURES_KEPT = 20;

    final ExactMoments full;
    final ExactMoments strided;
    /** Densities at the final time per batch ({@code batch = block mod batches}), for batch-mean standard errors. */
    final ExactMoments[] batches;
    long failed;
    /** The failed realizations with the smallest indices, with their messages: the same whatever the merge order. */
    final TreeMap<Long, String> failures = new TreeMap<>();
    long nonPositivePoints;
    long steps;
    long krylovIterations;
    long substeps;
    double massMinimum = Double.POSITIVE_INFINITY;
    double computeSeconds;

    BlockResult(ExactMoments full, ExactMoments strided, ExactMoments[] batches) {
        this.full = full;
        this.strided = strided;
        this.batches = batches;
    }

    /** Moments on the full grid. */
    public ExactMoments full() {
        return full;
    }

    /** Moments and covariance on the strided grid. */
    public ExactMoments strided() {
        return strided;
    }

    /** The mean density at the final time of each non-empty batch, {@code [batch][x]}. */
    public double[][] batchMeans() {
        return java.util.Arrays.stream(batches).filter(m -> m.count() > 0).map(m -> m.result().mean(0))
                .toArray(double[][]::new);
    }

    /** Realizations that failed (and were excluded). */
    public long failed() {
        return failed;
    }

    /** The failed realizations with the smallest indices, with their messages. */
    public java.util.SortedMap<Long, String> failures() {
        return java.util.Collections.unmodifiableSortedMap(failures);
    }

    /** Grid points, over all half steps and realizations, where the mass was not positive. */
    public long nonPositivePoints() {
        return nonPositivePoints;
    }

    /** Mean Krylov iterations per time step over all realizations. */
    public double meanKrylovIterations() {
        return steps == 0 ? 0 : (double) krylovIterations / steps;
    }

    /** Substeps of the RK4IP steps split for stability, over all realizations (0 for Crank-Nicolson). */
    public long substeps() {
        return substeps;
    }

    /** The smallest mass seen. */
    public double massMinimum() {
        return massMinimum;
    }

    /** Executor time spent solving, summed over tasks. */
    public double computeSeconds() {
        return computeSeconds;
    }

    /** Folds {@code other} into this one and returns this. */
    BlockResult merge(BlockResult other) {
        full.merge(other.full);
        strided.merge(other.strided);
        for (int b = 0; b < batches.length; b++) {
            batches[b].merge(other.batches[b]);
        }
        failed += other.failed;
        failures.putAll(other.failures);
        while (failures.size() > FAILURES_KEPT) {
            failures.pollLastEntry();
        }
        nonPositivePoints += other.nonPositivePoints;
        steps += other.steps;
        krylovIterations += other.krylovIterations;
        substeps += other.substeps;
        massMinimum = Math.min(massMinimum, other.massMinimum);
        computeSeconds += other.computeSeconds;
        return this;
    }
}
