package org.vmse.job.experiment;

import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.kernel.analysis.ErrorNorms;
import org.vmse.kernel.analysis.Extrema;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.GridPotential;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.vmse.CrankNicolsonStepper;
import org.vmse.kernel.vmse.InteractionPictureRk4Stepper;
import org.vmse.kernel.vmse.TimeStepper;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.StepListener;
import org.vmse.kernel.vmse.VmseSolution;
import org.vmse.kernel.vmse.VmseSolver;

/**
 * One deterministic experiment (Section 4.1): the VMSE by Crank-Nicolson, its Liouville limit, and
 * {@code Err = ∫ |rho_eps - rho0| dx} (4.11) at every output time.
 *
 * @param config        the experiment
 * @param discretization the VMSE mesh
 * @param vmse          the VMSE solution
 * @param limit         the Liouville limit
 * @param errL1         {@code Err} (4.11) per output time
 * @param vmseSeconds   wall time of the VMSE solve
 * @param limitSeconds  wall time of the Liouville solve
 */
public record DeterministicRun(ExperimentConfig config, Discretization discretization, VmseSolution vmse,
                               LiouvilleLimit limit, double[] errL1, double vmseSeconds, double limitSeconds) {

    /** Checks the input, then solves; {@code listener} hears every VMSE step. */
    public static DeterministicRun execute(ExperimentConfig cfg, StepListener listener) {
        MassField mass = new FormulaMassField(cfg.mass());
        Discretization disc = Discretization.of(cfg, mass);
        PeriodicGrid grid = disc.grid();
        double[] potential = potentialOnGrid(cfg, grid);

        TimeStepper stepper = "rk4ip".equals(cfg.scheme())
                ? rk4ip(cfg, disc, mass, potential)
                : new CrankNicolsonStepper(grid, cfg.eps(), GridMass.of(mass, grid), potential,
                        cfg.fft().create(grid.M()), cfg.krylov());
        VmseSolver solver = new VmseSolver(grid, stepper, cfg.fft().create(grid.M()));
        long t0 = System.nanoTime(); // after the FFT plans: FFTW's MEASURE planning is setup, not solving
        VmseSolution solution = solver.solve(VmseSolver.initialWave(grid, cfg.initial(), cfg.eps()), disc.plan(),
                listener);
        long t1 = System.nanoTime();
        LiouvilleLimit limit = LiouvilleLimit.solve(cfg, mass, grid);
        long t2 = System.nanoTime();

        double[] err = new double[disc.plan().outputCount()];
        for (int k = 0; k < err.length; k++) {
            err[k] = ErrorNorms.l1Distance(solution.density(k), limit.rho0(k), grid.dx());
        }
        return new DeterministicRun(cfg, disc, solution, limit, err, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    }

    private static TimeStepper rk4ip(ExperimentConfig cfg, Discretization disc, MassField mass, double[] potential) {
        PeriodicGrid grid = disc.grid();
        double mbar = 0.5 * (disc.massMin() + disc.massMax());
        double spread = Math.max(disc.massMax() - mbar, mbar - disc.massMin());
        double vSpread = 0;
        if (potential != null) {
            double[] v = new double[2];
            Extrema.of(potential, v);
            vSpread = 0.5 * (v[1] - v[0]);
        }
        double limit = InteractionPictureRk4Stepper.STABILITY_LIMIT;
        double number = InteractionPictureRk4Stepper.stabilityNumber(disc.dt(), cfg.eps(), spread, vSpread,
                grid.nyquist());
        if (number > limit && !cfg.mesh().allowUnresolved()) {
            double dtMax = limit * disc.dt() / number;
            throw new ConfigurationException(String.format("scheme = rk4ip is explicit in m - mbar: mesh.dt = %.4g"
                    + " gives dt ((eps/2) max|m - mbar| (pi/dx)^2 + max|V - Vbar|/eps) = %.2f, above the stability"
                    + " limit %.1f. Use mesh.dt <= %.4g, or scheme = cn", disc.dt(), number, limit, dtMax));
        }
        return new InteractionPictureRk4Stepper(grid, cfg.eps(), GridMass.of(mass, grid), potential,
                cfg.fft().create(grid.M()));
    }

    /** {@code Err} (4.11) at the final time. */
    public double finalErrL1() {
        return errL1[errL1.length - 1];
    }

    /** {@code V} on the grid, or {@code null} for none. */
    private static double[] potentialOnGrid(ExperimentConfig cfg, PeriodicGrid grid) {
        if (!cfg.hasPotential()) {
            return null;
        }
        try {
            return GridPotential.of(cfg.potential(), grid);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
