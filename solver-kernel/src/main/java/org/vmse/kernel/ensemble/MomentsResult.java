package org.vmse.kernel.ensemble;

import java.io.Serializable;

/**
 * The ensemble moments of the density computed by {@link ExactMoments#result()}, per output time {@code k} and
 * output point {@code p}: the mean, the unbiased standard deviation (divisor {@code N - 1}), the standard error
 * of the mean {@code std / sqrt(N)}, and optionally the unbiased covariance matrix
 * {@code Cov(rho(t_k, x_p), rho(t_k, x_q))} whose diagonal is the variance. NaN where undefined: every value
 * for {@code N = 0}, all but the mean for {@code N = 1}.
 *
 * <p>Immutable: accessors return copies.
 */
public final class MomentsResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long count;
    private final int points;
    private final double[][] mean;
    private final double[][] std;
    private final double[][] sem;
    private final double[][] covariance;

    /** Built by {@link ExactMoments#result()}, which hands over fresh arrays. */
    MomentsResult(long count, int points, double[][] mean, double[][] std, double[][] sem, double[][] covariance) {
        this.count = count;
        this.points = points;
        this.mean = mean;
        this.std = std;
        this.sem = sem;
        this.covariance = covariance;
    }

    /** The number {@code N} of realizations. */
    public long count() {
        return count;
    }

    public int outputTimes() {
        return mean.length;
    }

    public int points() {
        return points;
    }

    /** The mean density at output time {@code k}. */
    public double[] mean(int k) {
        return mean[k].clone();
    }

    /** The unbiased standard deviation at output time {@code k} (NaN for {@code N < 2}). */
    public double[] standardDeviation(int k) {
        return std[k].clone();
    }

    /** The standard error of the mean, {@code std / sqrt(N)}, at output time {@code k}. */
    public double[] standardError(int k) {
        return sem[k].clone();
    }

    /** Whether the covariance was accumulated ({@code withCovariance}). */
    public boolean hasCovariance() {
        return covariance != null;
    }

    /**
     * The {@code n x n} covariance at output time {@code k}, row-major: entry {@code p n + q} is
     * {@code Cov(rho(x_p), rho(x_q))}.
     *
     * @throws IllegalStateException if the covariance was not accumulated
     */
    public double[] covariance(int k) {
        if (covariance == null) {
            throw new IllegalStateException("the covariance was not accumulated (ExactMoments withCovariance = false)");
        }
        return covariance[k].clone();
    }

    /** {@code Cov(rho(t_k, x_p), rho(t_k, x_q))}. */
    public double covariance(int k, int p, int q) {
        if (covariance == null) {
            throw new IllegalStateException("the covariance was not accumulated (ExactMoments withCovariance = false)");
        }
        return covariance[k][p * points + q];
    }
}
