package org.vmse.kernel.random;

import java.io.Serializable;
import java.util.Objects;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftFactory;
import org.vmse.kernel.fft.FftwWisdom;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.GridPotential;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.RealizationStream.XiDistribution;
import org.vmse.kernel.vmse.Scheme;
import org.vmse.kernel.vmse.TimePlan;

/**
 * Everything a task needs to solve realizations of the VMSE with random mass
 * {@code m = m0(t,x) + sign * eps^gamma m1(t/eps, x/eps)} (3.2), (4.28), (4.29): plain values and formula texts, so
 * it travels to executors as it is and is rebuilt there. The KL basis, which is large, travels separately.
 *
 * @param eps             semiclassical parameter
 * @param L               box length
 * @param M               grid points
 * @param outputTimes     increasing, the last is {@code T}
 * @param dt              largest time step
 * @param packet          initial WKB packet (4.15)
 * @param massFormula     {@code m0(t, x)}
 * @param potentialFormula {@code V(x)}, or {@code null} for none
 * @param gamma           scaling exponent of the fluctuation
 * @param xi              distribution of the KL coefficients
 * @param sampler         how {@code m1} is sampled
 * @param covariance      {@code D, a, b} of {@code m1}'s covariance (4.14)
 * @param krylov          implicit-solve settings
 * @param antithetic      realization {@code 2k+1} uses the negated field of realization {@code 2k}
 * @param fft             the FFT backend of the solver workspaces
 * @param scheme          the time scheme; RK4IP takes a step whose fluctuation breaks its stability bound in
 *                        substeps
 * @param wisdom          FFTW's measured plans for every transform the solvers of this problem make, or {@code null}
 *                        for the backend's default plans (FFTW only)
 */
public record RandomMassProblem(double eps, double L, int M, double[] outputTimes, double dt, WavePacket packet,
                                String massFormula, String potentialFormula, double gamma, XiDistribution xi,
                                Sampler sampler, MassCovariance covariance, KrylovSettings krylov,
                                boolean antithetic, FftBackend fft, Scheme scheme, FftwWisdom wisdom)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public RandomMassProblem {
        outputTimes = outputTimes.clone();
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
        }
        if (!(gamma >= 0 && gamma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random.gamma must be >= 0 and finite, got " + gamma);
        }
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(scheme, "scheme");
        if (wisdom != null && fft != FftBackend.FFTW) {
            throw new IllegalArgumentException("FFTW wisdom plans FFTW's transforms; fft = " + fft.key()
                    + " has none (use fft = fftw, or fftw.planner = estimate)");
        }
        if (sampler == Sampler.ORNSTEIN_UHLENBECK && xi != XiDistribution.GAUSSIAN) {
            throw new IllegalArgumentException("random.sampler = ou samples a Gaussian field exactly; it has no"
                    + " xi coefficients, so random.xi must be gaussian (got " + xi + ")");
        }
        // the mesh as a solver builds it: checks L, M, the output times, dt, and that V is finite on the grid
        PeriodicGrid grid = new PeriodicGrid(L, M);
        new TimePlan(outputTimes, dt);
        potentialOnGrid(potentialFormula, grid);
    }

    /** A problem with the backend's default plans. */
    public RandomMassProblem(double eps, double L, int M, double[] outputTimes, double dt, WavePacket packet,
                             String massFormula, String potentialFormula, double gamma, XiDistribution xi,
                             Sampler sampler, MassCovariance covariance, KrylovSettings krylov, boolean antithetic,
                             FftBackend fft, Scheme scheme) {
        this(eps, L, M, outputTimes, dt, packet, massFormula, potentialFormula, gamma, xi, sampler, covariance, krylov,
                antithetic, fft, scheme, null);
    }

    /**
     * The same problem on another mesh, {@code M} grid points and steps of at most {@code dt}, checked as any
     * problem is: e.g. {@code withMesh(2 * M(), dt() / 2)}, the mesh of the discretization estimate.
     */
    public RandomMassProblem withMesh(int M, double dt) {
        return new RandomMassProblem(eps, L, M, outputTimes, dt, packet, massFormula, potentialFormula, gamma, xi,
                sampler, covariance, krylov, antithetic, fft, scheme, wisdom);
    }

    /** The same problem with its transforms planned from {@code wisdom} ({@code null}: the backend's default plans). */
    public RandomMassProblem withWisdom(FftwWisdom wisdom) {
        return new RandomMassProblem(eps, L, M, outputTimes, dt, packet, massFormula, potentialFormula, gamma, xi,
                sampler, covariance, krylov, antithetic, fft, scheme, wisdom);
    }

    /** What makes the solvers' transforms: the wisdom's plans where there is wisdom, else the backend's. */
    public FftFactory transforms() {
        return wisdom != null ? wisdom : fft;
    }

    /** The grid {@code x_j = j L / M}. */
    public PeriodicGrid grid() {
        return new PeriodicGrid(L, M);
    }

    /** The time steps: every output time hit, no step longer than {@code dt}. */
    public TimePlan timePlan() {
        return new TimePlan(outputTimes, dt);
    }

    /** {@code V(x_j)} on {@link #grid()}, or {@code null} without a potential. */
    public double[] potentialOnGrid() {
        return potentialOnGrid(potentialFormula, grid());
    }

    private static double[] potentialOnGrid(String formula, PeriodicGrid grid) {
        return formula == null ? null : GridPotential.of(Formula.parse("potential.V", formula, "x"), grid);
    }

    @Override
    public double[] outputTimes() {
        return outputTimes.clone();
    }

    /** {@code eps^gamma}, the amplitude of the fluctuation. */
    public double amplitude() {
        return Math.pow(eps, gamma);
    }
}
