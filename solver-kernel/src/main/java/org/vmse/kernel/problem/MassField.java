package org.vmse.kernel.problem;

/**
 * The deterministic mass {@code m0(t, x)} of the VMSE (2.1) and its spatial derivatives, which drive the
 * Hamilton flow (2.14)/(4.13) of the Liouville limit.
 *
 * <p>Implementations are immutable and thread-safe; the derivatives are exact (automatic differentiation),
 * never finite differences.
 */
public interface MassField {

    /** {@code m0(t, x)}. */
    double value(double t, double x);

    /**
     * Writes {@code m0}, {@code dm0/dx} and {@code d^2 m0/dx^2} at {@code (t, x)} into {@code out[0..2]}.
     *
     * @param out an array of length at least 3, overwritten
     */
    void spatialDerivatives(double t, double x, double[] out);

    /**
     * {@code m0} at the points {@code x} (copied), for any {@code t}, with the values of {@link #value} to the bit;
     * this default evaluates {@link #value} point by point.
     */
    default MassSamples at(double[] x) {
        double[] points = x.clone();
        return (t, out) -> {
            for (int j = 0; j < points.length; j++) {
                out[j] = value(t, points[j]);
            }
        };
    }

    /** Whether {@code m0} depends on {@code t}; a time-independent mass conserves {@code H = m0 k^2 / 2}. */
    boolean isTimeDependent();
}
