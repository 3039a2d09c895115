package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeInterpolationTest {

    /** The targets tried: a node, the middle, and offsets {@code r/E} of several spacings. */
    private static final double[] OFFSETS = {0, 1.0 / 8, 1.0 / 3, 0.5, 5.0 / 7, 31.0 / 32};

    /** {@code ((x - 1/2) / (P/2))^d}: at most 1 in size on the nodes {@code 1-P/2 .. P/2}. */
    private static double scaledPower(double x, int p, int d) {
        return Math.pow((x - 0.5) / (p / 2), d);
    }

    private static double interpolated(double[] w, int p, int d) {
        double sum = 0;
        for (int k = 0; k < p; k++) {
            sum += w[k] * scaledPower(1 - p / 2 + k, p, d);
        }
        return sum;
    }

    /**
     * A {@code P}-point rule reproduces every polynomial of degree below {@code P}, and for degree {@code P} misses by
     * the node polynomial: {@code x^P - I_P x^P = prod_k (x - k)} (both closed forms). The weights carry about
     * {@code 2P} roundings each and sum in absolute value to at most {@code Lambda_P < 2} against values of at most 1,
     * so 1e-13 leaves a factor 7 over {@code 2 x 64 ulp}.
     */
    @ParameterizedTest(name = "P = {0}")
    @ValueSource(ints = {4, 10, 22, 32})
    void weightsReproducePolynomialsBelowDegreeP(int p) {
        double[] w = new double[p];
        for (double s : OFFSETS) {
            TimeInterpolation.lagrangeWeights(p, s, w, 0);
            for (int d = 0; d < p; d++) {
                assertEquals(scaledPower(s, p, d), interpolated(w, p, d), 1e-13, "degree " + d + " at s = " + s);
            }
            double nodePolynomial = 1;
            for (int k = 1 - p / 2; k <= p / 2; k++) {
                nodePolynomial *= (s - k) / (p / 2);
            }
            assertEquals(nodePolynomial, scaledPower(s, p, p) - interpolated(w, p, p), 1e-13, "degree P at " + s);
        }
    }

    /**
     * {@code Omega_P / P!}: the closed form {@code prod (2m-1)/(8m)} against {@code prod_k |1/2 - k|} and {@code P!}
     * formed directly, and {@code s = 1/2} is where {@code prod_k |s - k|} peaks on {@code [0, 1]} (a grid of 1024
     * cells containing it). Relative 1e-13: some 100 roundings of products.
     */
    @ParameterizedTest(name = "P = {0}")
    @ValueSource(ints = {2, 4, 10, 18, 24, 32})
    void theRemainderFactorIsOmegaOverPFactorialWithItsMaximumAtOneHalf(int p) {
        double omega = 0, atHalf = 0, factorial = 1;
        for (int i = 0; i <= 1024; i++) {
            double s = i / 1024.0, product = 1;
            for (int k = 1 - p / 2; k <= p / 2; k++) {
                product *= Math.abs(s - k);
            }
            omega = Math.max(omega, product);
            if (i == 512) {
                atHalf = product;
            }
        }
        for (int k = 2; k <= p; k++) {
            factorial *= k;
        }
        assertEquals(atHalf, omega, 0, "the peak of prod |s - k| is at s = 1/2");
        double expected = atHalf / factorial;
        assertEquals(expected, TimeInterpolation.remainderFactor(p), 1e-13 * expected);
        assertTrue(TimeInterpolation.remainderFactor(p) < Math.pow(2, -p), "about 2^-P sqrt(2 / (pi P))");
    }
}
