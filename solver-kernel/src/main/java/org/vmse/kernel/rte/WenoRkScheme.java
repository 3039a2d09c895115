package org.vmse.kernel.rte;

import java.util.Arrays;

import org.vmse.kernel.vmse.TimePlan;

/**
 * The paper's scheme for the RTE (3.6) with any time-independent m0 (Section 4.2.2), method of lines:
 * <ul>
 *   <li>x-transport {@code -(m0 k W)_x}: {@link Weno5} flux differences along every k row (periodic, velocity
 *   {@code m0 k}, upwind by the sign of k);</li>
 *   <li>k-transport {@code -(-(k^2/2) m0' W)_k}: {@link Weno5} along every x row (velocity {@code -(k^2/2) m0'},
 *   upwind by {@code -sign(m0')}, zero inflow at the window ends; the outflow is booked in
 *   {@link RteSolution#windowLoss});</li>
 *   <li>collision: the trapezoid rule ({@link CollisionOperator}) at every x;</li>
 *   <li>time: SSP-RK3 (Shu–Osher), third order, stable for {@code dt (max|m0 k|/dx + max|k^2 m0'/2|/dk) <= 1} and
 *   {@code dt * 2 max rate <= 2.5} (the collision's eigenvalues lie in {@code [-2 max rate, 0]}; SSP-RK3's
 *   stability interval on the negative real axis is {@code [-2.51, 0]}).</li>
 * </ul>
 * Cost per step: three right-hand sides, each {@code O(nx nk)} for the fluxes and {@code O(nx nk (2 hw + 1))} for the
 * (banded, half bandwidth hw) collision.
 */
public final class WenoRkScheme extends RteScheme {

    private final double[][] leakRates; // outOfWindowRates of every distinct collision operator (zeros if D = 0)
    private final double[] kPoints;     // k_i: the x velocity m0(x) k without its factor m0(x)
    private final double[] kVelocity;   // -(k_i^2 / 2): the k velocity -(k^2/2) m0'(x) without its factor m0'(x)
    private final double[] massAtX;     // m0(x_j)

    /**
     * @throws IllegalArgumentException if {@code dt} is not positive and finite or violates the CFL bound
     *                                  {@code dt (max|m0 k|/dx + max|k^2 m0'/2|/dk) <= 1} or the collision bound
     *                                  {@code dt * 2 max rate <= 2.5}
     */
    public WenoRkScheme(RteOperator operator, double dt) {
        super(operator, dt);
        RteGrid grid = operator.grid();
        int nk = grid.nk();
        double kAbs = Math.max(Math.abs(grid.kMin()), Math.abs(grid.kMax()));
        double xSpeed = 0, kSpeed = 0, rate = 0;
        massAtX = new double[grid.nx()];
        for (int j = 0; j < grid.nx(); j++) {
            massAtX[j] = operator.mass(j);
            xSpeed = Math.max(xSpeed, operator.mass(j) * kAbs);
            kSpeed = Math.max(kSpeed, 0.5 * kAbs * kAbs * Math.abs(operator.massSlope(j)));
        }
        for (int c = 0; c < operator.collisionCount(); c++) {
            for (int i = 0; i < nk; i++) {
                rate = Math.max(rate, operator.collision(c).rate(i));
            }
        }
        double courant = dt * (xSpeed / grid.dx() + kSpeed / grid.dk());
        if (courant > 1 || dt * 2 * rate > 2.5) {
            throw new IllegalArgumentException("rte.dt = " + dt + " is unstable for WENO5/SSP-RK3: CFL = " + courant
                    + " (max 1), collision dt * 2 * rate = " + dt * 2 * rate + " (max 2.5)");
        }
        leakRates = new double[operator.collisionCount()][];
        for (int c = 0; c < leakRates.length; c++) {
            leakRates[c] = operator.scatters() ? operator.collision(c).outOfWindowRates() : new double[nk];
        }
        kPoints = grid.kPoints();
        kVelocity = new double[nk];
        for (int i = 0; i < nk; i++) {
            kVelocity[i] = -0.5 * kPoints[i] * kPoints[i];
        }
    }

    @Override
    public String name() {
        return "weno5-ssprk3";
    }

    @Override
    RteSolution march(double[] w0, TimePlan plan) {
        RteOperator operator = operator();
        RteGrid grid = operator.grid();
        int size = grid.cells(), outputs = plan.outputCount();
        Workspace work = new Workspace(grid);
        double[] w = w0.clone(), stage = new double[size], rhs = new double[size];
        double[][] rho = new double[outputs][grid.nx()];
        double[] totalMass = new double[outputs], windowLoss = new double[outputs], scatterLeak = new double[outputs];
        double lost = 0, leaked = 0;
        for (int n = 0; n < outputs; n++) {
            double h = plan.stepLength(n);
            for (int s = 0; s < plan.steps(n); s++) {
                // SSP-RK3: u1 = w + h L(w); u2 = 3/4 w + 1/4 (u1 + h L(u1)); w = 1/3 w + 2/3 (u2 + h L(u2))
                rightHandSide(w, rhs, work, 0);
                for (int q = 0; q < size; q++) {
                    stage[q] = w[q] + h * rhs[q];
                }
                rightHandSide(stage, rhs, work, 1);
                for (int q = 0; q < size; q++) {
                    stage[q] = 0.75 * w[q] + 0.25 * (stage[q] + h * rhs[q]);
                }
                rightHandSide(stage, rhs, work, 2);
                for (int q = 0; q < size; q++) {
                    w[q] = (w[q] + 2 * (stage[q] + h * rhs[q])) / 3;
                }
                // SSP-RK3's effective quadrature weights of the three stages: (1/6, 1/6, 2/3)
                double[] rates = work.stageRates;
                lost += h * (rates[0] + rates[2] + 4 * rates[4]) / 6;
                leaked += h * (rates[1] + rates[3] + 4 * rates[5]) / 6;
            }
            totalMass[n] = operator.density(w, rho[n]);
            windowLoss[n] = lost;
            scatterLeak[n] = leaked;
        }
        return new RteSolution(grid, name(), plan.outputTimes(), rho, totalMass, windowLoss, scatterLeak, w,
                plan.totalSteps());
    }

    /**
     * Writes the semi-discrete right-hand side {@code L(in)} into {@code out}, and the stage's rate of outflow through
     * the k window's ends and scattering-leak rate into {@code work.stageRates[2 stage]}, {@code [2 stage + 1]}.
     */
    private void rightHandSide(double[] in, double[] out, Workspace work, int stage) {
        RteOperator operator = operator();
        RteGrid grid = operator.grid();
        int nx = grid.nx(), nk = grid.nk();
        double dx = grid.dx(), dk = grid.dk();
        Arrays.fill(out, 0);
        for (int i = 0; i < nk; i++) { // x-transport: -(m0 k W)_x, velocity sign = sign(k)
            double k = kPoints[i];
            if (k != 0) {
                work.xLine.load(in, i, nk, massAtX, k);
                work.xLine.addDivergence(k > 0, 1 / dx, out, i, nk);
            }
        }
        double outflow = 0, leak = 0;
        for (int j = 0; j < nx; j++) { // k-transport: -(-(k^2/2) m0' W)_k, velocity sign = -sign(m0')
            double slope = operator.massSlope(j);
            if (slope != 0) {
                work.kLine.load(in, j * nk, 1, kVelocity, slope);
                outflow += work.kLine.addDivergence(slope < 0, 1 / dk, out, j * nk, 1) * dx;
            }
            if (operator.scatters()) {
                int c = operator.collisionOfRow(j);
                operator.collision(c).apply(in, j * nk, 1, out, j * nk);
                double[] rowLeakRates = leakRates[c];
                for (int i = 0; i < nk; i++) {
                    leak += rowLeakRates[i] * in[j * nk + i];
                }
            }
        }
        work.stageRates[2 * stage] = outflow;
        work.stageRates[2 * stage + 1] = leak * dx * dk;
    }

    /** The scratch of one solve: the WENO lines (they own workspaces, not thread-safe) and the stage rates. */
    private static final class Workspace {
        final Weno5 xLine;
        final Weno5 kLine;
        final double[] stageRates = new double[6]; // {outflow, leak} rates of the three stages

        Workspace(RteGrid grid) {
            xLine = new Weno5(grid.nx(), true);
            kLine = new Weno5(grid.nk(), false);
        }
    }
}
