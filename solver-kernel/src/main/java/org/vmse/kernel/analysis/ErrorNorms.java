package org.vmse.kernel.analysis;

/** Discrete norms of grid functions on the uniform periodic grid. */
public final class ErrorNorms {

    private ErrorNorms() {
    }

    /**
     * {@code Err = ∫ |a - b| dx} (4.11)/(4.27) by the rectangle rule {@code dx sum_j |a_j - b_j|}, which is the
     * trapezoidal rule on a periodic grid.
     */
    public static double l1Distance(double[] a, double[] b, double dx) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("profiles differ in length: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.abs(a[j] - b[j]);
        }
        return s * dx;
    }

    /** {@code dx sum_j a_j}. */
    public static double integral(double[] a, double dx) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s * dx;
    }
}
