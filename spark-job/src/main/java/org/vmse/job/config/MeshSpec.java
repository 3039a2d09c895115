package org.vmse.job.config;

import java.util.Objects;
import org.vmse.kernel.expr.Formula;

/**
 * The VMSE mesh as formulas in {@code eps} (the paper's rule (4.10) by default), so a study can resolve it per
 * {@code eps}.
 *
 * @param dx              {@code mesh.dx}
 * @param dt              {@code mesh.dt}
 * @param allowUnresolved {@code mesh.allowUnresolved}: run a mesh that does not resolve the oscillation
 */
public record MeshSpec(Formula dx, Formula dt, boolean allowUnresolved) {

    public MeshSpec {
        Objects.requireNonNull(dx, "mesh.dx");
        Objects.requireNonNull(dt, "mesh.dt");
    }

    /** {@code dx} at this {@code eps}. */
    public double dx(double eps) {
        return positive("mesh.dx", dx, eps);
    }

    /** {@code dt} at this {@code eps}. */
    public double dt(double eps) {
        return positive("mesh.dt", dt, eps);
    }

    private static double positive(String key, Formula f, double eps) {
        double v = f.value(eps);
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException(key + " = \"" + f.text() + "\" gives " + v + " at eps = " + eps
                    + "; it must be positive and finite");
        }
        return v;
    }
}
