package org.vmse.kernel.rte;

import java.io.Serializable;
import java.util.Objects;
import org.vmse.kernel.problem.MassCovariance;

/**
 * The collision kernel of the radiative transfer equation (3.6) for the covariance (4.14):
 * <pre>
 *   sigma(m0; k, p) = (1 / 2 pi) (1/4) (p k)^2 Rhat((m0 / 2)(p^2 - k^2), p - k),
 *   Rhat(omega, q) = 4 a b D^2 / ((1 + a^2 omega^2)(1 + b^2 q^2))          (4.19)
 * </pre>
 * so that {@code Q(W)(k) = ∫ sigma(m0; k, p) [W(p) - W(k)] dp}. The kernel is symmetric in {@code (k, p)}, hence the
 * collision conserves {@code ∫ W dk}. With {@code a = b = 100} it is sharply peaked near {@code p = k} (width
 * {@code ~1/b} in {@code p - k}). Immutable.
 *
 * @param covariance the covariance (4.14) of {@code m1}
 */
public record ScatteringKernel(MassCovariance covariance) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ScatteringKernel {
        Objects.requireNonNull(covariance, "covariance");
    }

    /** The kernel of the covariance {@code (D, a, b)}, checked as {@link MassCovariance} checks it. */
    public ScatteringKernel(double D, double a, double b) {
        this(new MassCovariance(D, a, b));
    }

    /** {@code D}, the standard deviation of {@code m1}. */
    public double D() {
        return covariance.D();
    }

    /** {@code a}, the correlation time of {@code m1}. */
    public double a() {
        return covariance.a();
    }

    /** {@code b}, the correlation length of {@code m1}. */
    public double b() {
        return covariance.b();
    }

    /** {@code Rhat(omega, q)} (4.19), the space-time Fourier transform of {@code R}. */
    public double rhat(double omega, double q) {
        double a = covariance.a();
        double b = covariance.b();
        double D = covariance.D();
        return 4 * a * b * D * D / ((1 + a * a * omega * omega) * (1 + b * b * q * q));
    }

    /** {@code sigma(m0; k, p)}, the rate density of a jump {@code k -> p}. */
    public double sigma(double m0, double k, double p) {
        double pk = p * k;
        return pk * pk / 4 * rhat(0.5 * m0 * (p * p - k * k), p - k) / (2 * Math.PI);
    }
}
