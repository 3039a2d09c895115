package org.vmse.kernel.random;

import java.io.Serializable;
import java.util.Objects;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.GridPotential;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.RealizationStream.XiDistribution;
import org.vmse.kernel.vmse.Scheme;

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
 * @param sampler         {@code "kl"} or {@code "ou"}
 * @param covariance      {@code D, a, b} of {@code m1}'s covariance (4.14)
 * @param krylov          implicit-solve settings
 * @param antithetic      realization {@code 2k+1} uses the negated field of realization {@code 2k}
 * @param fft             the FFT backend of the solver workspaces
 * @param scheme          the time scheme; RK4IP takes a step whose fluctuation breaks its stability bound in
 *                        substeps
 */
public record RandomMassProblem(double eps, double L, int M, double[] outputTimes, double dt, WavePacket packet,
                                String massFormula, String potentialFormula, double gamma, XiDistribution xi,
                                String sampler, MassCovariance covariance, KrylovSettings krylov,
                                boolean antithetic, FftBackend fft, Scheme scheme) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RandomMassProblem {
        outputTimes = outputTimes.clone();
        if (!(gamma >= 0 && gamma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random.gamma must be >= 0 and finite, got " + gamma);
        }
        Objects.requireNonNull(covariance, "covariance");
        if (!"kl".equals(sampler) && !"ou".equals(sampler)) {
            throw new IllegalArgumentException("random.sampler must be kl or ou, got " + sampler);
        }
        Objects.requireNonNull(scheme, "scheme");
        if ("ou".equals(sampler) && xi != XiDistribution.GAUSSIAN) {
            throw new IllegalArgumentException("random.sampler = ou samples a Gaussian field exactly; it has no"
                    + " xi coefficients, so random.xi must be gaussian (got " + xi + ")");
        }
        potentialOnGrid(potentialFormula, new PeriodicGrid(L, M)); // V must be finite on the grid
    }

    /** The grid {@code x_j = j L / M}. */
    public PeriodicGrid grid() {
        return new PeriodicGrid(L, M);
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
