package org.vmse.kernel.vmse;

import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.WavePacket;

/**
 * Runs a {@link TimeStepper} over a {@link TimePlan}: transforms the initial datum once, steps in Fourier space,
 * and transforms back only at output times. Watches {@code ||u||} after every step (Parseval, no transform needed):
 * its drift is reported, and a non-finite norm stops the run where it happened.
 */
public final class VmseSolver {

    private final PeriodicGrid grid;
    private final TimeStepper stepper;
    private final ComplexFft fft;

    /**
     * @param grid    the periodic grid
     * @param stepper the scheme
     * @param fft     a transform of length {@code M} for input and output (the stepper may own another)
     */
    public VmseSolver(PeriodicGrid grid, TimeStepper stepper, ComplexFft fft) {
        if (fft.size() != grid.M()) {
            throw new IllegalArgumentException("FFT length " + fft.size() + " does not match M = " + grid.M());
        }
        this.grid = grid;
        this.stepper = stepper;
        this.fft = fft;
    }

    /** The WKB datum (4.2), {@code u_I(x_j) = exp(-A (x_j - x0)^2 + i p0 x_j / eps)}, interleaved complex. */
    public static double[] initialWave(PeriodicGrid grid, WavePacket packet, double eps) {
        double[] u = new double[2 * grid.M()];
        for (int j = 0; j < grid.M(); j++) {
            double x = grid.x(j);
            double amplitude = Math.exp(-packet.A() * (x - packet.x0()) * (x - packet.x0()));
            double phase = packet.p0() * x / eps;
            u[2 * j] = amplitude * Math.cos(phase);
            u[2 * j + 1] = amplitude * Math.sin(phase);
        }
        return u;
    }

    /**
     * Solves from {@code u0} (physical values, interleaved complex; unchanged) over {@code plan}.
     *
     * @throws SolverBreakdownException if a step fails or the solution turns non-finite
     */
    public VmseSolution solve(double[] u0, TimePlan plan, StepListener listener) {
        int size = grid.M();
        if (u0.length != 2 * size) {
            throw new IllegalArgumentException("initial wave must have 2M = " + 2 * size + " values, got " + u0.length);
        }
        double[] uHat = u0.clone();
        fft.forward(uHat);
        double norm0 = squaredNorm(uHat);
        if (!(norm0 > 0 && norm0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("initial wave has norm " + Math.sqrt(norm0) + "; it must be finite and"
                    + " non-zero on the grid (check initial.x0 lies inside [0, domain.L))");
        }
        double[][] densities = new double[plan.outputCount()][];
        double driftMax = 0;
        int done = 0;
        double t = 0;
        double[] wave = new double[2 * size];
        for (int k = 0; k < plan.outputCount(); k++) {
            double dt = plan.stepLength(k);
            double start = t;
            for (int n = 0; n < plan.steps(k); n++) {
                double tn = start + n * dt;
                stepper.step(tn, dt, uHat);
                double ratio = Math.sqrt(squaredNorm(uHat) / norm0);
                if (!Double.isFinite(ratio)) {
                    throw new SolverBreakdownException(tn, String.format(
                            "the solution turned non-finite in the step from t = %.6g (step %d of %d)",
                            tn, done + 1, plan.totalSteps()));
                }
                driftMax = Math.max(driftMax, Math.abs(ratio - 1));
                done++;
                listener.stepDone(done, plan.totalSteps(), tn + dt);
            }
            t = plan.outputTime(k);
            System.arraycopy(uHat, 0, wave, 0, 2 * size);
            fft.inverse(wave);
            densities[k] = modulusSquared(wave);
        }
        return new VmseSolution(plan.outputTimes(), densities, wave, driftMax, stepper.statistics());
    }

    /** Four partial sums: one chain of dependent additions cost about a microsecond per step at M = 416. */
    private static double squaredNorm(double[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < v.length; j += 4) {
            s0 += v[j] * v[j];
            s1 += v[j + 1] * v[j + 1];
            s2 += v[j + 2] * v[j + 2];
            s3 += v[j + 3] * v[j + 3];
        }
        for (; j < v.length; j++) {
            s0 += v[j] * v[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double[] modulusSquared(double[] u) {
        double[] rho = new double[u.length / 2];
        for (int j = 0; j < rho.length; j++) {
            rho[j] = u[2 * j] * u[2 * j] + u[2 * j + 1] * u[2 * j + 1];
        }
        return rho;
    }
}
