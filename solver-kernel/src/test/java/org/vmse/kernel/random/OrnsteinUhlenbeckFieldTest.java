package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.MassCovariance;

class OrnsteinUhlenbeckFieldTest {

    private static final double D = 1.5;
    private static final double A = 2;
    private static final double B = 3;
    private static final double EPS = 0.1;
    private static final double L = 1.6;
    private static final int M = 16;
    private static final MassCovariance COVARIANCE = new MassCovariance(D, A, B);

    /** k = 5 standard errors per entry: false alarm about 6e-7 each, about 4e-3 over the ~6300 distinct entries. */
    private static final double K = 5;

    /** (4.14) in the scaled variables: D^2 exp(-|t - s| / (a eps) - |x - z| / (b eps)). */
    private static double covariance(double t, double s, double x, double z) {
        return D * D * Math.exp(-Math.abs(t - s) / (A * EPS) - Math.abs(x - z) / (B * EPS));
    }

    @Test
    void empiricalCovarianceMatchesSeparableExponential() {
        // half steps t^{n+1/2} of a TimePlan with two output intervals: dt = 0.05 on (0, 0.2], 1/30 on (0.2, 0.3]
        double[] times = {0.025, 0.075, 0.125, 0.175, 0.2 + 1 / 60.0, 0.25, 0.3 - 1 / 60.0};
        int nt = times.length;
        int v = nt * M;
        int n = 20_000;
        double[] sum = new double[v];
        double[] products = new double[v * v];
        double[] sample = new double[v];
        double[] out = new double[M];
        OrnsteinUhlenbeckField field = new OrnsteinUhlenbeckField(COVARIANCE, EPS, L, M);
        for (int i = 0; i < n; i++) {
            field.reset(RealizationStream.of(42, i));
            for (int k = 0; k < nt; k++) {
                field.fill(times[k], out);
                System.arraycopy(out, 0, sample, k * M, M);
            }
            for (int p = 0; p < v; p++) {
                sum[p] += sample[p];
                for (int q = p; q < v; q++) {
                    products[p * v + q] += sample[p] * sample[q];
                }
            }
        }
        double dx = L / M;
        for (int p = 0; p < v; p++) {
            // mean zero; its standard error is D / sqrt(N)
            assertEquals(0, sum[p] / n, K * D / Math.sqrt(n), "mean at variable " + p);
            for (int q = p; q < v; q++) {
                double exact = covariance(times[p / M], times[q / M], (p % M) * dx, (q % M) * dx);
                // known zero mean: Var(X Y) = C_XX C_YY + C_XY^2 for a Gaussian pair
                double se = Math.sqrt((D * D * D * D + exact * exact) / n);
                assertEquals(exact, products[p * v + q] / n, K * se, "covariance of t = " + times[p / M] + ", x = "
                        + (p % M) * dx + " with t = " + times[q / M] + ", x = " + (q % M) * dx);
            }
        }
    }

    @Test
    void oneAndTwoPointsFollowTheRecurrenceExactly() {
        // M = 1: Z_0 = D g_0, Z_1 = rho_t Z_0 + sqrt(1 - rho_t^2) D g_1, rho_t = exp(-h / (a eps))
        OrnsteinUhlenbeckField one = new OrnsteinUhlenbeckField(COVARIANCE, EPS, L, 1);
        one.reset(RealizationStream.of(5, 9));
        ZigguratSampler.NormalizedGaussian g = OrnsteinUhlenbeckField.normals(RealizationStream.of(5, 9));
        double[] z = new double[1];
        one.fill(0.3, z);
        double z0 = D * g.sample();
        assertEquals(z0, z[0], 0);
        one.fill(0.37, z);
        double rho = Math.exp(-0.07 / (A * EPS));
        assertEquals(rho * z0 + Math.sqrt(1 - rho * rho) * D * g.sample(), z[0], 1e-15);

        // M = 2: E(x_1) = rho_x D g_0 + D sqrt(1 - rho_x^2) g_1, rho_x = exp(-(L/2) / (b eps))
        OrnsteinUhlenbeckField two = new OrnsteinUhlenbeckField(COVARIANCE, EPS, L, 2);
        assertEquals(Math.exp(-(L / 2) / (B * EPS)), two.spaceCorrelation(), 1e-16);
        two.reset(RealizationStream.of(5, 10));
        g = OrnsteinUhlenbeckField.normals(RealizationStream.of(5, 10));
        double[] e = new double[2];
        two.fill(0, e);
        double g0 = g.sample();
        double rx = two.spaceCorrelation();
        assertEquals(D * g0, e[0], 0);
        assertEquals(rx * D * g0 + D * Math.sqrt(1 - rx * rx) * g.sample(), e[1], 1e-15);
    }

    @Test
    void originIsTheFirstTimeAndRepeatedTimesDrawNothing() {
        OrnsteinUhlenbeckField f = new OrnsteinUhlenbeckField(COVARIANCE, EPS, L, M);
        double[] a0 = new double[M];
        double[] a1 = new double[M];
        double[] b0 = new double[M];
        double[] b1 = new double[M];
        f.reset(RealizationStream.of(1, 2));
        f.fill(0.025, a0);
        f.fill(0.075, a1);
        f.reset(RealizationStream.of(1, 2));
        f.fill(100.0, b0); // the stationary start does not depend on the origin
        f.fill(100.0, b0); // same time: same field, no draw
        f.fill(100.05, b1);
        assertArrayEquals(a0, b0, 0);
        assertArrayEquals(a1, b1, 1e-13); // only the increment's rounding differs
    }

    @Test
    void misuseIsReportedWithTheOffendingValue() {
        OrnsteinUhlenbeckField f = OrnsteinUhlenbeckField.onGrid(new PeriodicGrid(L, M), COVARIANCE, EPS);
        assertEquals(M, f.size());
        double[] out = new double[M];
        assertThrows(IllegalStateException.class, () -> f.fill(0, out));
        f.reset(RealizationStream.of(1, 0));
        f.fill(0.5, out);
        IllegalStateException back = assertThrows(IllegalStateException.class, () -> f.fill(0.25, out));
        assertTrue(back.getMessage().contains("0.5") && back.getMessage().contains("0.25"), back.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> f.fill(1, new double[3]));
        assertTrue(len.getMessage().contains("16") && len.getMessage().contains("3"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.fill(Double.NaN, out));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OrnsteinUhlenbeckField(COVARIANCE, Double.NaN, L, M));
        assertTrue(e.getMessage().contains("eps") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OrnsteinUhlenbeckField(COVARIANCE, EPS, L, 0));
    }
}
