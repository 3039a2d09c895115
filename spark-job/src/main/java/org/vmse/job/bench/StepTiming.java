package org.vmse.job.bench;

/**
 * One row of {@link CrankNicolsonBenchmark}: a Crank-Nicolson step against a bare FFT of the same size, both timed
 * in the same run, interleaved repetition by repetition.
 *
 * @param m                   grid size {@code M}
 * @param eps                 semiclassical parameter, {@code 4 L / M}
 * @param dt                  step length, {@code eps^1.2 / 8}
 * @param mass                the mass formula {@code m0(t, x)}
 * @param nanosPerStep        median over repetitions of the mean time of one step, ns
 * @param stepSpread          {@code (max - min) / median} of the per-repetition step times
 * @param fftsPerStep         FFTs per step in the measured steps, {@code 2 (Krylov iterations + 1)}
 * @param krylovItersMean     mean GMRES iterations per step in the measured steps
 * @param krylovItersMax      most GMRES iterations in one step, warm-up included
 * @param nanosPerBareFft     median over repetitions of one bare FFT (half a forward + scaled inverse pair), ns
 * @param fftSpread           {@code (max - min) / median} of the per-repetition FFT times
 * @param ratio               step time over the FFTs it needs, {@code nanosPerStep / (fftsPerStep * nanosPerBareFft)},
 *                            taken per repetition (its steps' time over its FFT count times its bare FFT time, so
 *                            that iteration counts varying along the run cancel) and the median reported; goal 1.5
 * @param ratioSpread         {@code (max - min) / median} of the per-repetition ratios
 * @param allocatedBytesPerStep bytes the benchmark thread allocated per measured step (-1 where the JVM cannot
 *                            tell); the stepper allocates none itself, so this is what its FFTs allocate
 * @param allocatedBytesPerFft  bytes allocated per bare FFT (-1 where the JVM cannot tell)
 * @param stepsMeasured       steps timed in all repetitions together
 * @param runCovered          share of the paper's run {@code [0, T = 0.4]} stepped through, warm-up included, at
 *                            most 1 (the wave restarts from the packet at {@code T}); below 1 the Krylov counts are
 *                            those of the run's beginning
 */
public record StepTiming(int m, double eps, double dt, String mass, double nanosPerStep, double stepSpread,
                         double fftsPerStep, double krylovItersMean, int krylovItersMax, double nanosPerBareFft,
                         double fftSpread, double ratio, double ratioSpread, double allocatedBytesPerStep,
                         double allocatedBytesPerFft, long stepsMeasured, double runCovered) {

    /** Whether the step costs at most 1.5x the FFTs it needs (the target in docs/performance.md). */
    public boolean goalMet() {
        return ratio <= 1.5;
    }
}
