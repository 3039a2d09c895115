package org.vmse.kernel.liouville;

import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.special.Erf;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/**
 * Method (a) for the Liouville limit (2.20) with the WKB datum (4.4): forward characteristics with their Jacobian.
 *
 * <p>Rays are launched from the initial manifold {@code k = p0} at points {@code y_i}, uniform on the part of
 * {@code [0, L)} where {@code rho_I(y) = exp(-2A (y - x0)^2)} exceeds {@link #SUPPORT_CUTOFF} (relative to its
 * maximum 1), and integrated with the variational equations ({@link HamiltonFlow}) by Dormand–Prince 8(5,3). Before
 * caustics {@code y -> X(t; y)} is increasing and
 * <pre>
 *   rho0(t, X(t; y)) = rho_I(y) / dX/dy(t; y).
 * </pre>
 * At each requested point {@code x_j} covered by the rays the launch point {@code y} with {@code X(t; y) = x_j} is
 * first estimated by inverting the cubic Hermite interpolant of {@code X} (values and {@code dX/dy} at the two
 * neighbouring rays), then polished by Newton iterations on the ODE itself (one more ray per iteration), so the
 * profile is accurate to the ODE tolerance, independently of the ray count. Points outside the rays' image get 0.
 *
 * <p>The initial density is that of the periodic box: {@code rho_I} restricted to {@code [0, L)}.
 *
 * <p>Failure modes, reported, never hidden:
 * <ul>
 *   <li>{@link CausticException} when {@code dX/dy} reaches 0 on a ray before {@code t} (an event on {@code X_y};
 *   all rays are traced and the earliest such time is reported) or
 *   when neighbouring rays cross;</li>
 *   <li>{@link IllegalStateException} naming the ray when rays end outside {@code [0, L)} carrying more than
 *   {@code escapeTolerance} of the initial mass (a periodic box would wrap them around, but the mass formula need
 *   not be periodic). Below that tolerance the lost mass is reported in {@link LiouvilleDensity#escapedMass()}.
 *   Since {@code m0 > 0} and {@code k} keeps its sign along (2.14), {@code x} is monotone in time, so checking the
 *   end point of each ray suffices.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe (each call builds its own flow and integrator).
 */
public final class ForwardCharacteristics {

    /** Rays are launched where {@code rho_I(y) > SUPPORT_CUTOFF} (relative to the maximum, 1). */
    public static final double SUPPORT_CUTOFF = 1e-16;
    public static final int DEFAULT_RAYS = 512;
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default allowed relative mass leaving {@code [0, L)}. */
    public static final double DEFAULT_ESCAPE_TOLERANCE = 1e-6;

    private static final int MAX_NEWTON = 8;

    private final MassField mass;
    private final WavePacket packet;
    private final double length;
    private final int rays;
    private final double absTol;
    private final double relTol;
    private final double escapeTolerance;
    private final double yLo;
    private final double yHi;

    /** With {@link #DEFAULT_RAYS} rays, tolerances {@link #DEFAULT_TOLERANCE}, {@link #DEFAULT_ESCAPE_TOLERANCE}. */
    public ForwardCharacteristics(MassField mass, WavePacket packet, double L) {
        this(mass, packet, L, DEFAULT_RAYS, DEFAULT_TOLERANCE, DEFAULT_TOLERANCE, DEFAULT_ESCAPE_TOLERANCE);
    }

    /**
     * @param mass            {@code m0(t, x)}
     * @param packet          the initial WKB packet
     * @param L               the box {@code [0, L)}
     * @param rays            number of rays (at least 2); they only seed the Newton polish, 256–1024 is plenty
     * @param absTol          absolute tolerance of the ODE integrator
     * @param relTol          relative tolerance of the ODE integrator
     * @param escapeTolerance the largest fraction of the initial mass allowed to end outside {@code [0, L)}
     */
    public ForwardCharacteristics(MassField mass, WavePacket packet, double L, int rays, double absTol,
                                  double relTol, double escapeTolerance) {
        if (mass == null || packet == null) {
            throw new IllegalArgumentException("mass and packet must not be null");
        }
        if (!(L > 0 && L < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("domain.L must be positive and finite, got " + L);
        }
        if (rays < 2) {
            throw new IllegalArgumentException("need at least 2 rays, got " + rays);
        }
        if (!(absTol > 0) || !(relTol > 0)) {
            throw new IllegalArgumentException("ODE tolerances must be positive, got " + absTol + ", " + relTol);
        }
        if (!(escapeTolerance >= 0)) {
            throw new IllegalArgumentException("escape tolerance must be >= 0, got " + escapeTolerance);
        }
        this.mass = mass;
        this.packet = packet;
        this.length = L;
        this.rays = rays;
        this.absTol = absTol;
        this.relTol = relTol;
        this.escapeTolerance = escapeTolerance;
        double r = Math.sqrt(Math.log(1 / SUPPORT_CUTOFF) / (2 * packet.A()));
        this.yLo = Math.max(0, packet.x0() - r);
        this.yHi = Math.min(Math.nextDown(L), packet.x0() + r);
        if (!(yLo < yHi)) {
            throw new IllegalArgumentException("the initial packet (x0 = " + packet.x0()
                    + ") has no support inside [0, " + L + ")");
        }
    }

    /** The launch points {@code y_i}, uniform on the clipped support of {@code rho_I}. */
    public double[] launchPoints() {
        double[] y = new double[rays];
        double h = (yHi - yLo) / (rays - 1);
        for (int i = 0; i < rays; i++) {
            y[i] = yLo + i * h;
        }
        y[rays - 1] = yHi;
        return y;
    }

    /** {@code rho_I(y)} on {@code [0, L)}, 0 outside. */
    public double initialDensity(double y) {
        return (y >= 0 && y < length) ? packet.density(y) : 0;
    }

    /** {@code ∫_0^L rho_I(y) dy}, in closed form. */
    public double initialMass() {
        return gaussianMass(0, length);
    }

    /**
     * The transported manifold at time {@code t >= 0}. Valid through caustics (no caustic check here); the end points
     * are not checked against the box either.
     */
    public LagrangianManifold manifold(double t) {
        Tracer tracer = new Tracer(t, false);
        double[] y = launchPoints();
        double[] x = new double[rays];
        double[] k = new double[rays];
        double[] d = new double[rays];
        for (int i = 0; i < rays; i++) {
            double[] s = tracer.shoot(y[i]);
            x[i] = s[0];
            k[i] = s[1];
            d[i] = s[2];
        }
        return new LagrangianManifold(t, y, x, k, d);
    }

    /** {@code rho0(t, x_j)} on the VMSE grid {@code x_j = j L / M}. */
    public LiouvilleDensity density(double t, int M) {
        return density(t, LiouvilleDensity.uniformGrid(length, M));
    }

    /**
     * {@code rho0(t, x_j)} at the given points.
     *
     * @throws CausticException      if the manifold folds before {@code t}
     * @throws IllegalStateException if more than the escape tolerance of the mass leaves {@code [0, L)}
     */
    public LiouvilleDensity density(double t, double[] x) {
        Tracer tracer = new Tracer(t, true);
        double[] y = launchPoints();
        double[] X = new double[rays];
        double[] D = new double[rays];
        double causticTime = Double.POSITIVE_INFINITY;
        double causticRay = Double.NaN;
        for (int i = 0; i < rays; i++) {
            double[] s = tracer.shoot(y[i]);
            X[i] = s[0];
            D[i] = s[2];
            if (tracer.causticTime < causticTime) {
                causticTime = tracer.causticTime;
                causticRay = y[i];
            }
        }
        if (causticTime < Double.POSITIVE_INFINITY) {
            throw new CausticException(causticTime, causticRay, "dX/dy reached 0; first caustic over all rays");
        }
        for (int i = 0; i < rays; i++) {
            if (!(D[i] > 0)) {
                throw new CausticException(t, y[i], "dX/dy = " + D[i] + " at the end time");
            }
        }
        for (int i = 0; i + 1 < rays; i++) {
            if (!(X[i + 1] > X[i])) {
                throw new CausticException(t, y[i], "rays launched at y = " + y[i] + " and " + y[i + 1]
                        + " have crossed by this time (X = " + X[i] + ", " + X[i + 1] + ")");
            }
        }
        double escaped = escapedMass(t, y, X, D);

        double[] rho = new double[x.length];
        double lo = Math.max(0, X[0]);
        double hi = Math.min(X[rays - 1], Math.nextDown(length));
        for (int j = 0; j < x.length; j++) {
            double xj = x[j];
            if (!(xj >= lo && xj <= hi)) {
                continue;
            }
            int i = bracket(X, xj);
            double yj = invertHermite(y, X, D, i, xj);
            rho[j] = polish(tracer, t, yj, xj);
        }
        return new LiouvilleDensity(t, x, rho, escaped);
    }

    /** Newton on {@code X(t; y) = x} using the ODE; returns {@code rho_I(y) / X_y} at the root. */
    private double polish(Tracer tracer, double t, double y, double x) {
        double tol = 1e-12 * Math.max(1, Math.abs(x));
        double r = Double.NaN;
        for (int it = 0; it < MAX_NEWTON; it++) {
            double[] s = tracer.shoot(y);
            if (tracer.causticTime < Double.POSITIVE_INFINITY) {
                throw new CausticException(tracer.causticTime, y, "dX/dy reached 0 between rays");
            }
            r = s[0] - x;
            double d = s[2];
            if (Math.abs(r) <= tol) {
                return initialDensity(y) / d;
            }
            y -= r / d;
        }
        if (Math.abs(r) <= 1e3 * tol) {
            double[] s = tracer.shoot(y);
            return initialDensity(y) / s[2];
        }
        throw new IllegalStateException("Newton on X(t; y) = " + x + " at t = " + t + " did not converge (residual "
                + r + " near y = " + y + ")");
    }

    private double escapedMass(double t, double[] y, double[] X, double[] D) {
        double escaped = 0;
        int firstRight = -1;
        int lastLeft = -1;
        for (int i = 0; i < rays; i++) {
            if (X[i] >= length && firstRight < 0) {
                firstRight = i;
            }
            if (X[i] < 0) {
                lastLeft = i;
            }
        }
        if (firstRight >= 0) {
            double ys = firstRight == 0 ? yLo : invertHermite(y, X, D, firstRight - 1, length);
            escaped += gaussianMass(ys, yHi);
        }
        if (lastLeft >= 0) {
            double ys = lastLeft == rays - 1 ? yHi : invertHermite(y, X, D, lastLeft, 0);
            escaped += gaussianMass(yLo, ys);
        }
        double total = initialMass();
        if (escaped > escapeTolerance * total) {
            int i = firstRight >= 0 ? firstRight : lastLeft;
            throw new IllegalStateException(String.format(
                    "the ray launched at y = %.9g ends at x = %.9g, outside the box [0, %s), at t = %s; rays leaving "
                            + "the box carry %.3e of the initial mass (tolerance %.1e). The box is periodic but the "
                            + "mass formula need not be: enlarge domain.L or shorten the time",
                    y[i], X[i], length, t, escaped / total, escapeTolerance));
        }
        return escaped;
    }

    /** {@code ∫_a^b exp(-2A (y - x0)^2) dy}. */
    private double gaussianMass(double a, double b) {
        double s = Math.sqrt(2 * packet.A());
        return 0.5 * Math.sqrt(Math.PI) / s * Erf.erf(s * (a - packet.x0()), s * (b - packet.x0()));
    }

    /** Index i with X[i] <= x <= X[i+1] (X increasing, X[0] <= x <= X[n-1]). */
    private static int bracket(double[] X, double x) {
        int lo = 0;
        int hi = X.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (X[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Solves {@code H(y) = x} on {@code [y_i, y_{i+1}]}, H the cubic Hermite interpolant of X with slopes D, by
     * safeguarded Newton; extrapolates linearly if x is outside {@code [X_i, X_{i+1}]}.
     */
    private static double invertHermite(double[] y, double[] X, double[] D, int i, double x) {
        double h = y[i + 1] - y[i];
        double xa = X[i];
        double xb = X[i + 1];
        double da = D[i] * h;
        double db = D[i + 1] * h;
        if (x <= xa) {
            return y[i] + (x - xa) / D[i];
        }
        if (x >= xb) {
            return y[i + 1] + (x - xb) / D[i + 1];
        }
        double lo = 0;
        double hi = 1;
        double s = (x - xa) / (xb - xa);
        for (int it = 0; it < 60; it++) {
            double s2 = s * s;
            double s3 = s2 * s;
            double hv = (2 * s3 - 3 * s2 + 1) * xa + (s3 - 2 * s2 + s) * da + (-2 * s3 + 3 * s2) * xb
                    + (s3 - s2) * db;
            double dh = (6 * s2 - 6 * s) * xa + (3 * s2 - 4 * s + 1) * da + (-6 * s2 + 6 * s) * xb
                    + (3 * s2 - 2 * s) * db;
            double f = hv - x;
            if (f > 0) {
                hi = s;
            } else {
                lo = s;
            }
            double next = s - f / dh;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - s) < 1e-15) {
                s = next;
                break;
            }
            s = next;
        }
        return y[i] + s * h;
    }

    /** One flow, integrator and state per call; not shared between threads. */
    private final class Tracer {
        private final double t;
        private final HamiltonFlow flow = new HamiltonFlow(mass, true);
        private final DormandPrince853Integrator integrator;
        private final double[] s0 = new double[4];
        private final double[] s = new double[4];
        /** Time at which the last shot ray met dX/dy = 0 (the integration stops there), or +infinity. */
        private double causticTime;

        Tracer(double t, boolean detectCaustics) {
            if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("time must be >= 0 and finite, got " + t);
            }
            this.t = t;
            if (t > 0) {
                integrator = new DormandPrince853Integrator(1e-13 * t, t, absTol, relTol);
                if (detectCaustics) {
                    integrator.addEventHandler(new CausticDetector(), t / 16, 1e-12 * Math.max(1, t), 200);
                }
            } else {
                integrator = null;
            }
        }

        /**
         * State (x, k, X_y, K_y) at time t of the ray launched at y; the array is reused. With caustic detection on,
         * a ray on which X_y reaches 0 stops there and {@link #causticTime} records when.
         */
        double[] shoot(double y) {
            causticTime = Double.POSITIVE_INFINITY;
            s0[0] = y;
            s0[1] = packet.p0();
            s0[2] = 1;
            s0[3] = 0;
            if (integrator == null) {
                System.arraycopy(s0, 0, s, 0, 4);
            } else {
                integrator.integrate(flow, 0, s0, t, s);
            }
            return s;
        }

        private final class CausticDetector implements EventHandler {
            @Override
            public void init(double t0, double[] y0, double t1) {
            }

            @Override
            public double g(double time, double[] state) {
                return state[2];
            }

            @Override
            public Action eventOccurred(double time, double[] state, boolean increasing) {
                causticTime = time;
                return Action.STOP;
            }

            @Override
            public void resetState(double time, double[] state) {
            }
        }
    }
}
