package org.vmse.kernel.vmse;

import org.vmse.kernel.analysis.Extrema;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.problem.MassSamples;

/**
 * The mass {@code m(t, x_j)} sampled on the grid, as the time stepper needs it at each half step
 * {@code t^{n+1/2}} (4.5). A deterministic mass wraps a {@link MassField}; a random mass fills the same array
 * from its own realization.
 */
public interface GridMass {

    /** Writes {@code m(t, x_j)} for every grid point into {@code out}. */
    void fill(double t, double[] out);

    /**
     * {@link #fill(double, double[])}, and the smallest and largest value written into {@code bounds[0]},
     * {@code bounds[1]} ({@link Extrema}): for a mass that finds them anyway while filling, without a second pass.
     */
    default void fill(double t, double[] out, double[] bounds) {
        fill(t, out);
        Extrema.of(out, bounds);
    }

    /** Whether {@link #fill} depends on {@code t}; if not, the stepper evaluates it once. */
    boolean isTimeDependent();

    /**
     * The deterministic mass {@code field} on {@code grid}, sampled by {@link MassField#at}: a workspace of one
     * stepper, not thread-safe.
     */
    static GridMass of(MassField field, PeriodicGrid grid) {
        MassSamples samples = field.at(grid.points());
        return new GridMass() {
            @Override
            public void fill(double t, double[] out) {
                samples.fill(t, out);
            }

            @Override
            public boolean isTimeDependent() {
                return field.isTimeDependent();
            }
        };
    }
}
