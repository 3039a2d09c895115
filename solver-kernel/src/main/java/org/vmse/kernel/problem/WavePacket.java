package org.vmse.kernel.problem;

/**
 * The WKB initial datum (4.2): {@code u_I(x) = exp(-A (x - x0)^2 + i p0 x / eps)}, whose weak Wigner limit is
 * (4.4): {@code W_I(x, k) = exp(-2A (x - x0)^2) delta(k - p0)}.
 *
 * @param A  Gaussian width parameter, positive
 * @param x0 centre
 * @param p0 momentum (the phase is {@code p0 x / eps})
 */
public record WavePacket(double A, double x0, double p0) implements java.io.Serializable {

    public WavePacket {
        if (!(A > 0 && A < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("initial.A must be positive and finite, got " + A);
        }
        if (!Double.isFinite(x0)) {
            throw new IllegalArgumentException("initial.x0 must be finite, got " + x0);
        }
        if (!Double.isFinite(p0)) {
            throw new IllegalArgumentException("initial.p0 must be finite, got " + p0);
        }
    }

    /** The limit density {@code rho_I(x) = |u_I(x)|^2 = exp(-2A (x - x0)^2)}. */
    public double density(double x) {
        double d = x - x0;
        return Math.exp(-2 * A * d * d);
    }
}
