package org.vmse.kernel.vmse;

/**
 * A step refused under {@link StabilityPolicy#REFUSE}: its stability number is above the explicit scheme's limit.
 * The number is proportional to the step, so {@link #passingDt()} is the largest step that would pass.
 */
public final class UnstableStepException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final double number;
    private final double limit;
    private final double dt;

    /**
     * @param number the step's stability number, above {@code limit}
     * @param limit  the largest stability number a step may have
     * @param dt     the step
     */
    public UnstableStepException(double number, double limit, double dt) {
        super(String.format("a step of dt = %.4g has the stability number %.2f, above the limit %.1f of the"
                + " explicit scheme; dt <= %.4g would pass", dt, number, limit, limit * dt / number));
        this.number = number;
        this.limit = limit;
        this.dt = dt;
    }

    /** The refused step's stability number. */
    public double number() {
        return number;
    }

    /** The largest stability number a step may have. */
    public double limit() {
        return limit;
    }

    /** The refused step. */
    public double dt() {
        return dt;
    }

    /** {@code limit dt / number}: the largest step that passes. */
    public double passingDt() {
        return limit * dt / number;
    }
}
