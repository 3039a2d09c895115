package org.vmse.job.spark;

import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.vmse.kernel.fft.FftwWisdom;

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

    /**
     * The FFTW wisdom the blocks' transforms are planned from: where blocks are kept, the wisdom kept with them
     * (blocks planned otherwise would round otherwise), else {@code measure}'s, kept from now on.
     */
    default FftwWisdom wisdom(Supplier<FftwWisdom> measure) {
        return measure.get();
    }

    /**
     * A record the blocks are computed with that a deterministic {@code choose} gives, the same in every process of
     * the run: where blocks are kept, the one kept with them as {@code name} (JSON) if it {@code fits}, so that a
     * continued run need not compute it again; else {@code choose}'s, kept from now on. A kept file that cannot be
     * read, or does not fit, is chosen again.
     */
    default <T extends Record> T kept(String name, Class<T> type, Predicate<T> fits, Supplier<T> choose) {
        return choose.get();
    }
}
