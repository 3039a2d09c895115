package org.vmse.job.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link CrankNicolsonBenchmark} measures and for how long.
 *
 * <p>Each grid size {@code M} is one of Section 4.2's grids: {@code L = 1.625}, {@code dx = eps/4}, so
 * {@code eps = 4 L / M} (416, 1664, 6656 give {@code eps = 2^-6, 2^-8, 2^-10}); {@code dt = eps^1.2/8}; the packet
 * {@code A = 256, x0 = 0.3, p0 = 1.5}; no potential.
 *
 * @param sizes          grid sizes {@code M}, each even; {@code eps = 4 L / M}
 * @param masses         mass formulas {@code m0(t, x)}, each benchmarked at every size
 * @param warmupSeconds  JIT warm-up per (size, mass), stepping and bare FFTs interleaved; at least 0
 * @param measureSeconds measured time per (size, mass), split over the repetitions; positive
 * @param repetitions    timed repetitions per (size, mass), each one batch of steps and one batch of bare FFTs;
 *                       at least 1 (odd counts give a plain median)
 * @param fftw           whether to compile and run the FFTW peer program {@code fftw_bench.c} when {@code cc} and
 *                       {@code fftw3.h} are there
 * @param fftwSource     {@code fftw_bench.c}, or {@code null} for the repository's own
 *                       ({@link PeerPrograms#fftwSource()})
 */
public record BenchOptions(List<Integer> sizes, List<String> masses, double warmupSeconds, double measureSeconds,
                           int repetitions, boolean fftw, Path fftwSource) {

    /** Box length of Section 4.2. */
    public static final double L = 1.625;

    /** A varying mass (a constant one makes the preconditioner exact: one Krylov iteration, not representative). */
    public static final String SINE_MASS = "1 + 0.2*sin(2*pi*x/1.625)";

    /** The mass of the paper's example 1. */
    public static final String EXAMPLE1_MASS = "1 + x^2";

    /** The sizes and masses, 5 s warm-up, 10 s measured in 11 repetitions, FFTW peer if available. */
    public static final BenchOptions DEFAULT = new BenchOptions(List.of(416, 1664, 6656),
            List.of(SINE_MASS, EXAMPLE1_MASS), 5, 10, 11, true, null);

    public BenchOptions {
        sizes = List.copyOf(sizes);
        masses = List.copyOf(masses);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("bench: --sizes needs at least one grid size, e.g. 416,1664,6656");
        }
        for (int m : sizes) {
            if (m < 4 || m % 2 != 0) {
                throw new IllegalArgumentException("bench: grid size M must be even and at least 4, got " + m);
            }
        }
        if (masses.isEmpty()) {
            throw new IllegalArgumentException("bench: needs at least one mass formula, e.g. " + SINE_MASS);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds < 3600)) {
            throw new IllegalArgumentException("bench: warm-up must lie in [0, 3600) seconds, got " + warmupSeconds);
        }
        if (!(measureSeconds > 0 && measureSeconds < 3600)) {
            throw new IllegalArgumentException("bench: measure time must lie in (0, 3600) seconds, got "
                    + measureSeconds);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("bench: repetitions must be at least 1, got " + repetitions);
        }
    }

    /** These options with other sizes. */
    public BenchOptions withSizes(List<Integer> newSizes) {
        return new BenchOptions(newSizes, masses, warmupSeconds, measureSeconds, repetitions, fftw, fftwSource);
    }

    /** {@code eps = 4 L / M}: the grid {@code dx = eps / 4} of (4.10). */
    public static double epsFor(int m) {
        return 4 * L / m;
    }
}
