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
    private final int n;
    private final int hw;
    private final int bw;
    private final double[] band; // band[i * bw + (j - i + hw)] = C_ij
    private EigenDecomposition eigen;

    public CollisionOperator(ScatteringKernel kernel, double m0, RteGrid grid) {
        if (!(m0 > 0 && m0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the RTE needs a positive mass m0, got " + m0);
        }
        this.kernel = kernel;
        this.m0 = m0;
        this.grid = grid;
        this.n = grid.nk();
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                max = Math.max(max, kernel.sigma(m0, grid.k(i), grid.k(j)));
            }
        }
        int h = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (kernel.sigma(m0, grid.k(i), grid.k(j)) >= CUTOFF * max) {
                    h = Math.max(h, j - i);
                }
            }
        }
        this.hw = h;
        this.bw = 2 * h + 1;
        this.band = new double[n * bw];
        double dk = grid.dk();
        for (int i = 0; i < n; i++) {
            double diag = 0;
            for (int j = Math.max(0, i - h); j <= Math.min(n - 1, i + h); j++) {
                if (j != i) {
                    // symmetric by construction: evaluate with (min, max) index order
                    double c = kernel.sigma(m0, grid.k(Math.min(i, j)), grid.k(Math.max(i, j))) * dk;
                    band[i * bw + j - i + h] = c;
                    diag += c;
                }
            }
            band[i * bw + h] = -diag;
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
        return hw;
    }

    /** {@code C_ij} (0 outside the band). */
    public double entry(int i, int j) {
        return Math.abs(i - j) > hw ? 0 : band[i * bw + j - i + hw];
    }

    /** The total scattering rate {@code -C_ii = sum_{j != i} sigma_ij dk} at {@code k_i}. */
    public double rate(int i) {
        return -band[i * bw + hw];
    }

    /** {@code C} as a dense row-major {@code n x n} array. */
    public double[] dense() {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - hw); j <= Math.min(n - 1, i + hw); j++) {
                c[i * n + j] = band[i * bw + j - i + hw];
            }
        }
        return c;
    }

    /** {@code out[outOff + i] += scale * (C w)_i} for {@code w = w[off .. off + n)}; allocation-free. */
    public void apply(double[] w, int off, double scale, double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - hw), hi = Math.min(n - 1, i + hw), r = i * bw - i + hw;
            double s = 0;
            for (int j = lo; j <= hi; j++) {
                s += band[r + j] * w[off + j]; // sum_j sigma_ij (W_j - W_i) dk
            }
            out[outOff + i] += scale * s;
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
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = entry(i, j);
                }
            }
            eigen = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
        }
        double[] lam = eigen.getRealEigenvalues();
        double[][] v = eigen.getV().getData(); // columns are eigenvectors
        double[][] ve = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
                ve[i][m] = v[i][m] * Math.exp(t * Math.min(lam[m], 0)); // lambda <= 0; clip round-off positives
            }
        }
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                double[] a = ve[i], b = v[j];
                for (int m = 0; m < n; m++) {
                    s += a[m] * b[m];
                }
                e[i * n + j] = s;
                e[j * n + i] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += e[i * n + j];
            }
            e[i * n + i] -= s - 1;
        }
        return e;
    }

    /**
     * {@code r_i = ∫_{p outside [kMin - dk/2, kMax + dk/2]} sigma(m0; k_i, p) dp}: the rate at which the full-line
     * collision would send mass at {@code k_i} out of the window (the windowed operator keeps it). Composite
     * Gauss–Legendre (128 panels x 8 nodes) on {@code p = edge ± s u / (1 - u)}, {@code u in (0, 1)}.
     */
    public double[] outOfWindowRates() {
        GaussIntegrator gl = new GaussIntegratorFactory().legendre(8, 0, 1.0 / 128);
        double lo = grid.kMin() - 0.5 * grid.dk(), hi = grid.kMax() + 0.5 * grid.dk();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double k = grid.k(i);
            r[i] = tail(gl, k, hi, 1) + tail(gl, k, lo, -1);
        }
        return r;
    }

    private double tail(GaussIntegrator gl, double k, double edge, int dir) {
        double s = Math.abs(edge - k) + 1 / kernel.b(), sum = 0;
        for (int p = 0; p < 128; p++) {
            for (int q = 0; q < gl.getNumberOfPoints(); q++) {
                double u = gl.getPoint(q) + p / 128.0, d = 1 - u;
                sum += gl.getWeight(q) * s / (d * d) * kernel.sigma(m0, k, edge + dir * s * u / d);
            }
        }
        return sum;
    }
}
