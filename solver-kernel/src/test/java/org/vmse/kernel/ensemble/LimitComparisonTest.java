package org.vmse.kernel.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LimitComparisonTest {

    /**
     * Synthetic ensemble: rho_i(x) = f(x) + noise, f = rho0 + bias. Err's standard error from 40 batches must match
     * the spread of Err over independent repetitions (within 35%, the sampling error of a 40-batch estimate plus of
     * 200 repetitions), and with no bias Err must sit at the noise floor.
     */
    @Test
    void standardErrorAndNoiseFloorMatchRepeatedEnsembles() {
        int n = 50;
        double dx = 1.0 / n;
        double[] rho0 = new double[n];
        double[] f = new double[n];
        for (int j = 0; j < n; j++) {
            rho0[j] = Math.exp(-50 * Math.pow(j * dx - 0.5, 2));
            f[j] = rho0[j] + 0.2 * Math.sin(2 * Math.PI * j * dx);
        }
        Random r = new Random(3);
        int reps = 200;
        int samples = 400;
        int batches = 40;
        double[] errs = new double[reps];
        double seSum = 0;
        double floorErrSum = 0;
        double floorSum = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[][] batchMeans = new double[batches][n];
            double[] mean = new double[n];
            double[] m2 = new double[n];
            double[] meanExact = new double[n];
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < n; j++) {
                    double v = f[j] + 0.3 * r.nextGaussian();
                    mean[j] += v / samples;
                    m2[j] += v * v / samples;
                    batchMeans[i % batches][j] += v / (samples / batches);
                    meanExact[j] += (v - f[j] + rho0[j]) / samples;
                }
            }
            double[] se = new double[n];
            for (int j = 0; j < n; j++) {
                se[j] = Math.sqrt((m2[j] - mean[j] * mean[j]) * samples / (samples - 1) / samples);
            }
            LimitComparison c = LimitComparison.of(rho0, mean, se, batchMeans, dx);
            errs[rep] = c.errL1();
            seSum += c.errL1Se();
            // the same noise around the exact limit: Err reads the floor
            floorErrSum += LimitComparison.of(rho0, meanExact, se, new double[0][], dx).errL1();
            floorSum += c.noiseFloor();
        }
        double m = 0;
        for (double e : errs) {
            m += e / reps;
        }
        double sd = 0;
        for (double e : errs) {
            sd += (e - m) * (e - m) / (reps - 1);
        }
        sd = Math.sqrt(sd);
        assertEquals(sd, seSum / reps, 0.35 * sd, "batch-means standard error against the repetition spread");
        assertEquals(floorSum / reps, floorErrSum / reps, 0.05 * floorSum / reps, "noise floor");
        assertTrue(m > 5 * floorSum / reps, "a biased mean reads well above the floor");
    }
}
