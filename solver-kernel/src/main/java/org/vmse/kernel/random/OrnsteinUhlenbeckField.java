package org.vmse.kernel.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.MassCovariance;

/**
 * Exact grid sampler of the stationary Gaussian field {@code Z(t, x) = m1(t/eps, x/eps)} with the separable
 * exponential covariance of (4.14) in the scaled variables,
 * <pre>
 *   E[Z(t, x) Z(s, z)] = D^2 exp(-|t - s| / (a eps) - |x - z| / (b eps)),
 * </pre>
 * on the points {@code x_m = m L / M}, {@code m = 0..M-1}. The field is <em>not</em> periodic: the covariance
 * is in {@code |x - z|}, as for the Karhunen–Loève expansion it replaces ({@code random.sampler = ou}).
 *
 * <p>Method. The covariance is a product of two exponentials, so {@code Z} is an Ornstein–Uhlenbeck process in
 * {@code t} whose innovations are independent Ornstein–Uhlenbeck (AR(1)) processes in {@code x}:
 * <pre>
 *   E(x_0) = D g_0,   E(x_m) = rho_x E(x_{m-1}) + D sqrt(1 - rho_x^2) g_m,   rho_x = exp(-dx / (b eps)),
 *   Z(t_0) = E_0,     Z(t_n) = rho_n Z(t_{n-1}) + sqrt(1 - rho_n^2) E_n,      rho_n = exp(-(t_n - t_{n-1}) / (a eps)),
 * </pre>
 * with {@code g} i.i.d. standard normal. Both recurrences are exact transition laws of Gaussian Markov
 * processes, so the sampled values have exactly the covariance above at every grid point and every requested
 * time, for <em>any</em> increasing times (no discretization error). Cost {@code O(M)} per call: one ziggurat
 * normal, three multiplications and an addition per point, one {@code expm1} per distinct time increment.
 *
 * <p>Only Gaussian {@code xi} makes sense here: the construction relies on the Gaussian transition law (a sum of
 * scaled uniforms would neither be uniform nor have the right joint law), so {@code random.xi = uniform}
 * belongs to the Karhunen–Loève sampler only.
 *
 * <p>Protocol, one realization at a time: {@link #reset(UniformRandomProvider)} binds the realization's stream
 * and forgets the time origin; the first {@link #fill(double, double[])} after it draws the stationary field at
 * that time; every later call advances the process exactly from the previous time to the new one. Times must be
 * non-decreasing (a call at the same time returns the same field and draws nothing); a time before the previous
 * one throws {@link IllegalStateException}. The steps need not be equal: the {@code TimePlan} shortens them per
 * output interval. The stepper asks for {@code t^{n+1/2}} (4.5), which is fine: the origin is whatever time the
 * first call names.
 *
 * <p>Not thread-safe; allocation-free after construction except the generator and its sampler made per {@code reset}.
 * Realization {@code i} is a function of its stream {@link RealizationStream#of(long, long)} and of the
 * sequence of times alone.
 */
public final class OrnsteinUhlenbeckField implements RandomMassField {

    private final int points;
    private final double d;
    private final double timeScale;
    private final double rhoX;
    private final double innovationX;
    private final double[] z;

    private ZigguratSampler.NormalizedGaussian gauss;
    private boolean started;
    private double lastTime;
    private double lastIncrement = Double.NaN;
    private double rhoT;
    private double innovationT;

    /**
     * @param covariance {@code D, a, b} of (4.14)
     * @param eps        the semiclassical parameter: {@code m1} is evaluated at {@code (t/eps, x/eps)}
     * @param length     the interval length {@code L}: the points are {@code x_m = m L / points}
     * @param points     the number {@code M} of grid points, {@code >= 1}
     */
    public OrnsteinUhlenbeckField(MassCovariance covariance, double eps, double length, int points) {
        requirePositive("eps", eps);
        requirePositive("domain.L", length);
        if (points < 1) {
            throw new IllegalArgumentException("the grid needs at least one point, got M = " + points);
        }
        this.points = points;
        this.d = covariance.D();
        this.timeScale = covariance.a() * eps;
        double dxScaled = (length / points) / (covariance.b() * eps);
        this.rhoX = Math.exp(-dxScaled);
        // sqrt(1 - rho^2) = sqrt(-expm1(-2 dx / (b eps))): no cancellation when dx << b eps
        this.innovationX = d * Math.sqrt(-Math.expm1(-2 * dxScaled));
        requirePositive("a * eps", timeScale);
        this.z = new double[points];
    }

    /** The field of (4.14) on the points {@code x_j} of the VMSE grid. */
    public static OrnsteinUhlenbeckField onGrid(PeriodicGrid grid, MassCovariance covariance, double eps) {
        return new OrnsteinUhlenbeckField(covariance, eps, grid.L(), grid.M());
    }

    /** The number {@code M} of grid points, the length {@link #fill} expects. */
    public int size() {
        return points;
    }

    /** The one-step spatial correlation {@code rho_x = exp(-dx / (b eps))}. */
    public double spaceCorrelation() {
        return rhoX;
    }

    /**
     * Starts a new realization; the next {@link #fill} sets the origin. The normals come from a xoshiro256++
     * generator seeded with the next four words of {@code rng}, so the realization is still a function of
     * {@code rng}'s stream alone: the field draws {@code M} normals per time, and the ziggurat on xoshiro256++ takes
     * about half the time per normal of the counter-based Philox that keys the realizations.
     */
    @Override
    public void reset(UniformRandomProvider rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        this.gauss = normals(rng);
        this.started = false;
    }

    /** The standard normals of a realization: the ziggurat on xoshiro256++ keyed by four words of {@code rng}. */
    static ZigguratSampler.NormalizedGaussian normals(UniformRandomProvider rng) {
        long[] seed = {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong()};
        return ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(seed));
    }

    /**
     * Writes {@code Z(t, x_m)}, {@code m = 0..M-1}, into {@code out}.
     *
     * @param t   the time, finite, not before the previous call's time since {@link #reset}
     * @param out an array of length {@link #size()}, overwritten
     * @throws IllegalStateException if {@link #reset} was never called or {@code t} goes backwards
     */
    @Override
    public void fill(double t, double[] out) {
        if (gauss == null) {
            throw new IllegalStateException("reset(rng) must be called before fill");
        }
        if (out.length != points) {
            throw new IllegalArgumentException("out must have length M = " + points + ", got " + out.length);
        }
        if (!(Math.abs(t) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("t must be finite, got " + t);
        }
        if (!started) {
            spatialInnovation(0, 1); // Z(t_0) = E_0: the stationary law
            started = true;
            lastTime = t;
        } else if (t > lastTime + 16 * Math.ulp(lastTime)) {
            double h = t - lastTime;
            if (h != lastIncrement) {
                lastIncrement = h;
                rhoT = Math.exp(-h / timeScale);
                innovationT = Math.sqrt(-Math.expm1(-2 * h / timeScale));
            }
            spatialInnovation(rhoT, innovationT); // Z_n = rho_t Z_{n-1} + sqrt(1 - rho_t^2) E_n
            lastTime = t;
        } else if (t < lastTime - 16 * Math.ulp(lastTime)) {
            // within a few ulps is the same time computed two ways (t + dt against t0 + (n + 1) dt)
            throw new IllegalStateException("times must not decrease within a realization: the last fill was at t = "
                    + lastTime + ", got t = " + t + " (call reset for a new realization)");
        }
        System.arraycopy(z, 0, out, 0, points);
    }

    /** {@code z <- keep * z + scale * E} with {@code E} a fresh spatial AR(1) path of variance {@code D^2}. */
    private void spatialInnovation(double keep, double scale) {
        double e = d * gauss.sample(); // E(x_0) = D g_0
        z[0] = keep * z[0] + scale * e;
        for (int m = 1; m < points; m++) {
            e = rhoX * e + innovationX * gauss.sample(); // E(x_m) = rho_x E(x_{m-1}) + D sqrt(1 - rho_x^2) g_m
            z[m] = keep * z[m] + scale * e;
        }
    }

    private static void requirePositive(String key, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(key + " must be positive and finite, got " + v);
        }
    }
}
