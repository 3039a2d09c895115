package org.vmse.kernel.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Injection from a refined periodic grid: exact at the shared points, no filtering. */
class GridRestrictionTest {

    private static final double L = 1.625;

    private static double[] sample(PeriodicGrid grid, DoubleUnaryOperator f) {
        double[] v = new double[grid.M()];
        for (int j = 0; j < v.length; j++) {
            v[j] = f.applyAsDouble(grid.x(j));
        }
        return v;
    }

    /**
     * The expected values are the function evaluated at the coarse grid's own points. They are compared exactly: for
     * a power-of-two ratio {@code r}, {@code (r j) L / (r M)} and {@code j L / M} are the same double (scaling by a
     * power of two is exact), so the fine grid holds the coarse points themselves.
     */
    @Test
    void exactOnTheSharedPoints() {
        DoubleUnaryOperator f = x -> Math.exp(Math.sin(2 * Math.PI * x / L)) + x * x;
        PeriodicGrid coarse = new PeriodicGrid(L, 26);
        for (int r : new int[] {1, 2, 4}) {
            PeriodicGrid fine = new PeriodicGrid(L, r * coarse.M());
            for (int j = 0; j < coarse.M(); j++) {
                assertEquals(coarse.x(j), fine.x(r * j), 0.0, "shared point " + j + " at ratio " + r);
            }
            GridRestriction restriction = new GridRestriction(fine, coarse);
            assertEquals(r, restriction.ratio());
            double[] out = new double[coarse.M()];
            restriction.restrict(sample(fine, f), out);
            assertArrayEquals(sample(coarse, f), out, 0.0, "ratio " + r);
        }
    }

    /** Fine value {@code i} at fine point {@code i}: coarse point {@code j} is fine point {@code 3 j}. */
    @Test
    void picksEveryRthFineValue() {
        GridRestriction restriction = new GridRestriction(new PeriodicGrid(L, 24), new PeriodicGrid(L, 8));
        double[] fine = new double[24];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = i;
        }
        double[] out = new double[8];
        restriction.restrict(fine, out);
        assertArrayEquals(new double[] {0, 3, 6, 9, 12, 15, 18, 21}, out, 0.0);
    }

    /**
     * Injection does not filter: the fine grid's Nyquist mode {@code cos(2 pi M x / L)}, {@code (-1)^i} on
     * {@code 2M} points, is {@code cos(2 pi j) = 1} at every coarse point (a spectral truncation would give 0).
     */
    @Test
    void modesAboveTheCoarseNyquistAlias() {
        int m = 16;
        GridRestriction restriction = new GridRestriction(new PeriodicGrid(L, 2 * m), new PeriodicGrid(L, m));
        double[] fine = new double[2 * m];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = i % 2 == 0 ? 1 : -1;
        }
        double[] out = new double[m];
        restriction.restrict(fine, out);
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, out, 0.0);
    }

    @Test
    void rejectsGridsThatDoNotNest() {
        PeriodicGrid coarse = new PeriodicGrid(L, 8);
        assertThrows(IllegalArgumentException.class, () -> new GridRestriction(new PeriodicGrid(2 * L, 16), coarse));
        assertThrows(IllegalArgumentException.class, () -> new GridRestriction(new PeriodicGrid(L, 12), coarse));
        assertThrows(IllegalArgumentException.class, () -> new GridRestriction(coarse, new PeriodicGrid(L, 16)));
        GridRestriction restriction = new GridRestriction(new PeriodicGrid(L, 16), coarse);
        assertThrows(IllegalArgumentException.class, () -> restriction.restrict(new double[8], new double[8]));
        assertThrows(IllegalArgumentException.class, () -> restriction.restrict(new double[16], new double[16]));
    }
}
