package org.vmse.kernel.problem;

/**
 * A mass {@code m0(t, x_j)} at fixed points {@code x_j} (a grid's), for any {@code t}: what a time stepper samples at
 * every stage. A workspace of one solver: not thread-safe.
 */
@FunctionalInterface
public interface MassSamples {

    /** Writes {@code m0(t, x_j)} for every point into {@code out[j]}. */
    void fill(double t, double[] out);
}
