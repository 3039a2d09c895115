package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.random.RealizationStream.XiDistribution;

class RealizationStreamTest {

    /** Statistical checks use k = 5 standard errors: false alarm about 6e-7 each, with a fixed seed. */
    private static final double K = 5;

    private static long[] longs(UniformRandomProvider rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedAndIndexGiveTheSameStream() {
        assertArrayEquals(longs(RealizationStream.of(1, 17), 1000), longs(RealizationStream.of(1, 17), 1000));
        double[] a = new double[500];
        double[] b = new double[500];
        for (XiDistribution xi : XiDistribution.values()) {
            xi.fill(RealizationStream.of(7, 3), a);
            xi.fill(RealizationStream.of(7, 3), b);
            assertTrue(Arrays.equals(a, b), xi + " draws must depend on (seed, index) alone");
        }
    }

    @Test
    void differentIndicesOrSeedsGiveDifferentStreams() {
        long[] base = longs(RealizationStream.of(1, 0), 64);
        long[][] others = {
            longs(RealizationStream.of(1, 1), 64), longs(RealizationStream.of(2, 0), 64),
            longs(RealizationStream.of(0, 1), 64), longs(RealizationStream.of(1, 1L << 40), 64)};
        for (long[] o : others) {
            for (int j = 0; j < base.length; j++) {
                assertFalse(o[j] == base[j], "a 64-bit collision at position " + j); // chance 2^-64 each
            }
        }
    }

    @Test
    void streamIsPhiloxKeyedBySeedAndIndexWithCounterZero() {
        // the contract: key (seed, index), counter 0; the factory must not rewrite the seed
        UniformRandomProvider direct = new Philox4x64(new long[] {-5, 123, 0, 0, 0, 0});
        assertArrayEquals(longs(direct, 100), longs(RealizationStream.of(-5, 123), 100));
        // reference value: first nextLong of new Philox4x64(new long[] {1, 0}) and of
        // RandomSource.PHILOX_4X64.create(new long[] {1, 0}), commons-rng 1.7 (java single-file program, Java 17)
        assertEquals(5599841837815857887L, RealizationStream.of(1, 0).nextLong());
    }

    @Test
    void negativeIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RealizationStream.of(1, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void gaussianMomentsWithinSamplingError() {
        // N(0,1): E x = 0, E x^2 = 1, E x^4 = 3; Var x = 1, Var x^2 = 2, Var x^4 = E x^8 - 9 = 105 - 9 = 96
        checkMoments(XiDistribution.GAUSSIAN, 3, 1, 2, 96);
    }

    @Test
    void uniformMomentsWithinSamplingErrorAndBounds() {
        // U[-c, c], c = sqrt 3: E x^2 = c^2/3 = 1, E x^4 = c^4/5 = 9/5, E x^8 = c^8/9 = 9;
        // Var x = 1, Var x^2 = 9/5 - 1 = 0.8, Var x^4 = 9 - 81/25 = 5.76
        double[] x = checkMoments(XiDistribution.UNIFORM, 1.8, 1, 0.8, 5.76);
        double c = Math.sqrt(3);
        for (double v : x) {
            assertTrue(v >= -c && v < c, "uniform xi out of [-sqrt 3, sqrt 3): " + v);
        }
    }

    private static double[] checkMoments(XiDistribution xi, double m4, double var1, double var2, double var4) {
        int n = 1_000_000;
        double[] x = new double[n];
        xi.fill(RealizationStream.of(20240601, 0), x);
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        for (double v : x) {
            s1 += v;
            s2 += v * v;
            s4 += v * v * v * v;
        }
        assertEquals(0, s1 / n, K * Math.sqrt(var1 / n), xi + " mean");
        assertEquals(1, s2 / n, K * Math.sqrt(var2 / n), xi + " second moment");
        assertEquals(m4, s4 / n, K * Math.sqrt(var4 / n), xi + " fourth moment");
        return x;
    }

    @Test
    void samplerDrawsTheSameValuesAsFill() {
        for (XiDistribution xi : XiDistribution.values()) {
            double[] filled = new double[100];
            xi.fill(RealizationStream.of(3, 4), filled);
            ContinuousSampler s = xi.sampler(RealizationStream.of(3, 4));
            for (double v : filled) {
                assertEquals(v, s.sample(), 0);
            }
        }
    }

    @Test
    void parsesTheConfigurationSpelling() {
        assertSame(XiDistribution.GAUSSIAN, XiDistribution.parse("gaussian"));
        assertSame(XiDistribution.UNIFORM, XiDistribution.parse(" Uniform "));
        assertEquals("uniform", XiDistribution.UNIFORM.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XiDistribution.parse("cauchy"));
        assertTrue(e.getMessage().contains("random.xi") && e.getMessage().contains("cauchy"), e.getMessage());
    }
}
