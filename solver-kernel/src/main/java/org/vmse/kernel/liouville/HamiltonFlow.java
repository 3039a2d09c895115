package org.vmse.kernel.liouville;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.vmse.kernel.problem.MassField;

/**
 * The Hamilton flow (2.14) of {@code H(t, x, k) = m0(t, x) k^2 / 2}, optionally with its variational (Jacobian)
 * equations with respect to the launch point {@code y}.
 *
 * <p>State without the variational part: {@code (x, k)} with
 * <pre>
 *   dx/dt = m0(t, x) k,      dk/dt = -(k^2 / 2) dm0/dx(t, x).
 * </pre>
 * With it, {@code (x, k, X_y, K_y)} where {@code X_y = dx/dy}, {@code K_y = dk/dy} obey
 * <pre>
 *   dX_y/dt = dm0/dx k X_y + m0 K_y,
 *   dK_y/dt = -(k^2 / 2) d2m0/dx2 X_y - k dm0/dx K_y,
 * </pre>
 * with {@code X_y(0) = 1, K_y(0) = 0} for rays launched from the manifold {@code k = p0}.
 *
 * <p>The flow is written with the physical time {@code t}; integrating it from {@code t} down to {@code 0} (a
 * backward integration) is the paper's backward system (4.8)/(4.13), which uses {@code m0(T - s, x)} with
 * {@code s = T - t}.
 *
 * <p><b>Not thread-safe:</b> derivative evaluation is allocation-free and reuses a scratch {@code double[3]} held by
 * the instance. Use one instance per thread (they are cheap).
 */
public final class HamiltonFlow implements FirstOrderDifferentialEquations {

    private final MassField mass;
    private final boolean variational;
    private final double[] m = new double[3];

    /**
     * @param mass        the mass {@code m0(t, x)}
     * @param variational whether to carry the Jacobian {@code (X_y, K_y)} (dimension 4) or not (dimension 2)
     */
    public HamiltonFlow(MassField mass, boolean variational) {
        if (mass == null) {
            throw new IllegalArgumentException("mass must not be null");
        }
        this.mass = mass;
        this.variational = variational;
    }

    public MassField mass() {
        return mass;
    }

    public boolean isVariational() {
        return variational;
    }

    @Override
    public int getDimension() {
        return variational ? 4 : 2;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        mass.spatialDerivatives(t, y[0], m);
        double k = y[1];
        double m0 = m[0];
        double m1 = m[1];
        yDot[0] = m0 * k;
        yDot[1] = -0.5 * k * k * m1;
        if (variational) {
            double xy = y[2];
            double ky = y[3];
            yDot[2] = m1 * k * xy + m0 * ky;
            yDot[3] = -0.5 * k * k * m[2] * xy - k * m1 * ky;
        }
    }

    /** The Hamiltonian {@code m0(t, x) k^2 / 2}, conserved along the flow when the mass does not depend on time. */
    public double hamiltonian(double t, double x, double k) {
        return 0.5 * mass.value(t, x) * k * k;
    }
}
