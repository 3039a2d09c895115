package org.vmse.kernel.vmse;

import java.util.Arrays;

/**
 * The time steps of a run: the output times {@code 0 < t_1 < ... < t_K = T} are hit exactly, each interval
 * {@code (t_{k-1}, t_k]} split into {@link #stepsFor N_k = ceil((t_k - t_{k-1}) / dt)} equal steps (for a {@code dt}
 * that does not divide the interval), so no step is longer than {@code dt}.
 */
public final class TimePlan {

    private final double[] outputTimes;
    private final int[] stepsPerInterval;
    private final int totalSteps;

    /**
     * @param outputTimes increasing positive times, the last being the final time {@code T}
     * @param dt          largest step, positive
     */
    public TimePlan(double[] outputTimes, double dt) {
        if (outputTimes.length == 0) {
            throw new IllegalArgumentException("outputTimes must name at least the final time T");
        }
        if (!(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mesh.dt must be positive and finite, got " + dt);
        }
        this.outputTimes = outputTimes.clone();
        this.stepsPerInterval = new int[outputTimes.length];
        double previous = 0;
        long total = 0;
        for (int k = 0; k < outputTimes.length; k++) {
            double t = outputTimes[k];
            if (!(t > previous && t < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("outputTimes must be positive, finite and increasing, got "
                        + Arrays.toString(outputTimes));
            }
            stepsPerInterval[k] = stepsFor(t - previous, dt);
            total += stepsPerInterval[k];
            previous = t;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mesh.dt = " + dt + " needs more than 2^31 steps");
        }
        this.totalSteps = (int) total;
    }

    /**
     * The number of equal steps no longer than {@code dt} that cover {@code span}: {@code ceil(span / dt)}, at least
     * one. A slack of {@code 1e-9} keeps a {@code span / dt} that is an integer up to round-off from taking one extra
     * step.
     *
     * @throws IllegalArgumentException if that is more than {@code 2^31 - 1} steps
     */
    public static int stepsFor(double span, double dt) {
        double steps = Math.max(1, Math.ceil(span / dt - 1e-9));
        if (!(steps <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("dt = " + dt + " needs more than 2^31 - 1 steps to cover " + span);
        }
        return (int) steps;
    }

    public int outputCount() {
        return outputTimes.length;
    }

    public double outputTime(int k) {
        return outputTimes[k];
    }

    public double[] outputTimes() {
        return outputTimes.clone();
    }

    public int steps(int k) {
        return stepsPerInterval[k];
    }

    public int totalSteps() {
        return totalSteps;
    }

    /** The step length in interval {@code k}. */
    public double stepLength(int k) {
        double start = k == 0 ? 0 : outputTimes[k - 1];
        return (outputTimes[k] - start) / stepsPerInterval[k];
    }
}
