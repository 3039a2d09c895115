package org.vmse.job.cli;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Section 4.1 example 1 ({@code m0 = 1 + x^2} (4.9), {@code L = 1.25}, {@code A = 128}, {@code x0 = 0.25},
 * {@code p0 = 1}) at time {@code T} on the grid {@code x_j = j L / M}, computed here without any of the program's
 * solvers, as the reference for its end-to-end runs.
 *
 * <p><b>rho_eps</b>: the spectral semi-discretization (4.5)-(4.7) of (2.1), solved exactly in time. The spectral
 * derivative with the Nyquist mode dropped is the matrix {@code D_jl = (pi/L) (-1)^(j-l) cot(pi (j-l) / M)},
 * {@code D_jj = 0} (real and skew), so {@code u' = (i eps / 2) D diag(m) D u = -i eps H u} with
 * {@code H = -D diag(m) D / 2} real symmetric. With {@code H = Q diag(lambda) Q^T} (Commons Math's eigensolver),
 * {@code u(T) = Q exp(-i eps T lambda) Q^T u(0)}: no time stepping, only the eigensolver's round-off.
 *
 * <p><b>rho0</b>: the Liouville limit (2.20) in closed form. Along a ray of (2.14) started at {@code (y, p0)},
 * {@code p0 > 0}, the Hamiltonian {@code m k^2 / 2} is conserved, so {@code dx/dt = m k = p0 sqrt(m(y) m(x))}; with
 * {@code ∫ dx / sqrt(1 + x^2) = asinh x} the ray lands at {@code X(y) = sinh(asinh y + p0 T sqrt(1 + y^2))}, and
 * {@code rho0(T, X(y)) = rho_I(y) / X'(y)} with {@code rho_I(y) = exp(-2 A (y - x0)^2)} (4.4) on the box
 * {@code [0, L)}. {@code X' > 0} for {@code y > -1/(p0 T)}: no caustic. {@code X(y) = x_j} is solved by bisection.
 * Rays that leave the box carry {@code rho_I <= 1e-7} (they start beyond {@code y = 0.5}) and are left out.
 */
final class Example1Reference {

    static final double L = 1.25;
    static final double A = 128;
    static final double X0 = 0.25;
    static final double P0 = 1;

    private Example1Reference() {
    }

    static double mass(double x) {
        return 1 + x * x;
    }

    /** {@code |u(T, x_j)|^2} of the semi-discrete VMSE on {@code M} points. */
    static double[] rhoEps(double eps, int M, double T) {
        double[] x = grid(M);
        double[][] d = new double[M][M];
        for (int j = 0; j < M; j++) {
            for (int l = 0; l < M; l++) {
                if (j != l) {
                    double sign = ((j - l) & 1) == 0 ? 1 : -1;
                    d[j][l] = (Math.PI / L) * sign / Math.tan(Math.PI * (j - l) / M);
                }
            }
        }
        double[][] h = new double[M][M];
        for (int j = 0; j < M; j++) {
            for (int l = 0; l < M; l++) {
                double s = 0;
                for (int n = 0; n < M; n++) {
                    s += d[j][n] * mass(x[n]) * d[n][l];
                }
                h[j][l] = -0.5 * s;
            }
        }
        for (int j = 0; j < M; j++) { // symmetric in exact arithmetic: make it so in floating point
            for (int l = 0; l < j; l++) {
                double mean = 0.5 * (h[j][l] + h[l][j]);
                h[j][l] = mean;
                h[l][j] = mean;
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(h, false));
        RealMatrix q = eig.getV();
        double[] lambda = eig.getRealEigenvalues();
        double[] re = new double[M];
        double[] im = new double[M];
        for (int j = 0; j < M; j++) {
            double amplitude = Math.exp(-A * (x[j] - X0) * (x[j] - X0));
            re[j] = amplitude * Math.cos(P0 * x[j] / eps);
            im[j] = amplitude * Math.sin(P0 * x[j] / eps);
        }
        double[] cRe = new double[M];
        double[] cIm = new double[M];
        for (int n = 0; n < M; n++) { // c = exp(-i eps T lambda) Q^T u(0)
            double sr = 0;
            double si = 0;
            for (int j = 0; j < M; j++) {
                sr += q.getEntry(j, n) * re[j];
                si += q.getEntry(j, n) * im[j];
            }
            double phase = -eps * T * lambda[n];
            cRe[n] = sr * Math.cos(phase) - si * Math.sin(phase);
            cIm[n] = sr * Math.sin(phase) + si * Math.cos(phase);
        }
        double[] rho = new double[M];
        for (int j = 0; j < M; j++) {
            double sr = 0;
            double si = 0;
            for (int n = 0; n < M; n++) {
                sr += q.getEntry(j, n) * cRe[n];
                si += q.getEntry(j, n) * cIm[n];
            }
            rho[j] = sr * sr + si * si;
        }
        return rho;
    }

    /** {@code rho0(T, x_j)} on {@code M} points. */
    static double[] rho0(int M, double T) {
        double[] x = grid(M);
        double[] rho = new double[M];
        for (int j = 0; j < M; j++) {
            double lo = -1; // X(-1) < 0 <= x_j <= X(x_j): the root is bracketed
            double hi = x[j];
            for (int it = 0; it < 200 && hi - lo > 1e-15; it++) {
                double mid = 0.5 * (lo + hi);
                if (landing(mid, T) < x[j]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double y = 0.5 * (lo + hi);
            double rhoI = y >= 0 && y < L ? Math.exp(-2 * A * (y - X0) * (y - X0)) : 0;
            double s = Math.sqrt(mass(y));
            double jacobian = Math.cosh(Math.log(y + s) + P0 * T * s) * (1 + P0 * T * y) / s;
            rho[j] = rhoI / jacobian;
        }
        return rho;
    }

    /** {@code dx sum_j |a_j - b_j|}: (4.11) on the periodic grid. */
    static double l1(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.abs(a[j] - b[j]);
        }
        return s * L / a.length;
    }

    /** {@code X(y)}; {@code asinh y = log(y + sqrt(1 + y^2))}. */
    private static double landing(double y, double T) {
        double s = Math.sqrt(mass(y));
        return Math.sinh(Math.log(y + s) + P0 * T * s);
    }

    private static double[] grid(int M) {
        double[] x = new double[M];
        for (int j = 0; j < M; j++) {
            x[j] = j * L / M;
        }
        return x;
    }
}
