package org.vmse.kernel.krylov;

/**
 * Settings of the implicit solve.
 *
 * @param tolerance     relative residual tolerance, in (0, 1); default 1e-12
 * @param maxIterations most Krylov iterations per solve
 * @param restart       GMRES restart length
 */
public record KrylovSettings(double tolerance, int maxIterations, int restart) implements java.io.Serializable {

    public static final KrylovSettings DEFAULT = new KrylovSettings(1e-12, 200, 30);

    public KrylovSettings {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("krylov.tolerance must lie in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("krylov.maxIterations must be at least 1, got " + maxIterations);
        }
        if (restart < 1) {
            throw new IllegalArgumentException("krylov.restart must be at least 1, got " + restart);
        }
    }
}
