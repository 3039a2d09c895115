package org.vmse.job.spark;

import java.io.Serializable;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;

/**
 * One Monte Carlo ensemble as the job runs it: what every task solves, and how the realizations {@code 0..samples-1}
 * are cut into blocks, spread over partitions and grouped into batches.
 *
 * @param problem          the problem every realization solves
 * @param basis            the KL basis, needed by {@code random.sampler = kl}; {@code null} for the OU sampler
 * @param seed             {@code seed}: realization {@code i} draws from {@code (seed, i)} alone
 * @param samples          {@code samples}, at least 1
 * @param blockSize        {@code ensemble.blockSize}, at least 1: realizations per block
 * @param partitions       {@code partitions}, 0 for the default of {@link EnsembleJob#partitions}
 * @param covarianceStride {@code ensemble.covarianceStride}, at least 1: the covariance is kept on every
 *                         {@code covarianceStride}-th grid point
 * @param excludeFailures  {@code ensemble.onFailure = exclude}: failed realizations are counted and left out instead
 *                         of stopping the run
 * @param batches          {@code ensemble.batches}, at least 1: block {@code b} falls in batch {@code b mod batches}
 */
public record EnsembleWork(RandomMassProblem problem, KarhunenLoeveBasis basis, long seed, int samples,
                           int blockSize, int partitions, int covarianceStride, boolean excludeFailures,
                           int batches) implements Serializable {

    private static final long serialVersionUID = 1L;

    public EnsembleWork {
        if (problem == null) {
            throw new IllegalArgumentException("an ensemble needs its problem, got null");
        }
        if (problem.sampler().needsBasis() && basis == null) {
            throw new IllegalArgumentException("random.sampler = kl needs the Karhunen-Loeve basis, got null;"
                    + " build it with EnsembleRun.basis or use random.sampler = ou");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples = " + samples + " must be at least 1");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("ensemble.blockSize = " + blockSize + " must be at least 1");
        }
        // blocks() computes samples + blockSize - 1 in int arithmetic
        if ((long) samples + blockSize - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ensemble.blockSize = " + blockSize + " with samples = " + samples
                    + " overflows the block count; use ensemble.blockSize <= " + (Integer.MAX_VALUE - samples + 1L));
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions = " + partitions
                    + " must be >= 0 (0 = 4 per core, at least 64)");
        }
        if (covarianceStride < 1) {
            throw new IllegalArgumentException("ensemble.covarianceStride = " + covarianceStride
                    + " must be at least 1");
        }
        // stridedPoints() computes M + covarianceStride - 1 in int arithmetic
        if ((long) problem.M() + covarianceStride - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ensemble.covarianceStride = " + covarianceStride + " with M = "
                    + problem.M() + " overflows the strided grid size; use ensemble.covarianceStride <= "
                    + problem.M());
        }
        if (batches < 1) {
            throw new IllegalArgumentException("ensemble.batches = " + batches + " must be at least 1");
        }
    }

    /** The number of blocks, {@code ceil(samples / blockSize)}. */
    public int blocks() {
        return (samples + blockSize - 1) / blockSize;
    }

    /** The first realization of block {@code block}. */
    public long firstRealization(int block) {
        return (long) block * blockSize;
    }

    /** The realizations of the blocks of {@code range}: {@code blockSize} each, fewer in the last block. */
    public long realizationsIn(BlockRange range) {
        return Math.min(samples, firstRealization(range.end())) - Math.min(samples, firstRealization(range.first()));
    }

    /** The points of the strided output grid, {@code ceil(M / covarianceStride)}. */
    public int stridedPoints() {
        return (problem.M() + covarianceStride - 1) / covarianceStride;
    }
}
