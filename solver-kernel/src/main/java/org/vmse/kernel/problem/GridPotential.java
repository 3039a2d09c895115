package org.vmse.kernel.problem;

import java.util.Arrays;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.grid.PeriodicGrid;

/** The potential {@code V(x)} of the VMSE (2.1) on the periodic grid, as the time steppers take it. */
public final class GridPotential {

    private GridPotential() {
    }

    /**
     * {@code V(x_j)}, {@code j = 0..M-1}.
     *
     * @param v    {@code potential.V}, a formula in {@code x}
     * @param grid the grid
     * @throws IllegalArgumentException if {@code v} is not a formula in {@code x} alone, or is not finite at a grid
     *                                  point (the message names {@code potential.V}, the value and the point)
     */
    public static double[] of(Formula v, PeriodicGrid grid) {
        if (!Arrays.equals(v.variables(), new String[] {"x"})) {
            throw new IllegalArgumentException("the potential formula \"" + v.text()
                    + "\" must be parsed with the variable x, not " + Arrays.toString(v.variables()));
        }
        double[] values = new double[grid.M()];
        for (int j = 0; j < grid.M(); j++) {
            values[j] = v.value(grid.x(j));
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("potential.V = \"" + v.text() + "\" is " + values[j] + " at x = "
                        + grid.x(j) + "; it must be finite on the grid");
            }
        }
        return values;
    }
}
