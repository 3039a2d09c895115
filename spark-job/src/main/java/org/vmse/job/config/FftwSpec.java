package org.vmse.job.config;

import java.util.Objects;
import org.vmse.kernel.fft.FftwWisdom;

/**
 * How FFTW plans an ensemble's transforms.
 *
 * @param planner    {@code fftw.planner}
 * @param wisdom     {@code fftw.wisdom}'s content: plans measured before (e.g. a run's {@code fftw-wisdom.txt}), which
 *                   the run replays instead of measuring; {@code null} for none
 * @param wisdomFile {@code fftw.wisdom} as written, empty for none
 */
public record FftwSpec(FftwPlanner planner, FftwWisdom wisdom, String wisdomFile) {

    /** {@code FFTW_ESTIMATE}, no wisdom: the default. */
    public static final FftwSpec ESTIMATE = new FftwSpec(FftwPlanner.ESTIMATE, null, "");

    public FftwSpec {
        Objects.requireNonNull(planner, "fftw.planner");
        Objects.requireNonNull(wisdomFile, "fftw.wisdom");
        if (wisdom != null && planner != FftwPlanner.MEASURE) {
            throw new ConfigurationException("fftw.wisdom = " + wisdomFile + " holds measured plans, but"
                    + " fftw.planner = " + planner.key() + " would not use them: set fftw.planner = measure, or drop"
                    + " fftw.wisdom");
        }
    }
}
