package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CollisionOperatorTest {

    static final ScatteringKernel PAPER = new ScatteringKernel(1.5, 100, 100);
    static final RteGrid GRID = RteGrid.of(1.625, 0x1p-6, 1.0, 2.0, 0x1p-8);

    /** sigma(k_i, k_j) == sigma(k_j, k_i) bit for bit on the grid, and C_ij == C_ji exactly. */
    @Test
    void discreteKernelIsSymmetric() {
        CollisionOperator c = new CollisionOperator(PAPER, 1.3, GRID);
        for (int i = 0; i < GRID.nk(); i++) {
            for (int j = 0; j < GRID.nk(); j++) {
                assertEquals(PAPER.sigma(1.3, GRID.k(i), GRID.k(j)), PAPER.sigma(1.3, GRID.k(j), GRID.k(i)), 0.0);
                assertEquals(c.entry(i, j), c.entry(j, i), 0.0);
            }
        }
        assertEquals(GRID.nk() - 1, c.halfBandwidth(), "sigma ~ |p-k|^-4: the 1e-14 band is the whole window");
    }

    /** sum_i (C W)_i dk = 0 to round-off: |sum| <= 1e-14 sum_i |(CW)_i|-scale, for random W. */
    @Test
    void collisionConservesMass() {
        CollisionOperator c = new CollisionOperator(PAPER, 1, GRID);
        int n = GRID.nk();
        double[] w = new Random(7).doubles(n).toArray(), q = new double[n];
        c.apply(w, 0, 1, q, 0);
        double s = 0, scale = 0;
        for (int i = 0; i < n; i++) {
            s += q[i];
            scale += c.rate(i) * w[i];
        }
        assertTrue(Math.abs(s) <= 1e-14 * scale, "sum CW = " + s + " vs scale " + scale);
    }

    /**
     * exp(hC): symmetric to 1e-15, row (= column) sums 1 to 1e-14, nonnegative up to -1e-15, conserves a random
     * W's sum to 1e-14, is a semigroup (E(h)^2 = E(2h) to 1e-14), and matches the Taylor series
     * I + hC + ... + (hC)^5/120 to 1e-12 for h = 2^-15 (remainder entries ~ (h rate)^6 / 720 with h rate ~ 0.01).
     */
    @Test
    void propagatorConservesMassAndIsTheExponential() {
        CollisionOperator c = new CollisionOperator(PAPER, 1, GRID);
        int n = GRID.nk();
        double h = 0x1p-15;
        double[] e = c.propagator(h), cd = c.dense(), e2 = matmul(c.propagator(0x1p-12), c.propagator(0x1p-12), n),
                f2 = c.propagator(0x1p-11);
        for (int q = 0; q < n * n; q++) {
            assertEquals(f2[q], e2[q], 1e-14);
        }
        double[] c2 = matmul(cd, cd, n), c3 = matmul(c2, cd, n), c4 = matmul(c3, cd, n), c5 = matmul(c4, cd, n);
        double[] w = new Random(3).doubles(n).toArray();
        double in = 0, out = 0;
        for (int i = 0; i < n; i++) {
            double row = 0, ew = 0;
            for (int j = 0; j < n; j++) {
                row += e[i * n + j];
                ew += e[i * n + j] * w[j];
                assertEquals(e[i * n + j], e[j * n + i], 1e-15);
                assertTrue(e[i * n + j] > -1e-15);
                double taylor = (i == j ? 1 : 0) + h * cd[i * n + j] + h * h / 2 * c2[i * n + j]
                        + h * h * h / 6 * c3[i * n + j] + h * h * h * h / 24 * c4[i * n + j]
                        + h * h * h * h * h / 120 * c5[i * n + j];
                assertEquals(taylor, e[i * n + j], 1e-12);
            }
            assertEquals(1, row, 1e-14);
            in += w[i];
            out += ew;
        }
        assertEquals(in, out, 1e-14 * in);
    }

    /** With a = b = 10^4 the kernel is narrow enough for the 1e-14 cutoff to band it. */
    @Test
    void cutoffBandsANarrowKernel() {
        ScatteringKernel k = new ScatteringKernel(1, 1e4, 1e4);
        CollisionOperator c = new CollisionOperator(k, 1, GRID);
        int hw = c.halfBandwidth();
        assertTrue(hw < GRID.nk() - 1, "half bandwidth " + hw);
        double max = k.sigma(1, GRID.kMax(), GRID.kMax());
        assertTrue(k.sigma(1, GRID.k(0), GRID.k(hw + 1)) < 1e-14 * max);
        assertEquals(0, c.entry(0, hw + 1), 0.0);
    }

    static double[] matmul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += a[i * n + m] * b[m * n + j];
                }
            }
        }
        return c;
    }
}
