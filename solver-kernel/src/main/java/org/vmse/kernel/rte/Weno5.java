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

    private final int n;            // nodes on the line
    private final boolean periodic;
    private final double[] fluxLine; // fluxLine[i + 3] = f_i, i = -3 .. n + 2 (three ghosts each side)
    private final double[] face;     // face[i] = F_{i - 1/2}, i = 0 .. n

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
        this.fluxLine = new double[n + 6];
        this.face = new double[n + 1];
    }

    public int size() {
        return n;
    }

    /**
     * Loads the flux line {@code f_i = factor * weights[i] * src[off + i * stride]} ({@code weights} may be null for
     * 1).
     */
    public void load(double[] src, int off, int stride, double[] weights, double factor) {
        if (weights == null) {
            for (int i = 0; i < n; i++) {
                fluxLine[i + 3] = factor * src[off + i * stride];
            }
        } else {
            for (int i = 0; i < n; i++) {
                fluxLine[i + 3] = factor * weights[i] * src[off + i * stride];
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
                face[i] = flux(fluxLine[i], fluxLine[i + 1], fluxLine[i + 2], fluxLine[i + 3], fluxLine[i + 4]);
            }
        } else {
            for (int i = 0; i <= n; i++) { // mirror: nodes i+2 .. i-2
                face[i] = flux(fluxLine[i + 5], fluxLine[i + 4], fluxLine[i + 3], fluxLine[i + 2], fluxLine[i + 1]);
            }
        }
        double netOutflow = 0;
        if (periodic) {
            face[n] = face[0];
        } else if (positive) {
            face[0] = 0; // zero inflow
            netOutflow = face[n];
        } else {
            face[n] = 0;
            netOutflow = -face[0];
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i * outStride] += scale * (face[i] - face[i + 1]);
        }
        return netOutflow;
    }

    private void fillGhosts(boolean positive) {
        if (periodic) {
            for (int q = 0; q < 3; q++) {
                fluxLine[q] = fluxLine[n + q];         // f_{q-3} = f_{n+q-3}
                fluxLine[n + 3 + q] = fluxLine[3 + q]; // f_{n+q} = f_q
            }
        } else {
            double lowGhost = positive ? 0 : fluxLine[3];      // inflow 0, outflow repeats the end value
            double highGhost = positive ? fluxLine[n + 2] : 0;
            for (int q = 0; q < 3; q++) {
                fluxLine[q] = lowGhost;
                fluxLine[n + 3 + q] = highGhost;
            }
        }
    }

    /**
     * Upwind WENO5 value {@code F_{i+1/2}} at the face between {@code up0 = f_i} and {@code down0 = f_{i+1}} for a
     * velocity pointing from {@code up2 = f_{i-2}} to {@code down1 = f_{i+2}} (Jiang–Shu):
     * <pre>
     *   q0 = (2 f_{i-2} - 7 f_{i-1} + 11 f_i) / 6,  q1 = (-f_{i-1} + 5 f_i + 2 f_{i+1}) / 6,
     *   q2 = (2 f_i + 5 f_{i+1} - f_{i+2}) / 6,
     *   beta_r = 13/12 (second difference)^2 + 1/4 (first difference)^2 on stencil r,
     *   alpha_r = d_r / (eps + beta_r)^2,  (d_0, d_1, d_2) = (1/10, 6/10, 3/10),
     *   F = sum_r alpha_r q_r / sum_r alpha_r.
     * </pre>
     */
    static double flux(double up2, double up1, double up0, double down0, double down1) {
        double q0 = (2 * up2 - 7 * up1 + 11 * up0) / 6;  // candidate stencils
        double q1 = (-up1 + 5 * up0 + 2 * down0) / 6;
        double q2 = (2 * up0 + 5 * down0 - down1) / 6;
        double second0 = up2 - 2 * up1 + up0, first0 = up2 - 4 * up1 + 3 * up0;
        double second1 = up1 - 2 * up0 + down0, first1 = up1 - down0;
        double second2 = up0 - 2 * down0 + down1, first2 = 3 * up0 - 4 * down0 + down1;
        double beta0 = EPS + 13.0 / 12 * second0 * second0 + 0.25 * first0 * first0; // eps folded into beta_r
        double beta1 = EPS + 13.0 / 12 * second1 * second1 + 0.25 * first1 * first1;
        double beta2 = EPS + 13.0 / 12 * second2 * second2 + 0.25 * first2 * first2;
        double alpha0 = 0.1 / (beta0 * beta0), alpha1 = 0.6 / (beta1 * beta1), alpha2 = 0.3 / (beta2 * beta2);
        return (alpha0 * q0 + alpha1 * q1 + alpha2 * q2) / (alpha0 + alpha1 + alpha2);
    }
}
