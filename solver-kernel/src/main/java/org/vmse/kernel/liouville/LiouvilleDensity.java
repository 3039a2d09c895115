package org.vmse.kernel.liouville;

/**
 * The Liouville-limit density {@code rho0(t, x_j) = ∫ W0(t, x_j, k) dk} on a set of points.
 *
 * <p>Arrays are copied on the way in and on the way out.
 *
 * @param time        the time {@code t}
 * @param x           the points {@code x_j}
 * @param rho         {@code rho0(t, x_j)}
 * @param escapedMass the part of {@code ∫ rho_I} carried by rays that ended outside {@code [0, L)} (lost, not
 *                    wrapped around); {@code 0} for methods that do not track it
 */
public record LiouvilleDensity(double time, double[] x, double[] rho, double escapedMass) {

    public LiouvilleDensity {
        if (x.length != rho.length) {
            throw new IllegalArgumentException("x and rho differ in length: " + x.length + " vs " + rho.length);
        }
        x = x.clone();
        rho = rho.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] rho() {
        return rho.clone();
    }

    /** {@code rho0} at point {@code j}, without copying. */
    public double rho(int j) {
        return rho[j];
    }

    /** The VMSE grid {@code x_j = j L / M}, {@code j = 0 .. M-1}. */
    public static double[] uniformGrid(double L, int M) {
        if (!(L > 0 && L < Double.POSITIVE_INFINITY) || M < 1) {
            throw new IllegalArgumentException("need L > 0 finite and M >= 1, got L = " + L + ", M = " + M);
        }
        double[] g = new double[M];
        for (int j = 0; j < M; j++) {
            g[j] = j * L / M;
        }
        return g;
    }
}
