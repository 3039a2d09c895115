package org.vmse.job.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vmse.kernel.ensemble.ExactMoments;
import org.vmse.kernel.random.RealizationResult;

/**
 * What a set of realizations adds up to: one task's blocks, or, merged, the whole ensemble. Exact moments on the
 * full grid and, with the covariance, on the strided output grid; per batch the exact moments of the final density;
 * the count of realizations that failed (with the first few, by index); the mass and solver statistics. Every field
 * but the compute time adds and merges exactly, associatively and commutatively, so the result does not depend on
 * partitions or merge order. The compute time is informational only and is not part of any output compared for
 * reproducibility.
 */
public final class EnsembleAccumulation implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many failed realizations are kept by index for the report. */
    static final int FAILURES_KEPT = 20;

    private final int covarianceStride;
    private final ExactMoments full;
    private final ExactMoments strided;
    /** Densities at the final time per batch ({@code batch = block mod batches}), for batch-mean standard errors. */
    private final ExactMoments[] batches;
    private long failed;
    /** The failed realizations with the smallest indices, with their messages: the same whatever the merge order. */
    private final TreeMap<Long, String> failures = new TreeMap<>();
    private long nonPositivePoints;
    private long steps;
    private long krylovIterations;
    private long substeps;
    private double massMinimum = Double.POSITIVE_INFINITY;
    private double computeSeconds;

    /** The empty accumulation of {@code work}'s realizations. */
    public EnsembleAccumulation(EnsembleWork work) {
        int outputs = work.problem().outputTimes().length;
        int m = work.problem().M();
        this.covarianceStride = work.covarianceStride();
        this.full = new ExactMoments(outputs, m, false);
        this.strided = new ExactMoments(outputs, work.stridedPoints(), true);
        this.batches = new ExactMoments[work.batches()];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new ExactMoments(1, m, false);
        }
    }

    /** Adds a solved realization of block {@code block}. */
    void add(int block, RealizationResult r) {
        double[][] rho = r.densities();
        full.add(rho);
        // the final time and the strided grid are read in place: no copy per realization
        batches[block % batches.length].add(rho, rho.length - 1, 1);
        strided.add(rho, 0, covarianceStride);
        nonPositivePoints += r.nonPositivePoints();
        steps += r.steps();
        krylovIterations += r.krylovIterations();
        substeps += r.substeps();
        massMinimum = Math.min(massMinimum, r.massMinimum());
    }

    /** Counts realization {@code realization} as failed and excluded, with {@code message} saying why. */
    void addFailure(long realization, String message) {
        failed++;
        failures.put(realization, message);
        keepFirstFailures();
    }

    /** Adds executor time spent solving. */
    void addComputeSeconds(double seconds) {
        computeSeconds += seconds;
    }

    /** Folds {@code other} (of the same work) into this one and returns this. */
    public EnsembleAccumulation merge(EnsembleAccumulation other) {
        if (other.covarianceStride != covarianceStride || other.batches.length != batches.length) {
            throw new IllegalArgumentException("cannot merge the accumulation of covariance stride "
                    + other.covarianceStride + " and " + other.batches.length + " batches into one of stride "
                    + covarianceStride + " and " + batches.length + " batches: they are of different ensembles");
        }
        full.merge(other.full);
        strided.merge(other.strided);
        for (int b = 0; b < batches.length; b++) {
            batches[b].merge(other.batches[b]);
        }
        failed += other.failed;
        failures.putAll(other.failures);
        keepFirstFailures();
        nonPositivePoints += other.nonPositivePoints;
        steps += other.steps;
        krylovIterations += other.krylovIterations;
        substeps += other.substeps;
        massMinimum = Math.min(massMinimum, other.massMinimum);
        computeSeconds += other.computeSeconds;
        return this;
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
        return Arrays.stream(batches).filter(m -> m.count() > 0).map(m -> m.result().mean(0))
                .toArray(double[][]::new);
    }

    /** Realizations that failed (and were excluded). */
    public long failed() {
        return failed;
    }

    /** The failed realizations with the smallest indices, with their messages. */
    public SortedMap<Long, String> failures() {
        return Collections.unmodifiableSortedMap(failures);
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

    private void keepFirstFailures() {
        while (failures.size() > FAILURES_KEPT) {
            failures.pollLastEntry();
        }
    }
}
