package org.vmse.kernel.random;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.vmse.kernel.problem.MassCovariance;

/**
 * The truncated Karhunen-Loeve basis (4.20)-(4.23) of the separable exponential covariance (4.14)
 * {@code R(t, x) = D^2 exp(-|t|/a - |x|/b)} of {@code m1(t/eps, x/eps)} on {@code [0,T] x [0,L]}.
 *
 * <p><b>Roots.</b> With {@code theta = w T/2} and {@code c = 2 a eps / T}, the equations (4.23) read, in pole-free
 * form, {@code cos(theta) - c theta sin(theta) = 0} for odd {@code i} (cosine modes) and
 * {@code c theta cos(theta) + sin(theta) = 0} for even {@code i} (sine modes). The {@code i}-th root (1-based) lies in
 * {@code ((i-1) pi/2, i pi/2)}: for odd {@code i = 2n-1} that is {@code ((n-1)pi, (n-1)pi + pi/2)}, where
 * {@code tan theta} runs from 0 to +inf and meets the decreasing {@code 1/(c theta)} once; for even {@code i = 2n} it
 * is {@code ((n-1)pi + pi/2, n pi)}, where {@code tan theta} runs from -inf to 0 and meets {@code -c theta} once. At
 * both ends of each bracket the pole-free function has opposite signs ({@code ±1} against {@code ∓c theta}), so
 * Brent's method applies without any pole margin; no sign change or a solver failure is an error, at once. Roots
 * thus increase with the index and the eigenvalues {@code lambda_i = 2 a eps / (1 + (a eps w_i)^2)} decrease. The same
 * holds for {@code v_j, sigma_j} with {@code b, L}.
 *
 * <p><b>Truncation (4.26).</b> The products {@code lambda_i sigma_j} are visited in descending order (best-first
 * search on the index grid; roots are generated lazily, in order). Under a threshold {@code tau} the pairs with
 * {@code sqrt(lambda_i sigma_j / (lambda_1 sigma_1)) >= tau} are kept; under {@code klTerms = K} the {@code K} largest.
 * The paper's {@code N_KL} counts the kept pairs plus one (the {@code N_KL}-th product is the first below the
 * threshold): {@link #nKL()} {@code = pairCount() + 1}.
 *
 * <p>Indices of modes are 1-based, as in the paper; pair indices are 0-based. Immutable and thread-safe.
 */
public final class KarhunenLoeveBasis implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The paper's threshold (4.26), {@code 2^-9}. */
    public static final double DEFAULT_THRESHOLD = 0x1p-9;
    /** Refuse truncations keeping more pairs than this (memory guard). */
    public static final int MAX_PAIRS = 20_000_000;

    private final MassCovariance covariance;
    private final double tEnd, length, eps, threshold;
    private final String bound;
    private final double[] w, lambda, psiNorm, v, sigma, phiNorm;
    private final int[] pairI, pairJ;
    private final double keptSum, maxResidual;

    private KarhunenLoeveBasis(MassCovariance covariance, double tEnd, double length, double eps, double threshold,
            int klTerms) {
        this.covariance = covariance;
        double a = covariance.a();
        double b = covariance.b();
        this.tEnd = tEnd;
        this.length = length;
        this.eps = eps;
        this.threshold = threshold;
        this.bound = klTerms > 0 ? "klTerms" : "threshold";
        RootSeq time = new RootSeq(a * eps, tEnd, "time");
        RootSeq space = new RootSeq(b * eps, length, "space");
        double first = time.eig(1) * space.eig(1);
        double cutoff = klTerms > 0 ? 0 : threshold * threshold * first;
        // best-first over the monotone grid: (i,1) spawns (i+1,1) and (i,2); (i,j>1) spawns (i,j+1).
        PriorityQueue<long[]> heap = new PriorityQueue<>((p, q) -> {
            int c = Double.compare(prod(time, space, q), prod(time, space, p));
            return c != 0 ? c : Long.compare(p[0] * 4_000_000_000L + p[1], q[0] * 4_000_000_000L + q[1]);
        });
        heap.add(new long[] {1, 1});
        int[] ii = new int[64], jj = new int[64];
        int n = 0;
        double sum = 0;
        while (true) {
            long[] top = heap.poll();
            double p = prod(time, space, top);
            if (klTerms > 0 ? n >= klTerms : p < cutoff) {
                break;
            }
            if (n == MAX_PAIRS) {
                throw new IllegalArgumentException("Karhunen-Loeve truncation keeps more than " + MAX_PAIRS
                        + " pairs; raise random.klThreshold or lower random.klTerms");
            }
            if (n == ii.length) {
                ii = Arrays.copyOf(ii, 2 * n);
                jj = Arrays.copyOf(jj, 2 * n);
            }
            ii[n] = (int) top[0];
            jj[n] = (int) top[1];
            n++;
            sum += p;
            if (top[1] == 1) {
                heap.add(new long[] {top[0] + 1, 1});
            }
            heap.add(new long[] {top[0], top[1] + 1});
        }
        if (n == 0) {
            throw new IllegalArgumentException("no Karhunen-Loeve pair survives the truncation (random.klThreshold="
                    + threshold + ", random.klTerms=" + klTerms + ")");
        }
        pairI = Arrays.copyOf(ii, n);
        pairJ = Arrays.copyOf(jj, n);
        int nt = 0, ns = 0;
        for (int k = 0; k < n; k++) {
            nt = Math.max(nt, pairI[k]);
            ns = Math.max(ns, pairJ[k]);
        }
        w = time.roots(nt);
        v = space.roots(ns);
        lambda = eigenvalues(w, a * eps);
        sigma = eigenvalues(v, b * eps);
        psiNorm = norms(w, tEnd);
        phiNorm = norms(v, length);
        keptSum = sum;
        maxResidual = Math.max(time.maxResidual(nt), space.maxResidual(ns));
    }

    /**
     * The basis truncated by (4.26): pairs with {@code sqrt(lambda_i sigma_j / (lambda_1 sigma_1)) >= threshold}.
     *
     * @throws IllegalArgumentException for a non-positive or non-finite {@code T, L, eps}, or a threshold outside
     *     {@code (0, 1)}; the message names the config key
     */
    public static KarhunenLoeveBasis withThreshold(MassCovariance covariance, double tEnd, double length,
            double eps, double threshold) {
        check(tEnd, length, eps);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("random.klThreshold must lie in (0, 1), got " + threshold);
        }
        return new KarhunenLoeveBasis(covariance, tEnd, length, eps, threshold, 0);
    }

    /** The basis keeping the {@code klTerms} largest products {@code lambda_i sigma_j}. */
    public static KarhunenLoeveBasis withTerms(MassCovariance covariance, double tEnd, double length, double eps,
            int klTerms) {
        check(tEnd, length, eps);
        if (klTerms <= 0) {
            throw new IllegalArgumentException(
                    "random.klTerms must be positive (zero pairs would leave no random field), got " + klTerms);
        }
        if (klTerms > MAX_PAIRS) {
            throw new IllegalArgumentException("random.klTerms must not exceed " + MAX_PAIRS + ", got " + klTerms);
        }
        return new KarhunenLoeveBasis(covariance, tEnd, length, eps, Double.NaN, klTerms);
    }

    private static void check(double tEnd, double length, double eps) {
        positive("T (final time)", tEnd);
        positive("L (domain length)", length);
        positive("eps", eps);
    }

    private static void positive(String key, double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(key + " must be finite and > 0, got " + x);
        }
    }

    private static double prod(RootSeq time, RootSeq space, long[] ij) {
        return time.eig((int) ij[0]) * space.eig((int) ij[1]);
    }

    private static double[] eigenvalues(double[] roots, double ae) {
        double[] e = new double[roots.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = 2 * ae / (1 + ae * ae * roots[k] * roots[k]);
        }
        return e;
    }

    /** {@code 1/sqrt(T/2 ± sin(wT)/(2w))}, + for odd (cosine) and - for even (sine) modes. */
    private static double[] norms(double[] roots, double len) {
        double[] n = new double[roots.length];
        for (int k = 0; k < n.length; k++) {
            double s = Math.sin(roots[k] * len) / (2 * roots[k]);
            n[k] = 1 / Math.sqrt(len / 2 + (k % 2 == 0 ? s : -s));
        }
        return n;
    }

    /** Lazily generated roots of (4.23) for one kernel {@code exp(-|t-s|/ae)} on {@code [0, len]}. */
    private static final class RootSeq {
        private final double ae, len, c;
        private final String what;
        private final BrentSolver solver = new BrentSolver(0x1p-52, 1e-300, 1e-300);
        private double[] theta = new double[64];
        private double[] eig = new double[64];
        private int count;

        RootSeq(double ae, double len, String what) {
            this.ae = ae;
            this.len = len;
            this.c = 2 * ae / len;
            this.what = what;
        }

        /** Pole-free form of (4.23) in {@code theta = w len/2}, index {@code i} 1-based. */
        double f(int i, double th) {
            return i % 2 == 1 ? Math.cos(th) - c * th * Math.sin(th) : c * th * Math.cos(th) + Math.sin(th);
        }

        double eig(int i) {
            while (count < i) {
                grow();
            }
            return eig[i - 1];
        }

        private void grow() {
            int i = count + 1;
            double lo = (i - 1) * Math.PI / 2, hi = i * Math.PI / 2;
            UnivariateFunction fn = th -> f(i, th);
            double root;
            try {
                if (!(fn.value(lo) * fn.value(hi) < 0)) {
                    throw new IllegalStateException("no sign change");
                }
                root = solver.solve(10_000, fn, lo, hi);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Karhunen-Loeve " + what + " root " + i + " not found in bracket theta in ["
                        + lo + ", " + hi + "] (a eps=" + ae + ", length=" + len + "): " + e.getMessage(), e);
            }
            if (!(root > lo && root < hi)) {
                throw new IllegalStateException("Karhunen-Loeve " + what + " root " + i + " = " + root
                        + " outside its bracket (" + lo + ", " + hi + ")");
            }
            if (count == theta.length) {
                theta = Arrays.copyOf(theta, 2 * count);
                eig = Arrays.copyOf(eig, 2 * count);
            }
            double wi = 2 * root / len;
            theta[count] = root;
            eig[count] = 2 * ae / (1 + ae * ae * wi * wi);
            count++;
        }

        double[] roots(int n) {
            eig(n);
            double[] r = new double[n];
            for (int k = 0; k < n; k++) {
                r[k] = 2 * theta[k] / len;
            }
            return r;
        }

        /** Max over the first n roots of the pole-free residual, scaled by {@code sqrt(1 + (c theta)^2)}. */
        double maxResidual(int n) {
            double m = 0;
            for (int k = 0; k < n; k++) {
                double ct = c * theta[k];
                m = Math.max(m, Math.abs(f(k + 1, theta[k])) / Math.sqrt(1 + ct * ct));
            }
            return m;
        }
    }

    // ---------------------------------------------------------------- modes

    /** {@code psi_i(t)} of (4.22), {@code 1 <= i <= timeModeCount()}. */
    public double psi(int i, double t) {
        return mode(w, psiNorm, i, t - tEnd / 2);
    }

    /** {@code phi_j(x)} of (4.22), {@code 1 <= j <= spaceModeCount()}. */
    public double phi(int j, double x) {
        return mode(v, phiNorm, j, x - length / 2);
    }

    /** The normalisation of {@code psi_i}: {@code psi_i(t) = psiNorm(i) * cos|sin(w_i (t - T/2))}. */
    public double psiNorm(int i) {
        return psiNorm[i - 1];
    }

    /** The normalisation of {@code phi_j}: {@code phi_j(x) = phiNorm(j) * cos|sin(v_j (x - L/2))}. */
    public double phiNorm(int j) {
        return phiNorm[j - 1];
    }

    private static double mode(double[] roots, double[] norm, int i, double u) {
        double arg = roots[i - 1] * u;
        return norm[i - 1] * (i % 2 == 1 ? Math.cos(arg) : Math.sin(arg));
    }

    /**
     * {@code max_{j,k} |<phi_j, phi_k> - delta_jk|} over the space modes used, the inner product being the trapezoid
     * rule on the run's grid {@code x_m = m L/M}, {@code m = 0..M} (end point {@code L} included, half weights at both
     * ends). For these non-periodic modes the rule is only {@code O((v_j dx)^2)} accurate, so the figure measures how
     * well the grid resolves the fastest modes; the rectangle rule on {@code m = 0..M-1} would even be {@code O(dx)}
     * for pairs of opposite parity. Computed in closed form (Dirichlet kernels), {@code O(spaceModeCount()^2)}.
     */
    public double spaceOrthonormalityError(int gridPoints) {
        return orthonormalityError(v, phiNorm, length, gridPoints);
    }

    /** As {@link #spaceOrthonormalityError} for the time modes on {@code t_n = n T/N}, {@code n = 0..N}. */
    public double timeOrthonormalityError(int steps) {
        return orthonormalityError(w, psiNorm, tEnd, steps);
    }

    private static double orthonormalityError(double[] roots, double[] norm, double len, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("grid size must be >= 1, got " + m);
        }
        double h = len / m, err = 0;
        for (int j = 0; j < roots.length; j++) {
            for (int k = j; k < roots.length; k += 2) { // opposite parities are orthogonal exactly (symmetry)
                double dif = trapezoidCos(roots[j] - roots[k], h, m, len);
                double sum = trapezoidCos(roots[j] + roots[k], h, m, len);
                double g = 0.5 * norm[j] * norm[k] * (j % 2 == 0 ? dif + sum : dif - sum);
                err = Math.max(err, Math.abs(g - (j == k ? 1 : 0)));
            }
        }
        return err;
    }

    /** Trapezoid rule for {@code int_0^len cos(om (x - len/2)) dx} on {@code m} intervals of width {@code h}. */
    private static double trapezoidCos(double om, double h, int m, double len) {
        double half = 0.5 * om * h, s = Math.sin(half);
        double dirichlet = Math.abs(s) < 1e-13 ? (m + 1) * Math.cos((m + 1) * half) / Math.cos(half)
                : Math.sin((m + 1) * half) / s;
        return h * (dirichlet - Math.cos(om * len / 2));
    }

    // ---------------------------------------------------------------- accessors

    /** The covariance (4.14) this basis expands. */
    public MassCovariance covariance() {
        return covariance;
    }

    public double timeLength() {
        return tEnd;
    }

    public double spaceLength() {
        return length;
    }

    public double eps() {
        return eps;
    }

    /** The threshold of (4.26), {@code NaN} under {@code klTerms}. */
    public double threshold() {
        return threshold;
    }

    /** Which bound set the truncation: {@code "threshold"} or {@code "klTerms"}. */
    public String bound() {
        return bound;
    }

    /** The number of kept pairs {@code (i, j)}. */
    public int pairCount() {
        return pairI.length;
    }

    /** The paper's {@code N_KL} = kept pairs + 1. */
    public int nKL() {
        return pairI.length + 1;
    }

    /** Time index {@code i} (1-based) of kept pair {@code p}; pairs sorted by descending {@code lambda_i sigma_j}. */
    public int pairTimeIndex(int p) {
        return pairI[p];
    }

    /** Space index {@code j} (1-based) of kept pair {@code p}. */
    public int pairSpaceIndex(int p) {
        return pairJ[p];
    }

    /** The largest time index used, the number of time roots held. */
    public int timeModeCount() {
        return w.length;
    }

    /** The largest space index used, the number of space roots held. */
    public int spaceModeCount() {
        return v.length;
    }

    public double timeRoot(int i) {
        return w[i - 1];
    }

    public double timeEigenvalue(int i) {
        return lambda[i - 1];
    }

    public double spaceRoot(int j) {
        return v[j - 1];
    }

    public double spaceEigenvalue(int j) {
        return sigma[j - 1];
    }

    /** {@code sum_kept lambda_i sigma_j / (T L)} (the traces: {@code sum lambda_i = T}, {@code sum sigma_j = L}). */
    public double varianceFraction() {
        return keptSum / (tEnd * length);
    }

    /**
     * The largest residual of (4.23) over the roots used, in the pole-free form scaled to a backward error:
     * {@code |cos - c theta sin| / sqrt(1 + (c theta)^2)} (odd) or {@code |c theta cos + sin| / sqrt(1 + (c theta)^2)}
     * (even), {@code theta = w T/2}, {@code c theta = a eps w}: to first order the distance in radians from the computed
     * to the exact {@code theta}.
     */
    public double maxRootResidual() {
        return maxResidual;
    }

    @Override
    public String toString() {
        return "KarhunenLoeveBasis[eps=" + eps + ", bound=" + bound + ", pairs=" + pairCount() + ", N_KL=" + nKL()
                + ", timeModes=" + w.length + ", spaceModes=" + v.length + ", varianceFraction=" + varianceFraction()
                + "]";
    }
}
