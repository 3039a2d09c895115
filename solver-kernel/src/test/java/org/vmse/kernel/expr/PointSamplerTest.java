package org.vmse.kernel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The sampler against the tree walk of {@link Formula#value(double...)} at each point: the same value to the bit
 * (raw bits compared, so a {@code -0.0} against {@code 0.0} or another NaN would fail), for formulas exercising
 * every node kind, with the point variable first or second, at several values of the other variable.
 */
class PointSamplerTest {

    private static final double[] POINTS = grid(97, 1.625);
    private static final double[] TIMES = {0, 1e-3, 0.0123, 0.2, 0.4, -0.37};

    private static double[] grid(int m, double length) {
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = j * length / m;
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 + 0.046875*(cos(2*pi*x/1.625 + 0.3)*cos(pi*t/0.4) + sin(4*pi*x/1.625 + 1.1)*sin(pi*t/0.4))",
        "(1+0.2*sin(2*pi*x))*(1+0.2*cos(2*pi*t))",
        "1 + x^2",                  // no t: one table
        "1 + 0.5*t^2",              // no x: one number for every point
        "2",                        // no variable
        "-(x*t) + t/(1+x) - x/(2+t) + (x-t)*(t-x)",
        "exp(-t*x^2) + sqrt(1 + t*x) + abs(x - t) + tanh(t*x) + atan(x/(1+t)) + log(2 + t*x)",
        "(1 + x)^(1 + t) + (1 + t*x)^1.5 + (1 + x*t)^-2 + 2^(t*x)",
        "sinh(t*x)/10 + cosh(t - x)/10 + tan(t*x/3)",
        "x", "t", "-x", "t*x"})
    void everyPointHasTheTreeWalksBits(String text) {
        for (String[] order : new String[][] {{"t", "x"}, {"x", "t"}}) {
            Formula f = Formula.parse("mass.m0", text, order);
            int ti = order[0].equals("t") ? 0 : 1;
            PointSampler sampler = f.sampler("x", POINTS);
            assertEquals(POINTS.length, sampler.size());
            double[] out = new double[POINTS.length + 3];
            for (double t : TIMES) {
                double[] values = new double[2];
                values[ti] = t;
                values[1 - ti] = 123.0; // the point variable's entry is ignored
                sampler.fill(values, out);
                for (int j = 0; j < POINTS.length; j++) {
                    double[] args = new double[2];
                    args[ti] = t;
                    args[1 - ti] = POINTS[j];
                    double expected = f.value(args);
                    int jj = j;
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[j]),
                            () -> text + " at t = " + t + ", x = " + POINTS[jj] + ": " + expected + " vs " + out[jj]);
                }
            }
        }
    }

    @Test
    void aSamplerIsReusableAndLeavesTheRestOfTheOutputAlone() {
        Formula f = Formula.parse("mass.m0", "1 + x*t", "t", "x");
        PointSampler sampler = f.sampler("x", new double[] {0, 1, 2});
        double[] out = {9, 9, 9, 9};
        sampler.fill(new double[] {0.5, 0}, out);
        sampler.fill(new double[] {2, 0}, out);
        assertEquals(1, out[0]);
        assertEquals(3, out[1]);
        assertEquals(5, out[2]);
        assertEquals(9, out[3]);
    }

    @Test
    void badUseIsRefusedWithWhatWasWrong() {
        Formula f = Formula.parse("mass.m0", "1 + x*t", "t", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.sampler("y", POINTS));
        assertTrue(e.getMessage().contains("\"y\" is not a variable") && e.getMessage().contains("t, x"),
                e.getMessage());
        PointSampler s = f.sampler("x", POINTS);
        assertThrows(IllegalArgumentException.class, () -> s.fill(new double[] {1}, new double[POINTS.length]));
        assertThrows(IllegalArgumentException.class, () -> s.fill(new double[] {1, 0}, new double[3]));
    }
}
