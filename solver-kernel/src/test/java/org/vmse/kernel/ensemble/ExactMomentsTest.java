package org.vmse.kernel.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactMomentsTest {

    private static final int TIMES = 2;
    private static final int POINTS = 7;

    /** 1000 realizations mixing magnitudes from 1e-15 to 3e6 and both signs: naive double sums would depend on order. */
    private static List<double[][]> wildSamples() {
        SplittableRandom r = new SplittableRandom(2024);
        List<double[][]> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double[][] rho = new double[TIMES][POINTS];
            for (double[] row : rho) {
                for (int p = 0; p < POINTS; p++) {
                    row[p] = Math.scalb(r.nextDouble(-1, 1), r.nextInt(-50, 22));
                }
            }
            samples.add(rho);
        }
        return samples;
    }

    private static ExactMoments sequential(List<double[][]> samples, boolean cov) {
        ExactMoments m = new ExactMoments(TIMES, POINTS, cov);
        samples.forEach(m::add);
        return m;
    }

    private static void assertBitIdentical(MomentsResult a, MomentsResult b) {
        assertEquals(a.count(), b.count());
        for (int k = 0; k < TIMES; k++) {
            // Arrays.equals(double[], double[]) compares doubleToLongBits: identical bits (NaN included)
            assertTrue(Arrays.equals(a.mean(k), b.mean(k)), "mean differs at output time " + k);
            assertTrue(Arrays.equals(a.standardDeviation(k), b.standardDeviation(k)), "std differs at " + k);
            assertTrue(Arrays.equals(a.standardError(k), b.standardError(k)), "sem differs at " + k);
            if (a.hasCovariance()) {
                assertTrue(Arrays.equals(a.covariance(k), b.covariance(k)), "covariance differs at " + k);
            }
        }
    }

    @Test
    void groupingAndMergeOrderDoNotChangeABit() {
        List<double[][]> samples = wildSamples();
        ExactMoments reference = sequential(samples, true);
        MomentsResult expected = reference.result();

        // blocks of 37 merged left to right, and right to left
        List<ExactMoments> blocks = new ArrayList<>();
        for (int start = 0; start < samples.size(); start += 37) {
            blocks.add(sequential(samples.subList(start, Math.min(samples.size(), start + 37)), true));
        }
        ExactMoments forward = new ExactMoments(TIMES, POINTS, true);
        blocks.forEach(forward::merge);
        ExactMoments backward = new ExactMoments(TIMES, POINTS, true);
        for (int b = blocks.size() - 1; b >= 0; b--) {
            backward.merge(blocks.get(b));
        }

        // shuffled additions into 5 partitions, combined as a tree
        List<double[][]> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(7));
        ExactMoments[] parts = new ExactMoments[5];
        for (int j = 0; j < parts.length; j++) {
            parts[j] = new ExactMoments(TIMES, POINTS, true);
        }
        for (int i = 0; i < shuffled.size(); i++) {
            parts[(i * 7919) % parts.length].add(shuffled.get(i));
        }
        ExactMoments tree = parts[3].merge(parts[1]).merge(parts[4].merge(parts[0])).merge(parts[2]);

        for (ExactMoments m : List.of(forward, backward, tree)) {
            assertEquals(reference, m, "exact state must not depend on the grouping");
            assertBitIdentical(expected, m.result());
        }
        // the covariance flag does not change the mean and standard deviation
        MomentsResult noCov = sequential(shuffled, false).result();
        assertFalse(noCov.hasCovariance());
        for (int k = 0; k < TIMES; k++) {
            assertTrue(Arrays.equals(expected.mean(k), noCov.mean(k)));
            assertTrue(Arrays.equals(expected.standardDeviation(k), noCov.standardDeviation(k)));
        }
    }

    @Test
    void agreesWithTwoPassDoubleComputation() {
        // densities in [0, 20): quantization (2^-41 per term) bounds the error of the mean by 5e-13 and of a
        // (co)variance by about 2^-40 (1 + 2 * 20) = 4e-11; the tolerances allow for that, the reference's
        // own rounding being ~1e-14 relative
        SplittableRandom r = new SplittableRandom(99);
        int n = 3000;
        double[][][] data = new double[n][TIMES][POINTS];
        ExactMoments m = new ExactMoments(TIMES, POINTS, true);
        for (double[][] rho : data) {
            for (double[] row : rho) {
                for (int p = 0; p < POINTS; p++) {
                    row[p] = 20 * r.nextDouble() * (0.5 + 0.5 * Math.sin(p)) + 0.001 * p;
                }
            }
            m.add(rho);
        }
        MomentsResult res = m.result();
        assertEquals(n, res.count());
        for (int k = 0; k < TIMES; k++) {
            double[] mean = new double[POINTS];
            for (double[][] rho : data) {
                for (int p = 0; p < POINTS; p++) {
                    mean[p] += rho[k][p] / n;
                }
            }
            double[] cov = new double[POINTS * POINTS];
            for (double[][] rho : data) {
                for (int p = 0; p < POINTS; p++) {
                    for (int q = 0; q < POINTS; q++) {
                        cov[p * POINTS + q] += (rho[k][p] - mean[p]) * (rho[k][q] - mean[q]) / (n - 1);
                    }
                }
            }
            double[] exactCov = res.covariance(k);
            for (int p = 0; p < POINTS; p++) {
                assertEquals(mean[p], res.mean(k)[p], 1e-12, "mean");
                double std = Math.sqrt(cov[p * POINTS + p]);
                assertEquals(std, res.standardDeviation(k)[p], 1e-10, "std");
                assertEquals(std / Math.sqrt(n), res.standardError(k)[p], 1e-12, "sem");
                for (int q = 0; q < POINTS; q++) {
                    assertEquals(cov[p * POINTS + q], exactCov[p * POINTS + q], 1e-10, "cov " + p + "," + q);
                    assertEquals(exactCov[p * POINTS + q], res.covariance(k, q, p), 0, "symmetric");
                }
            }
        }
    }

    @Test
    void zeroOneAndTwoSamples() {
        ExactMoments m = new ExactMoments(1, 2, true);
        MomentsResult empty = m.result();
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.mean(0)[0]) && Double.isNaN(empty.standardDeviation(0)[0]));

        m.add(new double[][] {{1.25, -3.5}});
        MomentsResult one = m.result();
        assertEquals(1, one.count());
        assertEquals(1.25, one.mean(0)[0], 0); // dyadic: exact in fixed point
        assertEquals(-3.5, one.mean(0)[1], 0);
        // N = 1: the unbiased estimators divide by N - 1 = 0, so they are NaN
        assertTrue(Double.isNaN(one.standardDeviation(0)[0]));
        assertTrue(Double.isNaN(one.standardError(0)[1]));
        assertTrue(Double.isNaN(one.covariance(0, 0, 1)) && Double.isNaN(one.covariance(0, 1, 1)));

        m.add(new double[][] {{2.25, -1.5}});
        MomentsResult two = m.result();
        // std of {a, b} is |a - b| / sqrt 2; Cov = (a1 - b1)(a2 - b2) / 2 = (-1)(-2)/2 = 1
        assertEquals(1.75, two.mean(0)[0], 0);
        assertEquals(1 / Math.sqrt(2), two.standardDeviation(0)[0], 1e-15);
        assertEquals(2 / Math.sqrt(2), two.standardDeviation(0)[1], 1e-15);
        assertEquals(0.5, two.standardError(0)[0], 1e-15);
        assertEquals(1, two.covariance(0, 0, 1), 0);
        assertEquals(0.5, two.covariance(0, 0, 0), 0);

        // identical values: the variance is clamped at 0, never negative; the std is resolved to about
        // sqrt(2^-40 |v|) ~ 6e-7 only (the documented resolution), hence the tolerance
        ExactMoments same = new ExactMoments(1, 1, false);
        for (int i = 0; i < 10; i++) {
            same.add(new double[][] {{0.1 + 0.2}});
        }
        assertEquals(0, same.result().standardDeviation(0)[0], 1e-6);
    }

    /**
     * Adding in place (a later output time, every {@code stride}-th point) gives the same bits as adding the copied
     * samples, the way the ensemble added them before: with the wild magnitudes (products beyond 2^62) and with
     * densities below 2^11 (every product a plain rounded long), and a ragged last stride.
     */
    @Test
    void anInPlaceSampledAddEqualsTheAddOfTheCopiedSamples() {
        SplittableRandom r = new SplittableRandom(7);
        List<double[][]> small = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[][] rho = new double[3][22];
            for (double[] row : rho) {
                for (int p = 0; p < row.length; p++) {
                    row[p] = r.nextDouble(0, Math.nextDown(0x1p11));
                }
            }
            small.add(rho);
        }
        List<double[][]> wide = new ArrayList<>();
        for (double[][] w : wildSamples()) {
            wide.add(new double[][] {w[0], w[1], w[1]});
        }
        for (List<double[][]> samples : List.of(small, wide)) {
            int m = samples.get(0)[0].length;
            for (int stride : new int[] {1, 3, 4}) {
                int n = (m + stride - 1) / stride;
                ExactMoments copied = new ExactMoments(2, n, true);
                ExactMoments inPlace = new ExactMoments(2, n, true);
                for (double[][] rho : samples) {
                    double[][] c = new double[2][n];
                    for (int k = 0; k < 2; k++) {
                        for (int p = 0; p < n; p++) {
                            c[k][p] = rho[k + 1][p * stride];
                        }
                    }
                    copied.add(c);
                    inPlace.add(rho, 1, stride);
                }
                assertEquals(copied, inPlace, "stride " + stride + ", " + m + " points");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExactMoments(1, 8, false).add(small.get(0), 2, 2));
        assertTrue(e.getMessage().contains("expected 8 points"), e.getMessage());
    }

    @Test
    void outOfRangeValuesAndBadShapesAreRejectedWithoutSideEffects() {
        ExactMoments m = new ExactMoments(2, 3, true);
        m.add(new double[][] {{1, 2, 3}, {4, 5, 6}});
        ExactMoments before = new ExactMoments(2, 3, true).merge(m);
        for (double bad : new double[] {0x1p22, -0x1p22, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.add(new double[][] {{1, 2, 3}, {4, bad, 6}}));
            assertTrue(e.getMessage().contains("rho[1][1] = " + bad) && e.getMessage().contains("2^22"),
                    e.getMessage());
        }
        m.add(new double[][] {{1, 2, 3}, {4, Math.nextDown(0x1p22), 6}}); // the largest accepted value
        m.add(new double[][] {{1, 2, 3}, {4, -Math.nextDown(0x1p22), 6}});
        assertEquals(3, m.count());
        assertEquals(5.0 / 3, m.result().mean(1)[1], 1e-12);

        assertEquals(1, before.count());
        assertThrows(IllegalArgumentException.class, () -> before.add(new double[][] {{1, 2, 3}}));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> before.add(new double[][] {{1, 2, 3}, {4, 5}}));
        assertTrue(shape.getMessage().contains("3 points at output time 1, got 2"), shape.getMessage());
        assertEquals(1, before.count());
        IllegalArgumentException merge = assertThrows(IllegalArgumentException.class,
                () -> before.merge(new ExactMoments(2, 3, false)));
        assertTrue(merge.getMessage().contains("without covariance"), merge.getMessage());
        assertThrows(IllegalStateException.class, () -> new ExactMoments(1, 1, false).result().covariance(0));
        assertThrows(IllegalArgumentException.class, () -> new ExactMoments(0, 3, false));
    }

    @Test
    void javaSerializationRoundTripKeepsTheExactState() throws Exception {
        ExactMoments m = sequential(wildSamples().subList(0, 100), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        ExactMoments copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ExactMoments) in.readObject();
        }
        assertEquals(m, copy);
        assertBitIdentical(m.result(), copy.result());
        // the copy keeps accumulating like the original
        double[][] next = wildSamples().get(500);
        m.add(next);
        copy.add(next);
        assertEquals(m, copy);
    }
}
