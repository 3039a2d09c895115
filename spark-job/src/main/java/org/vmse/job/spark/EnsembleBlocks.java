package org.vmse.job.spark;

import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where the blocks of an ensemble come from: all computed now ({@link #ALL}), or those a checkpoint lacks computed
 * and the rest read back from it.
 */
@FunctionalInterface
public interface EnsembleBlocks {

    /** Every block computed now, nothing kept. */
    EnsembleBlocks ALL = EnsembleJob::run;

    /**
     * The accumulation of every block of {@code work}.
     *
     * @param progress told the number of realizations of the run finished so far (driver side)
     */
    EnsembleAccumulation accumulate(JavaSparkContext sc, EnsembleWork work, LongConsumer progress);
}
