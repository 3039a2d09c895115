package org.vmse.kernel.rte;

/**
 * Fifth-order WENO (Jiang &amp; Shu 1996) flux difference for a conservation law {@code u_t + f(u)_z = 0} on a
 * uniform 1D line whose velocity has one sign along the line (upwinding by that sign, no flux splitting needed).
 * The line is loaded from a strided row of a flat array, so one instance serves every row of a 2D grid.
 *
 * <p>Boundary: periodic, or (non-periodic) zero inflow: ghost values 0 on the inflow side and the inflow face flux
 * set to exactly 0; on the outflow side ghost values repeat the last node (zero-order extrapolation), and the
 * outflow face flux is returned so that callers can account for the mass that leaves the line.
 *
 * <p>Not thread-safe: owns its workspace (allocated once, no allocation per call).
 */
public final class Weno5 {

    /** Jiang–Shu's epsilon in the nonlinear weights. */
    public static final double EPS = 1e-6;

    private final int n;
    private final boolean periodic;
    private final double[] g;    // g[i + 3] = f_i, i = -3 .. n + 2
    private final double[] face; // face[i] = F_{i - 1/2}, i = 0 .. n

    /**
     * @param n        number of nodes, at least 5
     * @param periodic whether the line is periodic (otherwise zero inflow)
     */
    public Weno5(int n, boolean periodic) {
        if (n < 5) {
            throw new IllegalArgumentException("WENO5 needs at least 5 nodes, got " + n);
        }
        this.n = n;
        this.periodic = periodic;
        this.g = new double[n + 6];
        this.face = new double[n + 1];
    }

    public int size() {
        return n;
    }

    /**
     * Loads the flux line {@code f_i = c * w[i] * src[off + i * stride]} ({@code w} may be null for 1).
     */
    public void load(double[] src, int off, int stride, double[] w, double c) {
        if (w == null) {
            for (int i = 0; i < n; i++) {
                g[i + 3] = c * src[off + i * stride];
            }
        } else {
            for (int i = 0; i < n; i++) {
                g[i + 3] = c * w[i] * src[off + i * stride];
            }
        }
    }

    /**
     * Adds {@code scale * (F_{i-1/2} - F_{i+1/2})} to {@code out[outOff + i * outStride]}; with
     * {@code scale = 1 / h} that is {@code -(f)_z} to fifth order.
     *
     * @param positive whether the velocity is positive along the line (upwind side)
     * @return the net flux out of the line through its ends, {@code F_{n-1/2} - F_{-1/2}} (0 when periodic);
     * {@code d/dt sum_i u_i h = -return value}
     */
    public double addDivergence(boolean positive, double scale, double[] out, int outOff, int outStride) {
        fillGhosts(positive);
        if (positive) {
            for (int i = 0; i <= n; i++) { // face i - 1/2 from nodes i-3 .. i+1 (left-biased)
                face[i] = flux(g[i], g[i + 1], g[i + 2], g[i + 3], g[i + 4]);
            }
        } else {
            for (int i = 0; i <= n; i++) { // mirror: nodes i+2 .. i-2
                face[i] = flux(g[i + 5], g[i + 4], g[i + 3], g[i + 2], g[i + 1]);
            }
        }
        double net = 0;
        if (periodic) {
            face[n] = face[0];
        } else if (positive) {
            face[0] = 0; // zero inflow
            net = face[n];
        } else {
            face[n] = 0;
            net = -face[0];
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i * outStride] += scale * (face[i] - face[i + 1]);
        }
        return net;
    }

    private void fillGhosts(boolean positive) {
        if (periodic) {
            for (int q = 0; q < 3; q++) {
                g[q] = g[n + q];         // f_{q-3} = f_{n+q-3}
                g[n + 3 + q] = g[3 + q]; // f_{n+q} = f_q
            }
        } else {
            double lo = positive ? 0 : g[3];         // inflow 0, outflow repeats the end value
            double hi = positive ? g[n + 2] : 0;
            for (int q = 0; q < 3; q++) {
                g[q] = lo;
                g[n + 3 + q] = hi;
            }
        }
    }

    /** Upwind WENO5 value at the face between {@code c} and {@code d} for a velocity pointing from a to e. */
    static double flux(double a, double b, double c, double d, double e) {
        double q0 = (2 * a - 7 * b + 11 * c) / 6;  // candidate stencils
        double q1 = (-b + 5 * c + 2 * d) / 6;
        double q2 = (2 * c + 5 * d - e) / 6;
        double s0 = a - 2 * b + c, t0 = a - 4 * b + 3 * c; // beta_r = 13/12 (2nd diff)^2 + 1/4 (1st diff)^2
        double s1 = b - 2 * c + d, t1 = b - d;
        double s2 = c - 2 * d + e, t2 = 3 * c - 4 * d + e;
        double b0 = EPS + 13.0 / 12 * s0 * s0 + 0.25 * t0 * t0;
        double b1 = EPS + 13.0 / 12 * s1 * s1 + 0.25 * t1 * t1;
        double b2 = EPS + 13.0 / 12 * s2 * s2 + 0.25 * t2 * t2;
        double a0 = 0.1 / (b0 * b0), a1 = 0.6 / (b1 * b1), a2 = 0.3 / (b2 * b2); // alpha_r = d_r / (eps + beta_r)^2
        return (a0 * q0 + a1 * q1 + a2 * q2) / (a0 + a1 + a2);
    }
}
