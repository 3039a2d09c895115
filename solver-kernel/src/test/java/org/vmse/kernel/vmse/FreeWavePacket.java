package org.vmse.kernel.vmse;

import org.vmse.kernel.problem.WavePacket;

/**
 * Closed-form solution of {@code u_t = (i eps m / 2) u_xx} (constant mass, no potential) from the packet (4.2):
 * with {@code beta = eps m} and {@code z = 1 + 2 i A beta t},
 * <pre>
 *   u(t,x) = z^{-1/2} exp(-A (x - x0 - m p0 t)^2 / z) exp(i p0 x / eps - i m p0^2 t / (2 eps)),
 * </pre>
 * a Galilean boost of the spreading Gaussian. On the periodic box {@code [0, L)} the solution is the sum of the
 * images {@code u(t, x + nL)}, {@code |n| <= 2}; this is exact while the initial datum is negligible at the boundary
 * (its phase {@code p0 x / eps} is not {@code L}-periodic).
 */
final class FreeWavePacket {

    private FreeWavePacket() {
    }

    /** {@code u(t, x_j)} interleaved complex. */
    static double[] at(double[] x, double L, WavePacket packet, double eps, double m, double t) {
        double[] sum = new double[2 * x.length];
        double[] shifted = new double[x.length];
        for (int n = -2; n <= 2; n++) {
            for (int j = 0; j < x.length; j++) {
                shifted[j] = x[j] + n * L;
            }
            double[] u = onLine(shifted, packet, eps, m, t);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += u[i];
            }
        }
        return sum;
    }

    private static double[] onLine(double[] x, WavePacket packet, double eps, double m, double t) {
        double[] u = new double[2 * x.length];
        double beta = eps * m;
        // z = 1 + i w; 1/z = (1 - i w)/(1 + w^2); z^{-1/2} from the principal root
        double w = 2 * packet.A() * beta * t;
        double zAbs = Math.hypot(1, w);
        double zArg = Math.atan2(w, 1);
        double rootAbs = 1 / Math.sqrt(zAbs);
        double rootArg = -0.5 * zArg;
        double invRe = 1 / (1 + w * w);
        double invIm = -w / (1 + w * w);
        for (int j = 0; j < x.length; j++) {
            double s = x[j] - packet.x0() - m * packet.p0() * t;
            double eRe = -packet.A() * s * s * invRe;
            double eIm = -packet.A() * s * s * invIm;
            double phase = eIm + packet.p0() * x[j] / eps - m * packet.p0() * packet.p0() * t / (2 * eps) + rootArg;
            double amp = rootAbs * Math.exp(eRe);
            u[2 * j] = amp * Math.cos(phase);
            u[2 * j + 1] = amp * Math.sin(phase);
        }
        return u;
    }
}
