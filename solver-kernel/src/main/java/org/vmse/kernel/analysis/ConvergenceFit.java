package org.vmse.kernel.analysis;

/**
 * Observed order of an error {@code Err(eps) ~ C eps^p}: the local rates between neighbouring {@code eps}, and the
 * least-squares line {@code log Err = log C + p log eps} over a chosen range with the standard error of {@code p}
 * (ordinary least squares, {@code se(p) = sqrt(s^2 / Sxx)}, {@code s^2} the residual variance with {@code n - 2}
 * degrees of freedom; undefined, reported as NaN, for two points).
 *
 * @param rate           fitted {@code p}
 * @param rateStdError   its standard error
 * @param logPrefactor   fitted {@code log C}
 * @param points         number of points in the fit
 */
public record ConvergenceFit(double rate, double rateStdError, double logPrefactor, int points) {

    /**
     * Fits the points with {@code lo <= eps <= hi}.
     *
     * @throws IllegalArgumentException with fewer than two usable points, or a non-positive error
     */
    public static ConvergenceFit fit(double[] eps, double[] err, double lo, double hi) {
        double[] w = new double[eps.length];
        java.util.Arrays.fill(w, 1);
        return leastSquares(eps, err, w, lo, hi, false);
    }

    /**
     * Weighted least squares in log-log for errors with standard errors {@code se}: weights
     * {@code (err/se)^2} (the variance of {@code log err} is {@code (se/err)^2}), standard error of the rate
     * {@code sqrt(1/Sxx_w)} scaled up by {@code sqrt(chi^2 / (n - 2))} when the points scatter more than their
     * errors say. Points outside {@code [lo, hi]} or with a non-positive {@code se} are left out.
     */
    public static ConvergenceFit weighted(double[] eps, double[] err, double[] se, double lo, double hi) {
        double[] w = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            w[i] = se[i] > 0 ? (err[i] / se[i]) * (err[i] / se[i]) : 0;
        }
        return leastSquares(eps, err, w, lo, hi, true);
    }

    /**
     * The line through the points in range with positive weight. The rate's variance is {@code scale / Sxx_w},
     * {@code scale} the residual variance (unweighted: weights say nothing about the noise) or
     * {@code max(1, chi^2 / (n - 2))} (weights are inverse variances).
     */
    private static ConvergenceFit leastSquares(double[] eps, double[] err, double[] w, double lo, double hi,
                                               boolean inverseVariances) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < eps.length; i++) {
            if (inRange(eps[i], lo, hi) && w[i] > 0) {
                requirePositive(eps[i], err[i]);
                sw += w[i];
                sx += w[i] * Math.log(eps[i]);
                sy += w[i] * Math.log(err[i]);
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("study.fit range [" + lo + ", " + hi + "] holds " + n
                    + " usable point(s); it needs at least two: widen study.fitMin/study.fitMax");
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < eps.length; i++) {
            if (inRange(eps[i], lo, hi) && w[i] > 0) {
                double dx = Math.log(eps[i]) - mx;
                sxx += w[i] * dx * dx;
                sxy += w[i] * dx * (Math.log(err[i]) - my);
            }
        }
        double p = sxy / sxx;
        double c = my - p * mx;
        double ssr = 0;
        for (int i = 0; i < eps.length; i++) {
            if (inRange(eps[i], lo, hi) && w[i] > 0) {
                double r = Math.log(err[i]) - c - p * Math.log(eps[i]);
                ssr += w[i] * r * r;
            }
        }
        double scale;
        if (inverseVariances) {
            scale = n > 2 ? Math.max(1, ssr / (n - 2)) : 1;
        } else {
            scale = n > 2 ? ssr / (n - 2) : Double.NaN;
        }
        return new ConvergenceFit(p, Math.sqrt(scale / sxx), c, n);
    }

    private static boolean inRange(double eps, double lo, double hi) {
        return eps >= lo * (1 - 1e-12) && eps <= hi * (1 + 1e-12);
    }

    /** {@code log(err_i / err_{i+1}) / log(eps_i / eps_{i+1})} for each neighbouring pair in the given order. */
    public static double[] localRates(double[] eps, double[] err) {
        double[] r = new double[Math.max(0, eps.length - 1)];
        for (int i = 0; i + 1 < eps.length; i++) {
            requirePositive(eps[i], err[i]);
            requirePositive(eps[i + 1], err[i + 1]);
            r[i] = Math.log(err[i] / err[i + 1]) / Math.log(eps[i] / eps[i + 1]);
        }
        return r;
    }

    /**
     * The standard errors of {@link #localRates} from independent errors' standard errors {@code se} (first-order
     * propagation): {@code sqrt((se_i/err_i)^2 + (se_{i+1}/err_{i+1})^2) / |log(eps_i / eps_{i+1})|}.
     */
    public static double[] localRateStdErrors(double[] eps, double[] err, double[] se) {
        double[] r = new double[Math.max(0, eps.length - 1)];
        for (int i = 0; i + 1 < eps.length; i++) {
            requirePositive(eps[i], err[i]);
            requirePositive(eps[i + 1], err[i + 1]);
            double a = se[i] / err[i];
            double b = se[i + 1] / err[i + 1];
            r[i] = Math.sqrt(a * a + b * b) / Math.abs(Math.log(eps[i] / eps[i + 1]));
        }
        return r;
    }

    /** The fitted error at {@code eps}. */
    public double predict(double eps) {
        return Math.exp(logPrefactor + rate * Math.log(eps));
    }

    private static void requirePositive(double eps, double err) {
        if (!(eps > 0 && err > 0)) {
            throw new IllegalArgumentException("a rate needs positive eps and error, got eps = " + eps
                    + ", err = " + err);
        }
    }
}
