package org.vmse.kernel.liouville;

/**
 * The transported initial manifold {@code k = p0}: for each launch point {@code y_i}, the phase-space point
 * {@code (X(t; y_i), K(t; y_i))} and the Jacobian {@code dX/dy}. The curve stays smooth through caustics (where it
 * folds and {@code dX/dy} changes sign), so it is the right object for phase-space plots at any time.
 *
 * <p>Arrays are copied on the way in and on the way out.
 */
public record LagrangianManifold(double time, double[] y, double[] x, double[] k, double[] dxdy) {

    public LagrangianManifold {
        int n = y.length;
        if (x.length != n || k.length != n || dxdy.length != n) {
            throw new IllegalArgumentException("manifold arrays differ in length");
        }
        y = y.clone();
        x = x.clone();
        k = k.clone();
        dxdy = dxdy.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] k() {
        return k.clone();
    }

    @Override
    public double[] dxdy() {
        return dxdy.clone();
    }

    /** Number of rays. */
    public int size() {
        return y.length;
    }
}
