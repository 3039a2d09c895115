package org.vmse.kernel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.grid.PeriodicGrid;

class PeriodicLinearInterpolationTest {

    static final double L = 1.625;

    static double[] sample(DoubleUnaryOperator f, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = f.applyAsDouble(i * L / n);
        }
        return s;
    }

    /**
     * Degree 1 is reproduced: f(x) = 2 - 3x sampled on n = 104 points, at the 1000 target points that lie in
     * [0, (n-1) h] (the cells that do not wrap around the period); error at round-off (1e-14 for values ~3).
     */
    @Test
    void exactForLinearFunctionsOnCellsThatDoNotWrap() {
        int n = 104;
        double h = L / n;
        DoubleUnaryOperator linear = x -> 2 - 3 * x;
        PeriodicGrid target = new PeriodicGrid(L, 1000);
        double[] values = PeriodicLinearInterpolation.onto(sample(linear, n), L, target);
        int checked = 0;
        for (int j = 0; j < target.M(); j++) {
            if (target.x(j) <= (n - 1) * h) {
                assertEquals(linear.applyAsDouble(target.x(j)), values[j], 1e-14, "x = " + target.x(j));
                checked++;
            }
        }
        assertTrue(checked > 980, "points checked: " + checked);
    }

    /**
     * Shared points carry the samples over: a grid with twice the points takes every sample at its even points
     * exactly (bit for bit) and the cell midpoints at its odd points; constants are reproduced everywhere, also
     * across the period's end.
     */
    @Test
    void sharedPointsAndConstantsAreExact() {
        int n = 208;
        double[] samples = new Random(5).doubles(n).toArray();
        double[] values = PeriodicLinearInterpolation.onto(samples, L, new PeriodicGrid(L, 2 * n));
        for (int i = 0; i < n; i++) {
            assertEquals(samples[i], values[2 * i], 0.0);
            assertEquals(0.5 * (samples[i] + samples[(i + 1) % n]), values[2 * i + 1], 1e-15);
        }
        double[] constant = PeriodicLinearInterpolation.onto(sample(x -> 0.7, n), L, new PeriodicGrid(L, 998));
        for (double v : constant) {
            assertEquals(0.7, v, 1e-15);
        }
    }

    /**
     * Second order: for f = exp(sin(2 pi x / L)) on n = 52, 104, 208, 416 onto a grid of 998 points (which shares
     * only x = 0 with them) the max error is below the interpolation bound h^2 / 8 max|f''| (max|f''| <= 3 e (2 pi /
     * L)^2, from f'' = ((cos)^2 - sin) (2 pi / L)^2 f) and its observed order between successive n lies in [1.9, 2.1]
     * (asymptotically 2: the error is h^2 theta (1 - theta) f'' / 2 + O(h^3), and 998 targets sample theta densely).
     */
    @Test
    void secondOrderUnderRefinement() {
        double w = 2 * Math.PI / L;
        DoubleUnaryOperator f = x -> Math.exp(Math.sin(w * x));
        PeriodicGrid target = new PeriodicGrid(L, 998);
        double previous = Double.NaN;
        for (int n = 52; n <= 416; n *= 2) {
            double[] values = PeriodicLinearInterpolation.onto(sample(f, n), L, target);
            double error = 0;
            for (int j = 0; j < target.M(); j++) {
                error = Math.max(error, Math.abs(values[j] - f.applyAsDouble(target.x(j))));
            }
            double h = L / n;
            assertTrue(error <= h * h / 8 * 3 * Math.E * w * w, "n = " + n + ": error " + error);
            if (!Double.isNaN(previous)) {
                double order = Math.log(previous / error) / Math.log(2);
                assertTrue(order >= 1.9 && order <= 2.1, "n = " + n + ": observed order " + order);
            }
            previous = error;
        }
    }

    @Test
    void rejectsAnotherPeriodOrTooFewSamples() {
        PeriodicGrid target = new PeriodicGrid(L, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeriodicLinearInterpolation.onto(new double[10], 2 * L, target));
        assertTrue(e.getMessage().contains("domain.L"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeriodicLinearInterpolation.onto(new double[1], L, target));
    }
}
