package org.vmse.job.config;

/**
 * The Monte Carlo ensemble and where it runs.
 *
 * @param samples          {@code samples}
 * @param seed             {@code seed}
 * @param partitions       {@code partitions}, 0 for 4 per core and at least 64
 * @param blockSize        {@code ensemble.blockSize}
 * @param covarianceStride {@code ensemble.covarianceStride}
 * @param excludeFailures  {@code ensemble.onFailure = exclude}
 * @param batches          {@code ensemble.batches}: fixed groups of blocks whose means give standard errors
 * @param refined          {@code ensemble.refinedRealizations}: realizations rerun on the halved mesh, 0 for none
 * @param master           {@code spark.master}
 */
public record EnsembleSpec(int samples, long seed, int partitions, int blockSize, int covarianceStride,
                           boolean excludeFailures, int batches, int refined, String master) {
}
