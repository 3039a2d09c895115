package org.vmse.kernel.problem;

import java.io.Serializable;

/**
 * The covariance of the fluctuation {@code m1} of the random mass (3.2): the separable exponential (4.14)
 * {@code R(t, x) = D^2 exp(-|t|/a - |x|/b)}. Every sampler of {@code m1} and the collision kernel of its radiative
 * transfer limit take their parameters from one value of this record, so they are checked once, here.
 *
 * @param D standard deviation of {@code m1} ({@code random.D}), finite and {@code >= 0}
 * @param a correlation time of {@code m1} ({@code random.a}), finite and positive
 * @param b correlation length of {@code m1} ({@code random.b}), finite and positive
 */
public record MassCovariance(double D, double a, double b) implements Serializable {

    private static final long serialVersionUID = 1L;

    public MassCovariance {
        if (!(D >= 0 && D < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random.D = " + D + " must be >= 0 and finite (it is the standard"
                    + " deviation of m1)");
        }
        if (!(a > 0 && a < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random.a = " + a + " must be positive and finite (the correlation time"
                    + " of m1)");
        }
        if (!(b > 0 && b < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random.b = " + b + " must be positive and finite (the correlation"
                    + " length of m1)");
        }
    }
}
