package org.vmse.job.experiment;

import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.kernel.analysis.ErrorNorms;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.GridPotential;
import org.vmse.kernel.problem.MassField;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.StepListener;
import org.vmse.kernel.vmse.TimeStepper;
import org.vmse.kernel.vmse.UnstableStepException;
import org.vmse.kernel.vmse.VmseSolution;
import org.vmse.kernel.vmse.VmseSolver;

/**
 * One deterministic experiment (Section 4.1): the VMSE by the configured scheme, its Liouville limit, and
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

        // mesh.allowUnresolved runs a step beyond RK4IP's stability bound anyway, in stable substeps
        StabilityPolicy policy = cfg.mesh().allowUnresolved() ? StabilityPolicy.SUBSTEP : StabilityPolicy.REFUSE;
        TimeStepper stepper = cfg.scheme().stepper(grid, cfg.eps(), GridMass.of(mass, grid), potential, cfg.fft(),
                cfg.krylov(), policy);
        VmseSolver solver = new VmseSolver(grid, stepper, cfg.fft().create(grid.M()));
        long t0 = System.nanoTime(); // after the FFT plans: planning is setup, not solving
        VmseSolution solution;
        try {
            solution = solver.solve(VmseSolver.initialWave(grid, cfg.initial(), cfg.eps()), disc.plan(), listener);
        } catch (UnstableStepException e) {
            throw unstable(cfg, disc, e);
        }
        long t1 = System.nanoTime();
        LiouvilleLimit limit = LiouvilleLimit.solve(cfg, mass, grid);
        long t2 = System.nanoTime();

        double[] err = new double[disc.plan().outputCount()];
        for (int k = 0; k < err.length; k++) {
            err[k] = ErrorNorms.l1Distance(solution.density(k), limit.rho0(k), grid.dx());
        }
        return new DeterministicRun(cfg, disc, solution, limit, err, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    }

    /**
     * The refusal of a step beyond the explicit scheme's bound, in terms of the configuration: the stability number
     * is proportional to the step, so it is scaled from the refused step to {@code mesh.dt}.
     */
    private static ConfigurationException unstable(ExperimentConfig cfg, Discretization disc, UnstableStepException e) {
        double number = e.number() * disc.dt() / e.dt();
        return new ConfigurationException(String.format("scheme = %s is explicit in m - mbar: mesh.dt = %.4g gives"
                + " dt ((eps/2) max|m - mbar| (pi/dx)^2 + max|V - Vbar|/eps) = %.2f, above the stability limit %.1f."
                + " Use mesh.dt <= %.4g, or scheme = cn", cfg.scheme().key(), disc.dt(), number, e.limit(),
                e.passingDt()), e);
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
