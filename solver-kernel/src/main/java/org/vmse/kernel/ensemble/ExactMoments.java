package org.vmse.kernel.ensemble;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigInteger;

/**
 * Order-independent accumulator of the ensemble moments of the density (Fig. 8: mean, standard deviation and
 * covariance of {@code rho(t_k, x_p)}): floating-point sums change with the order of their terms, exact integer
 * sums do not, so a block of realizations, a Spark partition, a retried task or a resumed run all merge into the
 * same bits, whatever the grouping and order of {@link #add} and {@link #merge}.
 *
 * <p>Method: every term is quantized to fixed point with {@value #FRACTION_BITS} fraction bits and summed as an
 * exact 128-bit integer, per output time {@code k} and point {@code p}:
 * <pre>
 *   S1[k][p]    = sum_i round(v_ip 2^40)               (mean)
 *   S2[k][p]    = sum_i round(v_ip^2 2^40)             (variance; v*v is rounded, not q*q)
 *   S12[k][p,q] = sum_i round(v_ip v_iq 2^40), p &lt; q  (covariance, optional; the diagonal is S2)
 * </pre>
 * Floating point appears only in {@link #result()}, which computes from the exact integers
 * <pre>
 *   mean = S1 / N,   Cov(p, q) = (N S12 2^40 - S1_p S1_q) / (N (N - 1) 2^80)
 * </pre>
 * with the numerator formed exactly in {@link BigInteger}, so there is no cancellation in the subtraction.
 *
 * <p>Accuracy and range. The resolution is 2<sup>-40</sup> ≈ 9.1e-13 absolute: each term is off by at most
 * 2<sup>-41</sup>, so the mean is within 2<sup>-41</sup> of the exact mean, and a variance or covariance within
 * about 2<sup>-40</sup> (1 + |mean_p| + |mean_q|); standard deviations below about 1e-6 are not resolved. Values
 * must be finite with {@code |v| < 2^22} (= 4194304); others are rejected with
 * {@link IllegalArgumentException} and the accumulator is left unchanged. The 128-bit sums cannot overflow for
 * fewer than 2<sup>43</sup> realizations.
 *
 * <p>NaN semantics of the result: with {@code N = 0} everything is NaN; with {@code N = 1} the mean is the value
 * and the standard deviation, standard error and covariance are NaN (the unbiased estimators divide by
 * {@code N - 1}). A variance that quantization makes slightly negative is reported as 0.
 *
 * <p>Mutable, not thread-safe, {@link Serializable}: one instance per block or Spark task, merged at the end.
 * Excluded or failed realizations are the caller's count, not this class's.
 */
public final class ExactMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Fraction bits of the fixed point: resolution 2^-40 ≈ 9.1e-13. */
    public static final int FRACTION_BITS = 40;
    /** Exclusive bound on {@code |v|}: 2^22 = 4194304. */
    public static final double MAX_ABS_VALUE = 0x1p22;

    private static final double SCALE = 0x1p40;
    /** Below it, {@code |v_p v_q| 2^40 < 2^62}: every product term is a plain rounded long. */
    private static final double SMALL_PRODUCT_BOUND = 0x1p11;

    private final int outputTimes;
    private final int points;
    private final boolean withCovariance;
    private long count;
    private final Int128Array s1;
    private final Int128Array s2;
    private final Int128Array s12;

    /**
     * @param outputTimes    the number {@code K} of output times per realization, {@code >= 1}
     * @param points         the number {@code n} of output grid points, {@code >= 1}
     * @param withCovariance whether to accumulate the {@code n (n - 1) / 2} cross products per output time
     */
    public ExactMoments(int outputTimes, int points, boolean withCovariance) {
        if (outputTimes < 1 || points < 1) {
            throw new IllegalArgumentException("ExactMoments needs at least one output time and one point, got "
                    + outputTimes + " x " + points);
        }
        long pairs = withCovariance ? (long) outputTimes * points * (points - 1L) / 2 : 0;
        if ((long) outputTimes * points > Integer.MAX_VALUE || pairs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ExactMoments of " + outputTimes + " x " + points
                    + (withCovariance ? " with covariance" : "") + " has too many cells");
        }
        this.outputTimes = outputTimes;
        this.points = points;
        this.withCovariance = withCovariance;
        this.s1 = new Int128Array(outputTimes * points);
        this.s2 = new Int128Array(outputTimes * points);
        this.s12 = new Int128Array((int) pairs);
    }

    /**
     * Adds one realization: {@code rho[k][p]} is its density at output time {@code k} and output point
     * {@code p}. Validated completely before anything is added.
     *
     * @throws IllegalArgumentException on a shape mismatch or a value that is not finite or not within
     *                                  {@code ±2^22}, naming its indices
     */
    public void add(double[][] rho) {
        if (rho.length != outputTimes) {
            throw new IllegalArgumentException("expected densities at " + outputTimes + " output times, got "
                    + rho.length);
        }
        for (int k = 0; k < outputTimes; k++) {
            if (rho[k].length != points) {
                throw new IllegalArgumentException("expected " + points + " points at output time " + k + ", got "
                        + rho[k].length);
            }
        }
        addSampled(rho, 0, 1);
    }

    /**
     * Adds one realization sampled from a larger one, without copying it: output time {@code k} of this
     * accumulator is {@code rho[firstTime + k]}, point {@code p} is {@code rho[firstTime + k][p * stride]}. The
     * same sums, bit for bit, as {@link #add} of the sampled arrays. Validated completely before anything is added.
     *
     * @throws IllegalArgumentException on a shape mismatch (the rows from {@code firstTime} on must be
     *                                  {@code outputTimes} long, each with {@code ceil(length / stride) = points}) or
     *                                  a value that is not finite or not within {@code ±2^22}, naming its indices
     */
    public void add(double[][] rho, int firstTime, int stride) {
        if (!(stride >= 1 && firstTime >= 0 && rho.length - firstTime == outputTimes)) {
            throw new IllegalArgumentException("expected densities at " + outputTimes + " output times from "
                    + firstTime + " on with stride >= 1, got " + rho.length + " output times, stride " + stride);
        }
        for (int k = 0; k < outputTimes; k++) {
            int length = rho[firstTime + k].length;
            if ((length + stride - 1) / stride != points) {
                throw new IllegalArgumentException("expected " + points + " points at output time " + k
                        + " (every " + stride + "-th), got " + length + " values");
            }
        }
        addSampled(rho, firstTime, stride);
    }

    private void addSampled(double[][] rho, int firstTime, int stride) {
        double largest = 0;
        for (int k = 0; k < outputTimes; k++) {
            double[] v = rho[firstTime + k];
            for (int p = 0; p < points; p++) {
                double a = Math.abs(v[p * stride]);
                if (!(a < MAX_ABS_VALUE)) {
                    throw new IllegalArgumentException("rho[" + k + "][" + p + "] = " + v[p * stride]
                            + " is outside the fixed-point range of ExactMoments: finite with |v| < 2^22"
                            + " (resolution 2^-40)");
                }
                largest = Math.max(largest, a);
            }
        }
        // |v| < 2^11 bounds every product term below 2^62, where addRounded is add(round(x)): skip its range check
        boolean smallProducts = largest < SMALL_PRODUCT_BOUND;
        for (int k = 0; k < outputTimes; k++) {
            double[] v = rho[firstTime + k];
            int base = k * points;
            for (int p = 0; p < points; p++) {
                double vp = v[p * stride];
                s1.add(base + p, Math.round(vp * SCALE)); // |v| < 2^22: fits a long
                s2.addRounded(base + p, vp * vp * SCALE); // < 2^84: 128-bit
            }
            if (withCovariance) {
                int cell = pairBase(k);
                for (int p = 0; p < points; p++) {
                    double vp = v[p * stride];
                    if (smallProducts) {
                        for (int q = p + 1; q < points; q++) {
                            s12.add(cell++, Math.round(vp * v[q * stride] * SCALE));
                        }
                    } else {
                        for (int q = p + 1; q < points; q++) {
                            s12.addRounded(cell++, vp * v[q * stride] * SCALE);
                        }
                    }
                }
            }
        }
        count++;
    }

    /**
     * Adds the realizations of {@code other} to this accumulator; {@code other} is unchanged.
     *
     * @return this
     * @throws IllegalArgumentException if the shapes or the covariance flags differ
     */
    public ExactMoments merge(ExactMoments other) {
        if (other.outputTimes != outputTimes || other.points != points || other.withCovariance != withCovariance) {
            throw new IllegalArgumentException("cannot merge ExactMoments of " + other.describe() + " into "
                    + describe());
        }
        s1.addAll(other.s1);
        s2.addAll(other.s2);
        s12.addAll(other.s12);
        count += other.count;
        return this;
    }

    /** The number of realizations added, directly or by merging. */
    public long count() {
        return count;
    }

    public int outputTimes() {
        return outputTimes;
    }

    public int points() {
        return points;
    }

    public boolean withCovariance() {
        return withCovariance;
    }

    /** Mean, standard deviation, standard error and (if accumulated) covariance, computed from the exact sums. */
    public MomentsResult result() {
        double[][] mean = new double[outputTimes][points];
        double[][] std = new double[outputTimes][points];
        double[][] sem = new double[outputTimes][points];
        double[][] cov = withCovariance ? new double[outputTimes][points * points] : null;
        BigInteger n = BigInteger.valueOf(count);
        // N (N - 1) 2^80 as a double: exact for N < 2^26, else one rounding
        double denominator = Math.scalb((double) count * (count - 1), 2 * FRACTION_BITS);
        double sqrtN = Math.sqrt(count);
        for (int k = 0; k < outputTimes; k++) {
            BigInteger[] sum = new BigInteger[points];
            for (int p = 0; p < points; p++) {
                int c = k * points + p;
                sum[p] = s1.get(c);
                mean[k][p] = count == 0 ? Double.NaN : Math.scalb(sum[p].doubleValue(), -FRACTION_BITS) / count;
                double variance = count < 2 ? Double.NaN
                        : Math.max(0, central(n, s2.get(c), sum[p], sum[p]) / denominator);
                std[k][p] = Math.sqrt(variance);
                sem[k][p] = std[k][p] / sqrtN;
                if (cov != null) {
                    cov[k][p * points + p] = variance;
                }
            }
            if (cov != null) {
                int cell = pairBase(k);
                for (int p = 0; p < points; p++) {
                    for (int q = p + 1; q < points; q++) {
                        double c = count < 2 ? Double.NaN : central(n, s12.get(cell), sum[p], sum[q]) / denominator;
                        cell++;
                        cov[k][p * points + q] = c;
                        cov[k][q * points + p] = c;
                    }
                }
            }
        }
        return new MomentsResult(count, points, mean, std, sem, cov);
    }

    /** {@code N S12 2^40 - S1_p S1_q}, exactly, then rounded once to a double. */
    private static double central(BigInteger n, BigInteger products, BigInteger sumP, BigInteger sumQ) {
        return n.multiply(products).shiftLeft(FRACTION_BITS).subtract(sumP.multiply(sumQ)).doubleValue();
    }

    private int pairBase(int k) {
        return k * (int) ((long) points * (points - 1) / 2);
    }

    private String describe() {
        return outputTimes + " output times x " + points + " points, " + (withCovariance ? "with" : "without")
                + " covariance";
    }

    /** Equal when the exact state is equal: same shape, count and sums, bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExactMoments m && m.outputTimes == outputTimes && m.points == points
                && m.withCovariance == withCovariance && m.count == count && m.s1.equals(s1) && m.s2.equals(s2)
                && m.s12.equals(s12);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(count) * 31 + s1.hashCode()) * 31 + s2.hashCode();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int cells = outputTimes * points;
        long pairs = withCovariance ? (long) outputTimes * points * (points - 1L) / 2 : 0;
        if (outputTimes < 1 || points < 1 || count < 0 || s1 == null || s2 == null || s12 == null
                || s1.size() != cells || s2.size() != cells || s12.size() != pairs) {
            throw new InvalidObjectException("inconsistent ExactMoments: " + describe() + ", count " + count);
        }
    }
}
