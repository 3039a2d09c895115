package org.vmse.kernel.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.vmse.kernel.analysis.Extrema;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.MassSamples;
import org.vmse.kernel.vmse.GridMass;
import org.vmse.kernel.vmse.StabilityPolicy;
import org.vmse.kernel.vmse.StepListener;
import org.vmse.kernel.vmse.StepperStatistics;
import org.vmse.kernel.vmse.TimeStepper;
import org.vmse.kernel.vmse.TimePlan;
import org.vmse.kernel.vmse.VmseSolution;
import org.vmse.kernel.vmse.VmseSolver;

/**
 * The per-task workspace of a Monte Carlo ensemble: builds the grid, the scheme's stepper, the FFT plans and
 * the field sampler once, then solves realization after realization. Realization {@code i} draws its randomness
 * from {@code (seed, i)} alone ({@link RealizationStream}); with antithetic pairs, realization {@code 2k+1} is
 * realization {@code 2k} with {@code m1} negated. Not thread-safe: one instance per task.
 */
public final class RandomMassSolver {

    private final RandomMassProblem problem;
    private final RandomMassField field;
    private final PeriodicGrid grid;
    private final TimePlan plan;
    private final TimeStepper stepper;
    private final VmseSolver solver;
    private final double[] initialWave;
    private final RealizationMass mass;

    public RandomMassSolver(RandomMassProblem problem, RandomMassField field) {
        this.problem = problem;
        this.field = field;
        this.grid = problem.grid();
        this.plan = problem.timePlan();
        FormulaMassField m0 = new FormulaMassField(Formula.parse("mass.m0", problem.massFormula(), "t", "x"));
        this.mass = new RealizationMass(m0, grid, field, problem.amplitude());
        double[] potential = problem.potentialOnGrid();
        // a realization whose fluctuation breaks RK4IP's bound is taken in substeps, not refused
        this.stepper = problem.scheme().stepper(grid, problem.eps(), mass, potential, problem.transforms(), problem.krylov(),
                StabilityPolicy.SUBSTEP);
        this.solver = new VmseSolver(grid, stepper, problem.transforms().create(grid.M()));
        this.initialWave = VmseSolver.initialWave(grid, problem.packet(), problem.eps());
    }

    /**
     * The solver a task makes: a workspace for {@code problem} with a field of its sampler.
     *
     * @param basis the Karhunen-Loeve basis, or {@code null} for a sampler that needs none
     */
    public static RandomMassSolver of(RandomMassProblem problem, KarhunenLoeveBasis basis) {
        return new RandomMassSolver(problem, problem.sampler().field(problem, basis));
    }

    /**
     * Solves realization {@code index}.
     *
     * @throws org.vmse.kernel.vmse.SolverBreakdownException if its solve fails or turns non-finite
     */
    public RealizationResult solve(long seed, long index) {
        long stream = problem.antithetic() ? index / 2 : index;
        UniformRandomProvider rng = RealizationStream.of(seed, stream);
        field.reset(rng);
        mass.start(problem.antithetic() && index % 2 == 1 ? -1 : 1);
        StepperStatistics before = stepper.statistics();
        VmseSolution s = solver.solve(initialWave, plan, StepListener.NONE);
        StepperStatistics after = s.statistics();
        return new RealizationResult(index, s.densities(), mass.nonPositivePoints, mass.minimum,
                after.steps() - before.steps(), after.krylovIterations() - before.krylovIterations(),
                after.substeps() - before.substeps());
    }

    /** The grid. */
    public PeriodicGrid grid() {
        return grid;
    }

    /** The time steps. */
    public TimePlan plan() {
        return plan;
    }

    /** {@code m0 + sign eps^gamma m1} on the grid, counting the points where it is not positive. */
    private static final class RealizationMass implements GridMass {

        /** {@code m0} on the grid: filled once if it is time-independent, else at every call. */
        private final double[] m0Now;
        private final MassSamples m0;
        private final boolean m0Varies;
        private final double[] m1;
        private final RandomMassField field;
        private final double amplitude;
        private final double[] bounds = new double[2];
        private double sign = 1;
        private long nonPositivePoints;
        private double minimum = Double.POSITIVE_INFINITY;

        RealizationMass(FormulaMassField m0, PeriodicGrid grid, RandomMassField field, double amplitude) {
            this.field = field;
            this.amplitude = amplitude;
            this.m1 = new double[grid.M()];
            this.m0 = m0.at(grid.points());
            this.m0Varies = m0.isTimeDependent();
            this.m0Now = new double[grid.M()];
            if (!m0Varies) {
                this.m0.fill(0, m0Now);
            }
        }

        void start(double newSign) {
            sign = newSign;
            nonPositivePoints = 0;
            minimum = Double.POSITIVE_INFINITY;
        }

        @Override
        public void fill(double t, double[] out) {
            fill(t, out, bounds);
        }

        @Override
        public void fill(double t, double[] out, double[] extrema) {
            field.fill(t, m1);
            double f = sign * amplitude;
            if (m0Varies) {
                m0.fill(t, m0Now);
            }
            for (int j = 0; j < out.length; j++) {
                out[j] = m0Now[j] + f * m1[j];
            }
            // the count needs a second pass only when the minimum says there is something to count
            Extrema.of(out, extrema);
            minimum = Math.min(minimum, extrema[0]);
            if (!(extrema[0] > 0)) {
                for (double m : out) {
                    if (!(m > 0)) {
                        nonPositivePoints++;
                    }
                }
            }
        }

        @Override
        public boolean isTimeDependent() {
            return true;
        }
    }
}
