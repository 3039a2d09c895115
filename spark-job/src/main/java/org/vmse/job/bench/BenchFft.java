package org.vmse.job.bench;

import java.util.ArrayList;
import java.util.List;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.FftwPlanner;
import org.vmse.job.experiment.EnsembleRun;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassProblem;

/**
 * The transforms a benchmark times vmse with ({@code --fft}, {@code --fftw-planner}): the configuration keys it adds
 * to every experiment it builds, and the problem planned as a run plans it.
 *
 * @param backend {@code fft}
 * @param planner {@code fftw.planner}
 */
public record BenchFft(FftBackend backend, FftwPlanner planner) {

    /** The keys {@code fft} and {@code fftw.planner}, followed by {@code more}. */
    public List<String> keys(String... more) {
        List<String> keys = new ArrayList<>(List.of("fft=" + backend.key(), "fftw.planner=" + planner.key()));
        keys.addAll(List.of(more));
        return keys;
    }

    /** For headers: e.g. {@code fftw (measured plans)}. */
    public String label() {
        return backend.key() + (planner == FftwPlanner.MEASURE ? " (measured plans)" : "");
    }

    /** {@code problem} with the plans a run of {@code cfg} would use (measured now under {@code measure}). */
    public static RandomMassProblem planned(ExperimentConfig cfg, RandomMassProblem problem, KarhunenLoeveBasis basis) {
        return cfg.fftw().planner() == FftwPlanner.MEASURE
                ? problem.withWisdom(EnsembleRun.measuredPlans(cfg, problem, basis, false)) : problem;
    }
}
