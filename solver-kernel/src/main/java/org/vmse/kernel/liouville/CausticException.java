package org.vmse.kernel.liouville;

/**
 * Thrown by {@link ForwardCharacteristics} when the Lagrangian manifold folds: {@code dX/dy} reaches zero (or the
 * rays cross) on some ray, so that {@code rho0 = rho_I(y) / |dX/dy|} is singular there and the forward
 * (single-valued) characteristics no longer describe {@code rho0}. Use {@link BackwardParticleMethod} instead.
 */
public final class CausticException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double time;
    private final double ray;

    /**
     * @param time   the time at which the caustic was detected (the event time, or the requested time when detected
     *               by crossing rays)
     * @param ray    the launch point {@code y} of the ray concerned
     * @param detail what was observed
     */
    public CausticException(double time, double ray, String detail) {
        super(String.format(
                "caustic at t = %.9g on the ray launched at y = %.9g (%s): rho0 = rho_I(y)/|dX/dy| is singular there, "
                        + "forward characteristics are invalid from this time on; use the backward particle method "
                        + "(BackwardParticleMethod)", time, ray, detail));
        this.time = time;
        this.ray = ray;
    }

    /** The time at which the caustic was detected. */
    public double time() {
        return time;
    }

    /** The launch point {@code y} of the ray on which it was detected. */
    public double ray() {
        return ray;
    }
}
