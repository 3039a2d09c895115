package org.vmse.kernel.rte;

import java.util.Arrays;

/**
 * The run parameters of {@link ParticleRteSolver}. Validated when built; {@code times} is copied in and out.
 *
 * @param particles  number of particles {@code N}, positive
 * @param seed       master seed: particle {@code i} draws from {@code RealizationStream.of(seed, i)} alone
 * @param times      output times, finite, {@code >= 0}, non-decreasing
 * @param gridPoints {@code M}: the density is binned on {@code x_j = j L / M}, cells of width {@code L / M} centred on
 *                   {@code x_j}, periodic
 * @param kBins      number of bins of the {@code k} histogram on {@code [kMin, kMax)}; 0 for none
 * @param kMin       lower edge of the {@code k} histogram
 * @param kMax       upper edge of the {@code k} histogram
 * @param odeStep    fixed RK4 step for the characteristics of a variable {@code m0} (unused for a constant one)
 * @param parallel   process blocks of {@link ParticleRteSolver#BLOCK} particles in parallel; results are identical
 */
public record ParticleRteSettings(long particles, long seed, double[] times, int gridPoints, int kBins, double kMin,
        double kMax, double odeStep, boolean parallel) {

    /** Default RK4 step {@code 2^-10}: local error {@code ~(h |m0'| |k|)^5}, far below the Monte Carlo noise. */
    public static final double DEFAULT_ODE_STEP = 0x1p-10;

    public ParticleRteSettings {
        if (!(particles > 0)) {
            throw new IllegalArgumentException("rte.particles must be positive, got " + particles);
        }
        if (times == null || times.length == 0) {
            throw new IllegalArgumentException("outputTimes must not be empty");
        }
        times = times.clone();
        for (int n = 0; n < times.length; n++) {
            if (!(times[n] >= 0 && times[n] < Double.POSITIVE_INFINITY) || (n > 0 && !(times[n] >= times[n - 1]))) {
                throw new IllegalArgumentException("outputTimes must be finite, >= 0 and non-decreasing, got "
                        + Arrays.toString(times));
            }
        }
        if (!(gridPoints > 0)) {
            throw new IllegalArgumentException("the grid must have M > 0 points, got " + gridPoints);
        }
        if (!(kBins >= 0)) {
            throw new IllegalArgumentException("kBins must be >= 0, got " + kBins);
        }
        if (kBins > 0 && !(kMin < kMax && Double.isFinite(kMin) && Double.isFinite(kMax))) {
            throw new IllegalArgumentException("the k histogram needs finite kMin < kMax, got [" + kMin + ", " + kMax
                    + ")");
        }
        if (!(odeStep > 0 && odeStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("odeStep must be positive and finite, got " + odeStep);
        }
    }

    /** {@code N} particles, no {@code k} histogram, default ODE step, single-threaded. */
    public static ParticleRteSettings of(long particles, long seed, double[] times, int gridPoints) {
        return new ParticleRteSettings(particles, seed, times, gridPoints, 0, 0, 1, DEFAULT_ODE_STEP, false);
    }

    /** A copy with a {@code k} histogram of {@code bins} bins on {@code [min, max)}. */
    public ParticleRteSettings withKHistogram(int bins, double min, double max) {
        return new ParticleRteSettings(particles, seed, times, gridPoints, bins, min, max, odeStep, parallel);
    }

    /** A copy with RK4 step {@code h}. */
    public ParticleRteSettings withOdeStep(double h) {
        return new ParticleRteSettings(particles, seed, times, gridPoints, kBins, kMin, kMax, h, parallel);
    }

    /** A copy running blocks in parallel (or not). */
    public ParticleRteSettings withParallel(boolean on) {
        return new ParticleRteSettings(particles, seed, times, gridPoints, kBins, kMin, kMax, odeStep, on);
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParticleRteSettings s && particles == s.particles && seed == s.seed
                && Arrays.equals(times, s.times) && gridPoints == s.gridPoints && kBins == s.kBins
                && Double.compare(kMin, s.kMin) == 0 && Double.compare(kMax, s.kMax) == 0
                && Double.compare(odeStep, s.odeStep) == 0 && parallel == s.parallel;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Long.hashCode(seed) + 7 * Long.hashCode(particles) + gridPoints;
    }

    @Override
    public String toString() {
        return "ParticleRteSettings[particles=" + particles + ", seed=" + seed + ", times=" + Arrays.toString(times)
                + ", M=" + gridPoints + ", kBins=" + kBins + " on [" + kMin + ", " + kMax + "), odeStep=" + odeStep
                + ", parallel=" + parallel + "]";
    }
}
