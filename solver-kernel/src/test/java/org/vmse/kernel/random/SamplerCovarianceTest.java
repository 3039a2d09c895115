package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.Scheme;

/**
 * Both samplers of {@code m1} have the covariance (4.14), {@code D^2 exp(-|t-s|/(a eps) - |x-z|/(b eps))}, and mean
 * zero, within sampling error. The KL field is truncated by (4.26): its variance is the kept fraction of {@code D^2}
 * (about 0.99 here), a bias below the tolerance used. Fixed seed; 5 standard errors, so a false alarm has probability
 * below 1e-5 per check.
 */
class SamplerCovarianceTest {

    private static final double EPS = Math.pow(2, -3);
    private static final double D = 1.5;
    private static final double A = 2;
    private static final double B = 2;
    private static final int M = 64;
    private static final double L = 1.625;
    private static final double DT = 0.01;
    private static final int N = 5000;
    private static final MassCovariance COVARIANCE = new MassCovariance(D, A, B);

    /** {x index, time step} pairs whose covariance with (x index 8, step 0) is checked. */
    private static final int[][] LAGS = {{8, 0}, {16, 0}, {40, 0}, {8, 10}, {24, 20}, {8, 39}};

    private static double[][] sample(Sampler sampler, XiOverride xi) {
        RandomMassProblem p = new RandomMassProblem(EPS, L, M, new double[] {0.4}, DT,
                new WavePacket(256, 0.3, 1.5), "1", null, 0.5, xi.xi, sampler, COVARIANCE,
                KrylovSettings.DEFAULT, false, FftBackend.JTRANSFORMS, Scheme.CRANK_NICOLSON);
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(COVARIANCE, 0.4, L, EPS, 0x1p-9);
        RandomMassField f = sampler.field(p, basis);
        double[] field = new double[M];
        double[][] values = new double[N][LAGS.length + 1];
        for (int r = 0; r < N; r++) {
            f.reset(RealizationStream.of(11, r));
            for (int n = 0; n < 40; n++) {
                f.fill((n + 0.5) * DT, field);
                if (n == 0) {
                    values[r][LAGS.length] = field[8];
                }
                for (int c = 0; c < LAGS.length; c++) {
                    if (LAGS[c][1] == n) {
                        values[r][c] = field[LAGS[c][0]];
                    }
                }
            }
        }
        return values;
    }

    private enum XiOverride {
        GAUSSIAN(RealizationStream.XiDistribution.GAUSSIAN), UNIFORM(RealizationStream.XiDistribution.UNIFORM);

        final RealizationStream.XiDistribution xi;

        XiOverride(RealizationStream.XiDistribution xi) {
            this.xi = xi;
        }
    }

    private static void checkCovariance(String label, double[][] v) {
        double dx = L / M;
        double mean0 = 0;
        for (double[] row : v) {
            mean0 += row[LAGS.length] / N;
        }
        assertEquals(0, mean0, 5 * D / Math.sqrt(N), label + ": mean");
        for (int c = 0; c < LAGS.length; c++) {
            double s = 0;
            double s2 = 0;
            for (double[] row : v) {
                double prod = row[c] * row[LAGS.length];
                s += prod;
                s2 += prod * prod;
            }
            double cov = s / N;
            double se = Math.sqrt((s2 / N - cov * cov) / N);
            double exact = D * D * Math.exp(-Math.abs(LAGS[c][1] * DT) / (A * EPS)
                    - Math.abs((LAGS[c][0] - 8) * dx) / (B * EPS));
            assertEquals(exact, cov, 5 * se + 0.02 * D * D, label + ": covariance at lag " + LAGS[c][0] + ","
                    + LAGS[c][1]);
        }
    }

    @Tag("slow")
    @Test
    void klAndOrnsteinUhlenbeckBothHaveTheCovarianceOfR() {
        checkCovariance("ou", sample(Sampler.ORNSTEIN_UHLENBECK, XiOverride.GAUSSIAN));
        checkCovariance("kl gaussian", sample(Sampler.KARHUNEN_LOEVE, XiOverride.GAUSSIAN));
        checkCovariance("kl uniform", sample(Sampler.KARHUNEN_LOEVE, XiOverride.UNIFORM));
    }

    @Test
    void theKlVarianceIsTheKeptFraction() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(COVARIANCE, 0.4, L, EPS, 0x1p-9);
        assertTrue(basis.varianceFraction() > 0.98 && basis.varianceFraction() < 1, "" + basis.varianceFraction());
    }
}
