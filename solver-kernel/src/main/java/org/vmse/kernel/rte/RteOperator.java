package org.vmse.kernel.rte;

import java.util.HashMap;
import java.util.Map;

import org.vmse.kernel.problem.MassField;

/**
 * The radiative transfer equation (3.6) in 1D for a time-independent mass {@code m0(x) > 0}, periodic in x on
 * {@code [0, L)}, discretized in phase space on an {@link RteGrid}:
 * <pre>
 *   W_t + (m0 k W)_x + (-(k^2/2) m0' W)_k = Q(W),   Q(W)(k) = ∫ sigma(m0(x); k, p) [W(p) - W(k)] dp
 * </pre>
 * (the flux form equals the paper's advective form: the Hamiltonian field is divergence-free), sigma from
 * {@link ScatteringKernel} (4.19). Holds what every time scheme ({@link RteScheme}) shares: the grid, the kernel,
 * {@code m0} and {@code m0'} at the x points, and the trapezoid collision operators ({@link CollisionOperator}, one
 * per distinct value of m0 on the grid, built once). Immutable after construction; the collision propagator cache
 * of {@link CollisionOperator} is synchronized, so one operator serves several solves and threads.
 */
public final class RteOperator {

    /** Most doubles the per-x collision matrices may hold (1 GiB). */
    public static final long MAX_COLLISION_STORAGE = 1L << 27;

    private final ScatteringKernel kernel;
    private final RteGrid grid;
    private final double[] mass;           // m0(x_j)
    private final double[] massSlope;      // m0'(x_j)
    private final boolean constantMass;
    private final CollisionOperator[] collisions; // one per distinct m0(x_j)
    private final int[] collisionOfRow;           // index into collisions of x row j

    /**
     * @throws IllegalArgumentException for a time-dependent mass, {@code m0 <= 0} on the grid, or collision matrices
     *                                  beyond {@link #MAX_COLLISION_STORAGE}
     */
    public RteOperator(MassField massField, ScatteringKernel kernel, RteGrid grid) {
        if (massField == null || kernel == null || grid == null) {
            throw new IllegalArgumentException("mass, kernel and grid must not be null");
        }
        if (massField.isTimeDependent()) {
            throw new IllegalArgumentException("the RTE solver handles a time-independent mass m0(x) only (its "
                    + "collision matrices are precomputed); got the time-dependent " + massField);
        }
        this.kernel = kernel;
        this.grid = grid;
        int nx = grid.nx();
        mass = new double[nx];
        massSlope = new double[nx];
        double[] derivatives = new double[3];
        boolean constant = true;
        for (int j = 0; j < nx; j++) {
            massField.spatialDerivatives(0, grid.x(j), derivatives);
            mass[j] = derivatives[0];
            massSlope[j] = derivatives[1];
            if (!(derivatives[0] > 0 && derivatives[0] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the RTE needs m0 > 0, got m0(" + grid.x(j) + ") = "
                        + derivatives[0]);
            }
            constant &= derivatives[1] == 0 && derivatives[0] == mass[0];
        }
        constantMass = constant;
        Map<Double, Integer> index = new HashMap<>();
        collisionOfRow = new int[nx];
        for (int j = 0; j < nx; j++) {
            collisionOfRow[j] = index.computeIfAbsent(mass[j], v -> index.size());
        }
        collisions = new CollisionOperator[index.size()];
        if (kernel.D() > 0) {
            int halfBandwidth = new CollisionOperator(kernel, mass[0], grid).halfBandwidth();
            long entries = (long) collisions.length * grid.nk() * (2L * halfBandwidth + 1);
            if (entries > MAX_COLLISION_STORAGE) {
                throw new IllegalArgumentException(collisions.length + " distinct values of m0 on the grid need "
                        + collisions.length + " collision matrices of " + grid.nk() + " x " + (2 * halfBandwidth + 1)
                        + " entries: too many; use a coarser rte grid or a narrower k window");
            }
        }
        index.forEach((value, i) -> collisions[i] = new CollisionOperator(kernel, value, grid));
    }

    public RteGrid grid() {
        return grid;
    }

    public ScatteringKernel kernel() {
        return kernel;
    }

    /** Whether {@code m0} is one constant on the grid ({@code m0' = 0} everywhere). */
    public boolean hasConstantMass() {
        return constantMass;
    }

    /** Whether the collision term is present ({@code D > 0}). */
    public boolean scatters() {
        return kernel.D() > 0;
    }

    /** {@code m0(x_j)}. */
    double mass(int j) {
        return mass[j];
    }

    /** {@code m0'(x_j)}. */
    double massSlope(int j) {
        return massSlope[j];
    }

    /** The distinct collision operators. */
    int collisionCount() {
        return collisions.length;
    }

    CollisionOperator collision(int index) {
        return collisions[index];
    }

    /** Index into {@link #collision(int)} of the operator at {@code x_j}. */
    int collisionOfRow(int j) {
        return collisionOfRow[j];
    }

    /** Rejects a time step {@code rte.dt} that is not positive and finite. */
    static void checkStep(double dt) {
        if (!(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rte.dt must be positive and finite, got " + dt);
        }
    }

    /** Rejects an initial W of the wrong length. */
    void checkInitial(double[] w0) {
        if (w0 == null || w0.length != grid.cells()) {
            throw new IllegalArgumentException("initial W must have nx * nk = " + grid.cells() + " entries");
        }
    }

    /**
     * {@code rho_j = sum_i W(x_j, k_i) dk} into {@code rho}; returns the total mass {@code sum_j rho_j dx}.
     */
    double density(double[] w, double[] rho) {
        int nk = grid.nk();
        double sum = 0;
        for (int j = 0; j < grid.nx(); j++) {
            double rowSum = 0;
            for (int i = 0; i < nk; i++) {
                rowSum += w[j * nk + i];
            }
            rho[j] = rowSum * grid.dk();
            sum += rho[j];
        }
        return sum * grid.dx();
    }
}
