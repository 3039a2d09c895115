package org.vmse.kernel.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.grid.PeriodicGrid;

class GridPotentialTest {

    @Test
    void samplesTheFormulaAtTheGridPoints() {
        PeriodicGrid grid = new PeriodicGrid(1.25, 8);
        double[] v = GridPotential.of(Formula.parse("potential.V", "0.5*cos(2*pi*x/1.25)", "x"), grid);
        assertEquals(8, v.length);
        for (int j = 0; j < 8; j++) {
            // x_j = j L / 8: V = 0.5 cos(pi j / 4); a few ulps of the argument's rounding
            assertEquals(0.5 * Math.cos(Math.PI * j / 4), v[j], 1e-15, "x_" + j);
        }
    }

    @Test
    void aValueThatIsNotFiniteOnTheGridIsRefusedWithItsPoint() {
        PeriodicGrid grid = new PeriodicGrid(1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridPotential.of(Formula.parse("potential.V", "1/(x - 0.5)", "x"), grid));
        assertEquals("potential.V = \"1/(x - 0.5)\" is Infinity at x = 0.5; it must be finite on the grid",
                e.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> GridPotential.of(Formula.parse("mass.m0", "1 + x", "t", "x"), grid));
        assertTrue(wrong.getMessage().contains("variable x"), wrong.getMessage());
    }
}
