package org.vmse.kernel.liouville;

import java.util.Arrays;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.WavePacket;

/**
 * Method (b) for the Liouville limit (2.20): the paper's backward particle method (4.8)/(4.13).
 *
 * <p>Each phase-space grid point {@code (x_i, k_j)} at time {@code t} is traced back along the Hamilton flow
 * ({@link HamiltonFlow}, integrated from {@code t} down to {@code 0}; for a time-dependent mass this is exactly
 * (4.13), which runs forward in {@code s = t - time} with {@code m0(T - s, x)}) to {@code (y, q) = (x(0), k(0))}, and
 * <pre>
 *   W0(t, x_i, k_j) = rho_I(y) delta_sigma(q - p0),    rho0(t, x_i) = sum_j W0(t, x_i, k_j) dk,
 * </pre>
 * with {@code rho_I} the initial density on {@code [0, L)} (0 outside: the periodic box) and
 * {@code delta_sigma(z) = exp(-z^2 / (2 sigma^2)) / (sqrt(2 pi) sigma)} the regularized delta of (4.4).
 *
 * <p><b>Regularization.</b> {@code sigma = sigmaOverDk * dk} (default {@code 2 dk}). Writing
 * {@code G(q) = rho_I(y) / |dq/dk|} along the line {@code x = x_i}, the k-integral equals {@code (G * delta_sigma)(p0)
 * = G(p0) + (sigma^2 / 2) G''(p0) + O(sigma^4)} where {@code G(p0)} is the exact {@code rho0}; so the regularization
 * costs O(sigma^2): for a nearly constant mass {@code y ~ x - q m0 t}, so at the peak the relative error is about
 * {@code 2 A (m0 t sigma)^2} (measured at T = 0.5, sigma = 2^-7 on the paper's examples: 0.3%-0.6% of the peak,
 * dividing by 4 when sigma halves). The k-sum is the trapezoid rule of a Gaussian resolved by
 * {@code sigma / (dk |dq/dk|)} points per width: its error {@code ~ exp(-2 pi^2 (sigma / (dk |dq/dk|))^2)} is
 * negligible for {@code sigma = 2 dk} as long as {@code |dq/dk| <~ 2}. The regularization smooths but never moves
 * mass: {@code sum_i sum_j W0 dx dk} equals {@code ∫ rho_I} up to the x quadrature (the flow preserves area), also
 * through caustics, where {@code rho0} itself is singular and the regularized one is finite.
 *
 * <p><b>Cost.</b> Not all {@code (#x)(#k)} points are traced. For each {@code x_i}, a coarse scan of {@code coarse}
 * k values (fine grid points spread over the window) locates the intervals where {@code q(k) - p0} changes sign or
 * comes within {@link #BAND} sigma of 0 ({@code q} is monotone in {@code k} locally); from each, the fine grid is
 * walked outwards, tracing each point, until {@code |q - p0| >= BAND sigma} on both sides. Points not traced have
 * {@code W0 = delta_sigma(>= BAND sigma) <= 1.3e-14 / (sqrt(2 pi) sigma)}, set to 0. Limitation: folds of
 * {@code q(k)} finer than the coarse spacing (deep past caustics) can be missed; raise {@code coarse} there.
 *
 * <p>Independent of {@link ForwardCharacteristics}. Instances are immutable and thread-safe; {@link #compute} is
 * single-threaded.
 */
public final class BackwardParticleMethod {

    public static final double DEFAULT_SIGMA_OVER_DK = 2;
    public static final int DEFAULT_COARSE = 48;
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Half-width of the traced band, in units of sigma. */
    public static final double BAND = 8;

    private final MassField mass;
    private final WavePacket packet;
    private final double length;
    private final double sigmaOverDk;
    private final int coarse;
    private final double absTol;
    private final double relTol;

    /** With sigma = 2 dk, 48 coarse k values, ODE tolerances 1e-10. */
    public BackwardParticleMethod(MassField mass, WavePacket packet, double L) {
        this(mass, packet, L, DEFAULT_SIGMA_OVER_DK, DEFAULT_COARSE, DEFAULT_TOLERANCE, DEFAULT_TOLERANCE);
    }

    /**
     * @param mass        {@code m0(t, x)}
     * @param packet      the initial WKB packet
     * @param L           the box {@code [0, L)}
     * @param sigmaOverDk the width of the regularized delta in units of {@code dk}
     * @param coarse      number of k values of the coarse scan (at least 2)
     * @param absTol      absolute tolerance of the ODE integrator
     * @param relTol      relative tolerance of the ODE integrator
     */
    public BackwardParticleMethod(MassField mass, WavePacket packet, double L, double sigmaOverDk, int coarse,
                                  double absTol, double relTol) {
        if (mass == null || packet == null) {
            throw new IllegalArgumentException("mass and packet must not be null");
        }
        if (!(L > 0 && L < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("domain.L must be positive and finite, got " + L);
        }
        if (!(sigmaOverDk > 0 && sigmaOverDk < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma/dk must be positive, got " + sigmaOverDk);
        }
        if (coarse < 2) {
            throw new IllegalArgumentException("coarse scan needs at least 2 values, got " + coarse);
        }
        if (!(absTol > 0) || !(relTol > 0)) {
            throw new IllegalArgumentException("ODE tolerances must be positive, got " + absTol + ", " + relTol);
        }
        this.mass = mass;
        this.packet = packet;
        this.length = L;
        this.sigmaOverDk = sigmaOverDk;
        this.coarse = coarse;
        this.absTol = absTol;
        this.relTol = relTol;
    }

    /** {@link #compute(double, double[], double, double, int)} on the VMSE grid {@code x_j = j L / M}. */
    public PhaseSpaceDensity compute(double t, int M, double kMin, double dk, int nk) {
        return compute(t, LiouvilleDensity.uniformGrid(length, M), kMin, dk, nk);
    }

    /**
     * {@code W0(t, x_i, k_j)} and {@code rho0(t, x_i)} on {@code x} times {@code k_j = kMin + j dk},
     * {@code j = 0 .. nk-1}.
     *
     * @throws IllegalStateException if the band where {@code W0} lives reaches the edge of the k window
     */
    public PhaseSpaceDensity compute(double t, double[] x, double kMin, double dk, int nk) {
        if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("time must be >= 0 and finite, got " + t);
        }
        if (!(dk > 0) || nk < 2 || !Double.isFinite(kMin)) {
            throw new IllegalArgumentException("need dk > 0, nk >= 2, finite kMin; got " + dk + ", " + nk + ", " + kMin);
        }
        double sigma = sigmaOverDk * dk;
        double[] k = new double[nk];
        for (int j = 0; j < nk; j++) {
            k[j] = kMin + j * dk;
        }
        int nc = Math.min(coarse, nk);
        int[] coarseIdx = new int[nc];
        for (int c = 0; c < nc; c++) {
            coarseIdx[c] = (int) Math.round(c * (nk - 1.0) / (nc - 1));
        }

        Tracer tracer = new Tracer(t);
        double[] w = new double[x.length * nk];
        double[] rho = new double[x.length];
        double[] q = new double[nk];
        boolean[] done = new boolean[nk];
        double band = BAND * sigma;
        double norm = 1 / (Math.sqrt(2 * Math.PI) * sigma);
        long traced = 0;

        for (int i = 0; i < x.length; i++) {
            Arrays.fill(done, false);
            int row = i * nk;
            for (int c = 0; c < nc; c++) {
                traced += trace(tracer, x[i], k, coarseIdx[c], q, done, w, row, sigma, norm);
            }
            for (int c = 0; c + 1 < nc; c++) {
                int a = coarseIdx[c];
                int b = coarseIdx[c + 1];
                double fa = q[a] - packet.p0();
                double fb = q[b] - packet.p0();
                int start;
                if (fa == 0 || fb == 0 || (fa < 0) != (fb < 0)) {
                    double s = fa == fb ? 0 : fa / (fa - fb);
                    start = a + (int) Math.round(s * (b - a));
                } else if (Math.min(Math.abs(fa), Math.abs(fb)) < band) {
                    start = Math.abs(fa) < Math.abs(fb) ? a : b;
                } else {
                    continue;
                }
                traced += trace(tracer, x[i], k, start, q, done, w, row, sigma, norm);
                if (Math.abs(q[start] - packet.p0()) < band) {
                    checkEdge(start, nk, w[row + start], norm, x[i], t, k);
                }
                for (int j = start - 1; j >= 0; j--) {
                    traced += trace(tracer, x[i], k, j, q, done, w, row, sigma, norm);
                    if (Math.abs(q[j] - packet.p0()) >= band) {
                        break;
                    }
                    checkEdge(j, nk, w[row + j], norm, x[i], t, k);
                }
                for (int j = start + 1; j < nk; j++) {
                    traced += trace(tracer, x[i], k, j, q, done, w, row, sigma, norm);
                    if (Math.abs(q[j] - packet.p0()) >= band) {
                        break;
                    }
                    checkEdge(j, nk, w[row + j], norm, x[i], t, k);
                }
            }
            double sum = 0;
            for (int j = 0; j < nk; j++) {
                sum += w[row + j];
            }
            rho[i] = sum * dk;
        }
        return new PhaseSpaceDensity(t, x, k, w, rho, sigma, traced);
    }

    private static void checkEdge(int j, int nk, double wj, double norm, double x, double t, double[] k) {
        if ((j == 0 || j == nk - 1) && wj > 1e-12 * norm) {
            throw new IllegalStateException(String.format(
                    "at t = %s, x = %.9g the Wigner function still has W0 = %.3e at the edge k = %.9g of the k window "
                            + "[%.9g, %.9g]: widen the window", t, x, wj, k[j], k[0], k[nk - 1]));
        }
    }

    /** Traces (x, k_j) back to time 0 unless already done; returns 1 if traced. */
    private int trace(Tracer tracer, double x, double[] k, int j, double[] q, boolean[] done, double[] w, int row,
                      double sigma, double norm) {
        if (done[j]) {
            return 0;
        }
        double[] s = tracer.back(x, k[j]);
        double z = s[1] - packet.p0();
        q[j] = s[1];
        double y = s[0];
        double rhoI = (y >= 0 && y < length) ? packet.density(y) : 0;
        w[row + j] = rhoI * norm * Math.exp(-0.5 * (z / sigma) * (z / sigma));
        done[j] = true;
        return 1;
    }

    /** One flow, integrator and state per call. */
    private final class Tracer {
        private final double t;
        private final HamiltonFlow flow = new HamiltonFlow(mass, false);
        private final DormandPrince853Integrator integrator;
        private final double[] s0 = new double[2];
        private final double[] s = new double[2];

        Tracer(double t) {
            this.t = t;
            integrator = t > 0 ? new DormandPrince853Integrator(1e-13 * t, t, absTol, relTol) : null;
        }

        /** (x(0), k(0)) of the characteristic through (x, k) at time t; the array is reused. */
        double[] back(double x, double k) {
            s0[0] = x;
            s0[1] = k;
            if (integrator == null) {
                s[0] = x;
                s[1] = k;
            } else {
                integrator.integrate(flow, t, s0, 0, s);
            }
            return s;
        }
    }
}
