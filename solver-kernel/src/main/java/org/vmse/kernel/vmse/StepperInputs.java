package org.vmse.kernel.vmse;

import org.vmse.kernel.analysis.Extrema;
import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.grid.PeriodicGrid;

/** What every VMSE stepper checks of its inputs, and the constant-coefficient part they split off. */
final class StepperInputs {

    private StepperInputs() {
    }

    /** Rejects a non-positive {@code eps}, an FFT or a potential whose length is not {@code M}. */
    static void check(PeriodicGrid grid, double eps, double[] potential, ComplexFft fft) {
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
        }
        if (fft.size() != grid.M()) {
            throw new IllegalArgumentException("FFT length " + fft.size() + " does not match M = " + grid.M());
        }
        if (potential != null && potential.length != grid.M()) {
            throw new IllegalArgumentException("potential has " + potential.length + " values, M = " + grid.M());
        }
    }

    /** {@code (min + max) / 2}: the constant coefficient the preconditioner or the interaction picture uses. */
    static double midRange(double[] v) {
        double[] b = new double[2];
        Extrema.of(v, b);
        return 0.5 * (b[0] + b[1]);
    }
}
