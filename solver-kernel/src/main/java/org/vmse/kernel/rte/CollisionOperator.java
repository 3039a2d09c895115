package org.vmse.kernel.rte;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The trapezoid-rule collision operator of (3.6) on the k window for one value of {@code m0}:
 * <pre>
 *   Q(W)_i = sum_j sigma(m0; k_i, k_j) (W_j - W_i) dk = (C W)_i,
 *   C_ij = sigma_ij dk (i != j),   C_ii = -sum_{j != i} sigma_ij dk,
 * </pre>
 * with the quadrature of {@link RteGrid} (all weights {@code dk}). {@code C} is symmetric because {@code sigma} is,
 * and its columns sum to 0, so {@code sum_i (C W)_i dk = 0}: the collision conserves the discrete mass exactly
 * (to round-off), restricted to the window — a jump that would leave the window is not made; the rate of such jumps
 * is reported by {@link #outOfWindowRates()}.
 *
 * <p>Truncation: entries with {@code sigma_ij < CUTOFF * max sigma} beyond the half bandwidth
 * {@link #halfBandwidth()} are dropped (the band is symmetric, so symmetry and conservation survive). NB: sigma
 * decays only like {@code |p - k|^-4}, so for a = b = 100 and a window of width 0.5 the band is the whole matrix.
 * Storage is banded: row i holds {@code j = i - hw .. i + hw}.
 */
public final class CollisionOperator {

    /** Relative cutoff of the kernel band. */
    public static final double CUTOFF = 1e-14;

    private final ScatteringKernel kernel;
    private final double m0;
    private final RteGrid grid;
    private final int n;             // nk, the matrix size
    private final int halfBandwidth; // hw: C_ij = 0 for |i - j| > hw
    private final int bandWidth;     // 2 hw + 1
    private final double[] band;     // band[i * bandWidth + (j - i + hw)] = C_ij
    private EigenDecomposition eigen;

    public CollisionOperator(ScatteringKernel kernel, double m0, RteGrid grid) {
        if (!(m0 > 0 && m0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the RTE needs a positive mass m0, got " + m0);
        }
        this.kernel = kernel;
        this.m0 = m0;
        this.grid = grid;
        this.n = grid.nk();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                largest = Math.max(largest, kernel.sigma(m0, grid.k(i), grid.k(j)));
            }
        }
        int half = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (kernel.sigma(m0, grid.k(i), grid.k(j)) >= CUTOFF * largest) {
                    half = Math.max(half, j - i);
                }
            }
        }
        this.halfBandwidth = half;
        this.bandWidth = 2 * half + 1;
        this.band = new double[n * bandWidth];
        double dk = grid.dk();
        for (int i = 0; i < n; i++) {
            double rate = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) {
                if (j != i) {
                    // symmetric by construction: evaluate with (min, max) index order
                    double entry = kernel.sigma(m0, grid.k(Math.min(i, j)), grid.k(Math.max(i, j))) * dk;
                    band[i * bandWidth + j - i + half] = entry; // C_ij = sigma_ij dk
                    rate += entry;
                }
            }
            band[i * bandWidth + half] = -rate; // C_ii = -sum_{j != i} sigma_ij dk
        }
    }

    public int size() {
        return n;
    }

    public double m0() {
        return m0;
    }

    /** Half bandwidth after the {@link #CUTOFF} truncation ({@code n - 1}: dense). */
    public int halfBandwidth() {
        return halfBandwidth;
    }

    /** {@code C_ij} (0 outside the band). */
    public double entry(int i, int j) {
        return Math.abs(i - j) > halfBandwidth ? 0 : band[i * bandWidth + j - i + halfBandwidth];
    }

    /** The total scattering rate {@code -C_ii = sum_{j != i} sigma_ij dk} at {@code k_i}. */
    public double rate(int i) {
        return -band[i * bandWidth + halfBandwidth];
    }

    /** {@code C} as a dense row-major {@code n x n} array. */
    public double[] dense() {
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - halfBandwidth); j <= Math.min(n - 1, i + halfBandwidth); j++) {
                dense[i * n + j] = band[i * bandWidth + j - i + halfBandwidth];
            }
        }
        return dense;
    }

    /** {@code out[outOff + i] += scale * (C w)_i} for {@code w = w[off .. off + n)}; allocation-free. */
    public void apply(double[] w, int off, double scale, double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - halfBandwidth), hi = Math.min(n - 1, i + halfBandwidth);
            int row = i * bandWidth - i + halfBandwidth; // band[row + j] = C_ij
            double sum = 0;
            for (int j = lo; j <= hi; j++) {
                sum += band[row + j] * w[off + j]; // sum_j sigma_ij (W_j - W_i) dk
            }
            out[outOff + i] += scale * sum;
        }
    }

    /**
     * The exact collision propagator {@code E = exp(t C)}, dense row-major, from the eigen-decomposition of the
     * symmetric {@code C = V diag(lambda) V^T} (computed once per operator):
     * {@code E = V diag(exp(t lambda)) V^T}. E is symmetric; its row sums are then set to exactly 1 by correcting the
     * diagonal (a change of the order of the decomposition's round-off) so that the propagator conserves the
     * discrete mass to round-off like C does.
     */
    public synchronized double[] propagator(double t) {
        if (eigen == null) {
            double[][] matrix = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    matrix[i][j] = entry(i, j);
                }
            }
            eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
        }
        double[] lambda = eigen.getRealEigenvalues();
        double[][] vectors = eigen.getV().getData(); // V: columns are eigenvectors
        double[][] scaled = new double[n][n];        // V diag(exp(t lambda))
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
                scaled[i][m] = vectors[i][m] * Math.exp(t * Math.min(lambda[m], 0)); // lambda <= 0; clip round-off
            }
        }
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0; // E_ij = sum_m V_im exp(t lambda_m) V_jm
                double[] rowI = scaled[i], rowJ = vectors[j];
                for (int m = 0; m < n; m++) {
                    sum += rowI[m] * rowJ[m];
                }
                e[i * n + j] = sum;
                e[j * n + i] = sum;
            }
        }
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                rowSum += e[i * n + j];
            }
            e[i * n + i] -= rowSum - 1;
        }
        return e;
    }

    /**
     * {@code r_i = ∫_{p outside [kMin - dk/2, kMax + dk/2]} sigma(m0; k_i, p) dp}: the rate at which the full-line
     * collision would send mass at {@code k_i} out of the window (the windowed operator keeps it). Composite
     * Gauss–Legendre (128 panels x 8 nodes) on {@code p = edge ± s u / (1 - u)}, {@code u in (0, 1)}.
     */
    public double[] outOfWindowRates() {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(8, 0, 1.0 / 128);
        double lo = grid.kMin() - 0.5 * grid.dk(), hi = grid.kMax() + 0.5 * grid.dk();
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            double k = grid.k(i);
            rates[i] = tail(rule, k, hi, 1) + tail(rule, k, lo, -1);
        }
        return rates;
    }

    /**
     * {@code ∫ sigma(m0; k, p) dp} over {@code p} beyond {@code edge} in direction {@code dir}, with
     * {@code p = edge + dir s u / (1 - u)}, {@code dp = s du / (1 - u)^2}, {@code s = |edge - k| + 1/b}.
     */
    private double tail(GaussIntegrator rule, double k, double edge, int dir) {
        double s = Math.abs(edge - k) + 1 / kernel.b(), sum = 0;
        for (int panel = 0; panel < 128; panel++) {
            for (int q = 0; q < rule.getNumberOfPoints(); q++) {
                double u = rule.getPoint(q) + panel / 128.0, oneMinusU = 1 - u;
                sum += rule.getWeight(q) * s / (oneMinusU * oneMinusU)
                        * kernel.sigma(m0, k, edge + dir * s * u / oneMinusU);
            }
        }
        return sum;
    }
}
