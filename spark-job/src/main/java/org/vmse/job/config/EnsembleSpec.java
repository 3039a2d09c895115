package org.vmse.job.config;

/**
 * The Monte Carlo ensemble and where it runs.
 *
 * @param samples          {@code samples}, 1 to {@link #MAX_SAMPLES}
 * @param seed             {@code seed}
 * @param partitions       {@code partitions}, 0 for 4 per core and at least 64
 * @param blockSize        {@code ensemble.blockSize}, 1 to {@link #MAX_SAMPLES}
 * @param covarianceStride {@code ensemble.covarianceStride}
 * @param excludeFailures  {@code ensemble.onFailure = exclude}
 * @param batches          {@code ensemble.batches}: fixed groups of blocks whose means give standard errors
 * @param refined          {@code ensemble.refinedRealizations}: realizations rerun on the halved mesh, 0 for none
 * @param master           {@code spark.master}
 */
public record EnsembleSpec(int samples, long seed, int partitions, int blockSize, int covarianceStride,
                           boolean excludeFailures, int batches, int refined, String master) {

    /**
     * The most realizations (and the largest block) an ensemble takes, 2^30: the ensemble counts its blocks in
     * {@code int} as {@code (samples + blockSize - 1) / blockSize}, which cannot overflow while both are at most
     * 2^30.
     */
    public static final int MAX_SAMPLES = 1 << 30;

    public EnsembleSpec {
        if (samples < 1) {
            throw new ConfigurationException("samples = " + samples + " must be at least 1 (the paper uses 10000)");
        }
        if (samples > MAX_SAMPLES) {
            throw tooLarge("samples", samples);
        }
        if (partitions < 0) {
            throw new ConfigurationException("partitions = " + partitions + " must be >= 0 (0 = 4 per core, at least"
                    + " 64)");
        }
        if (blockSize < 1) {
            throw new ConfigurationException("ensemble.blockSize = " + blockSize + " must be at least 1");
        }
        if (blockSize > MAX_SAMPLES) {
            throw tooLarge("ensemble.blockSize", blockSize);
        }
        if (covarianceStride < 1) {
            throw new ConfigurationException("ensemble.covarianceStride = " + covarianceStride
                    + " must be at least 1");
        }
        if (batches < 2) {
            throw new ConfigurationException("ensemble.batches = " + batches + " must be at least 2 (a standard"
                    + " error needs two batch means; 20 is the default)");
        }
        if (refined < 0 || refined > samples) {
            throw new ConfigurationException("ensemble.refinedRealizations = " + refined + " must lie in [0,"
                    + " samples] (0 skips the discretization term of the error budget)");
        }
        if (master == null || master.isBlank()) {
            throw new ConfigurationException("spark.master must name a Spark master, e.g. local[*]");
        }
    }

    /** The message for a count above {@link #MAX_SAMPLES}; the reader uses it for values beyond {@code int} too. */
    static ConfigurationException tooLarge(String key, Object value) {
        return new ConfigurationException(key + " = " + value + " is too large, at most " + MAX_SAMPLES
                + " (the ensemble counts realizations and blocks in int)");
    }
}
