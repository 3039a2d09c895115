package org.vmse.job.config;

import java.util.Objects;
import org.vmse.kernel.expr.Formula;

/**
 * The VMSE mesh as formulas in {@code eps} (the paper's rule (4.10) by default), so a study can resolve it per
 * {@code eps}, or the rule that chooses it to a tolerance.
 *
 * @param dx              {@code mesh.dx}
 * @param dt              {@code mesh.dt}
 * @param allowUnresolved {@code mesh.allowUnresolved}: run a mesh that does not resolve the oscillation
 * @param rule            {@code mesh.rule}: {@code dx} and {@code dt} as written, or chosen to {@code tolerance}
 * @param tolerance       {@code mesh.tolerance}: with {@link MeshRule#ACCURACY}, the L1 error of the final density
 *                        ({@code dx sum |rho - rho_exact|}, as {@code err_l1}) the discretization may make; positive
 */
public record MeshSpec(Formula dx, Formula dt, boolean allowUnresolved, MeshRule rule, double tolerance) {

    public MeshSpec {
        Objects.requireNonNull(dx, "mesh.dx");
        Objects.requireNonNull(dt, "mesh.dt");
        Objects.requireNonNull(rule, "mesh.rule");
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("mesh.tolerance = " + tolerance + " must be positive and finite: it is"
                    + " the L1 error of the final density that mesh.rule = accuracy lets the discretization make,"
                    + " e.g. 2e-5");
        }
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
