package org.vmse.kernel.vmse;

/**
 * A time step could not be completed: the implicit solve did not converge, or the solution turned non-finite.
 * Carries where it happened so an ensemble can report the failing realization.
 */
public final class SolverBreakdownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double time;

    public SolverBreakdownException(double time, String message) {
        super(message);
        this.time = time;
    }

    /** The time at the start of the failing step. */
    public double time() {
        return time;
    }
}
