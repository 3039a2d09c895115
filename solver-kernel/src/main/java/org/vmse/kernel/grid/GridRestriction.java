package org.vmse.kernel.grid;

/**
 * Restriction of grid values from a refinement of a periodic grid back onto it, by injection: the value at coarse
 * point {@code x_j = j L / M} is the fine value at {@code x_{r j} = r j L / (r M)}, the same point. It is exact on
 * the shared points (no interpolation, no averaging); in exchange, fine-grid modes above the coarse Nyquist limit
 * alias onto lower coarse modes instead of being filtered out.
 *
 * @param fine   the refined grid: the same {@code L}, {@code r M} points for an integer {@code r >= 1}
 * @param coarse the grid values are brought back to
 */
public record GridRestriction(PeriodicGrid fine, PeriodicGrid coarse) {

    public GridRestriction {
        if (!(fine.L() == coarse.L())) {
            throw new IllegalArgumentException("a restriction needs grids on the same box, got L = " + fine.L()
                    + " (fine) and L = " + coarse.L() + " (coarse)");
        }
        if (fine.M() % coarse.M() != 0) {
            throw new IllegalArgumentException("the fine grid's M = " + fine.M() + " must be a multiple of the coarse"
                    + " grid's M = " + coarse.M() + " so that every coarse point is a fine point");
        }
    }

    /** The refinement factor {@code r}: fine points per coarse point. */
    public int ratio() {
        return fine.M() / coarse.M();
    }

    /**
     * Writes into {@code out} (length {@code coarse.M()}) the values at the coarse points of {@code fineValues}
     * (length {@code fine.M()}).
     */
    public void restrict(double[] fineValues, double[] out) {
        if (fineValues.length != fine.M() || out.length != coarse.M()) {
            throw new IllegalArgumentException("restriction from " + fine.M() + " to " + coarse.M()
                    + " points, got arrays of " + fineValues.length + " and " + out.length);
        }
        int r = ratio();
        for (int j = 0; j < out.length; j++) {
            out[j] = fineValues[r * j];
        }
    }
}
