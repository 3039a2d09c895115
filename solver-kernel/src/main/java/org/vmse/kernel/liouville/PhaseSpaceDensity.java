package org.vmse.kernel.liouville;

/**
 * The regularized Wigner limit {@code W0(t, x_i, k_j)} on a phase-space grid and its density
 * {@code rho0(t, x_i) = sum_j W0(t, x_i, k_j) dk}, as produced by {@link BackwardParticleMethod}.
 *
 * <p>{@code w} is row-major: {@code w[i * k.length + j] = W0(t, x_i, k_j)}. Arrays are copied on the way in and out.
 *
 * @param time         the time {@code t}
 * @param x            the x axis
 * @param k            the k axis (uniform)
 * @param w            {@code W0} on the grid, row-major in x
 * @param rho          {@code rho0} on the x axis
 * @param sigma        the width of the Gaussian that regularizes {@code delta(k - p0)}
 * @param trajectories how many backward characteristics were integrated (the cost)
 */
public record PhaseSpaceDensity(double time, double[] x, double[] k, double[] w, double[] rho, double sigma,
                                long trajectories) {

    public PhaseSpaceDensity {
        if (w.length != x.length * k.length || rho.length != x.length) {
            throw new IllegalArgumentException("phase-space arrays have inconsistent lengths");
        }
        x = x.clone();
        k = k.clone();
        w = w.clone();
        rho = rho.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] k() {
        return k.clone();
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    @Override
    public double[] rho() {
        return rho.clone();
    }

    /** {@code W0(t, x_i, k_j)} without copying. */
    public double w(int i, int j) {
        return w[i * k.length + j];
    }

    /** {@code rho0(t, x_i)} without copying. */
    public double rho(int i) {
        return rho[i];
    }

    /** The density as a {@link LiouvilleDensity} (escaped mass 0: the backward method does not track it). */
    public LiouvilleDensity density() {
        return new LiouvilleDensity(time, x, rho, 0);
    }
}
