package org.vmse.kernel.vmse;

import org.vmse.kernel.analysis.Extrema;
import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.grid.PeriodicGrid;
import org.vmse.kernel.krylov.ComplexOperator;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.krylov.RestartedGmres;

/**
 * The paper's Crank-Nicolson Fourier-spectral scheme (4.5)-(4.7) for {@code i eps u_t + (eps^2/2)(m u_x)_x - V u = 0}
 * (2.1), with the mass at the half step {@code t^{n+1/2}}:
 * <pre>
 *   (I - dt/2 L) U^{n+1} = (I + dt/2 L) U^n,   L = (i eps / 2) D m^{n+1/2} D - (i / eps) V,
 * </pre>
 * {@code D} the spectral derivative (4.6). Second order in {@code dt}, spectral in {@code dx}, unitary.
 *
 * <p>In Fourier space {@code A = I - dt/2 L} reads {@code A U^ = U^ + i c mu F[m F^-1[mu U^]] + i d F[V F^-1[U^]]}
 * with {@code c = eps dt / 4}, {@code d = dt / (2 eps)}: one application costs two FFTs (four with a potential).
 * The step solves for the increment, {@code A (U^{n+1} - U^n) = 2 (U^n - A U^n)}, by GMRES right-preconditioned with
 * the constant-coefficient operator {@code P = 1 + i c mbar mu^2 + i d Vbar}, diagonal in Fourier space. The
 * initial guess is the previous step, {@code U^{n+1} = U^n}: as a zero increment it costs no operator application,
 * so a step costs {@code 2 (iterations + 1)} FFTs. Extrapolating from the two previous steps was measured and did
 * not lower the iteration count (docs/performance.md), while costing one more application. The tolerance is
 * relative to {@code ||(I + dt/2 L) U^n||}, the right-hand side of the system for {@code U^{n+1}}.
 *
 * <p>All work arrays and the FFT plan are made in the constructor; a step allocates nothing. Not thread-safe.
 */
public final class CrankNicolsonStepper implements TimeStepper {

    private final int size;
    private final double eps;
    private final GridMass mass;
    private final double[] potential;
    private final double potentialMean;
    private final ComplexFft fft;
    private final KrylovSettings settings;
    private final RestartedGmres gmres;
    private final double[] mu;
    private final double[] m;
    private final double[] physical;
    private final double[] physicalV;
    private final double[] rhs;
    private final double[] increment;
    private final double[] precQ;
    private final double[] precInv;
    private final double[] massBounds;
    private final ComplexOperator operator = this::applyA;
    private final ComplexOperator preconditioner = this::applyPinv;

    private boolean massReady;
    private double massMean;
    private double c;
    private double d;

    private long steps;
    private long iterations;
    private int maxIterations;
    private long ffts;

    /**
     * @param grid      the periodic grid
     * @param eps       semiclassical parameter, positive
     * @param mass      the mass on the grid
     * @param potential {@code V(x_j)}, or {@code null} for none (copied)
     * @param fft       a transform of length {@code grid.M()}, owned by this stepper from now on
     * @param settings  Krylov tolerance and limits
     */
    public CrankNicolsonStepper(PeriodicGrid grid, double eps, GridMass mass, double[] potential, ComplexFft fft,
                                KrylovSettings settings) {
        StepperInputs.check(grid, eps, potential, fft);
        this.size = grid.M();
        this.eps = eps;
        this.mass = mass;
        this.potential = potential == null ? null : potential.clone();
        this.potentialMean = potential == null ? 0 : StepperInputs.midRange(potential);
        this.fft = fft;
        this.settings = settings;
        this.gmres = new RestartedGmres(size, settings.restart());
        this.mu = grid.derivativeSymbol();
        this.m = new double[size];
        this.physical = new double[2 * size];
        this.physicalV = potential == null ? null : new double[2 * size];
        this.rhs = new double[2 * size];
        this.increment = new double[2 * size];
        this.precQ = new double[size];
        this.precInv = new double[size];
        this.massBounds = new double[2];
    }

    @Override
    public void step(double t, double dt, double[] uHat) {
        if (!massReady || mass.isTimeDependent()) {
            mass.fill(t + 0.5 * dt, m); // (4.5): m at t^{n+1/2}
            Extrema.of(m, massBounds);
            massMean = 0.5 * (massBounds[0] + massBounds[1]);
            massReady = true;
        }
        double newC = eps * dt / 4;
        double newD = dt / (2 * eps);
        if (newC != c || newD != d || mass.isTimeDependent() || steps == 0) {
            c = newC;
            d = newD;
            for (int s = 0; s < size; s++) {
                double q = c * massMean * mu[s] * mu[s] + d * potentialMean;
                precQ[s] = q;
                precInv[s] = 1 / (1 + q * q);
            }
        }
        applyA(uHat, rhs);
        double fullRhsNorm = 0;
        for (int p = 0; p < 2 * size; p++) {
            double full = 2 * uHat[p] - rhs[p]; // (I + dt/2 L) U^n
            fullRhsNorm += full * full;
            rhs[p] = 2 * (uHat[p] - rhs[p]);
        }
        java.util.Arrays.fill(increment, 0.0);
        // the tolerance is relative to the right-hand side of the CN system for U^{n+1}, as if solved for directly
        boolean converged = gmres.solve(operator, preconditioner, rhs, increment, settings.tolerance(),
                Math.sqrt(fullRhsNorm), settings.maxIterations());
        int its = gmres.lastIterations();
        steps++;
        iterations += its;
        maxIterations = Math.max(maxIterations, its);
        if (!converged) {
            throw new SolverBreakdownException(t, String.format(
                    "Crank-Nicolson solve at t = %.6g did not converge: %d GMRES iterations, relative residual "
                            + "%.3g > krylov.tolerance %.3g; raise krylov.maxIterations or refine mesh.dt",
                    t, its, gmres.lastRelativeResidual(), settings.tolerance()));
        }
        for (int p = 0; p < 2 * size; p++) {
            uHat[p] += increment[p];
        }
    }

    @Override
    public StepperStatistics statistics() {
        return new StepperStatistics(steps, iterations, maxIterations, ffts, 0);
    }

    @Override
    public String name() {
        return "crank-nicolson";
    }

    /** {@code y = A x}, see the class comment. */
    private void applyA(double[] x, double[] y) {
        for (int s = 0; s < size; s++) {
            physical[2 * s] = mu[s] * x[2 * s];
            physical[2 * s + 1] = mu[s] * x[2 * s + 1];
        }
        fft.inverse(physical);
        for (int j = 0; j < size; j++) {
            physical[2 * j] *= m[j];
            physical[2 * j + 1] *= m[j];
        }
        fft.forward(physical);
        ffts += 2;
        for (int s = 0; s < size; s++) {
            double f = c * mu[s];
            // y = x + i f w
            y[2 * s] = x[2 * s] - f * physical[2 * s + 1];
            y[2 * s + 1] = x[2 * s + 1] + f * physical[2 * s];
        }
        if (potential != null) {
            System.arraycopy(x, 0, physicalV, 0, 2 * size);
            fft.inverse(physicalV);
            for (int j = 0; j < size; j++) {
                physicalV[2 * j] *= potential[j];
                physicalV[2 * j + 1] *= potential[j];
            }
            fft.forward(physicalV);
            ffts += 2;
            for (int s = 0; s < size; s++) {
                y[2 * s] -= d * physicalV[2 * s + 1];
                y[2 * s + 1] += d * physicalV[2 * s];
            }
        }
    }

    /** {@code y = P^-1 x} with {@code P = 1 + i q}, {@code q = c mbar mu^2 + d Vbar} (tabulated per step). */
    private void applyPinv(double[] x, double[] y) {
        for (int s = 0; s < size; s++) {
            double q = precQ[s];
            double inv = precInv[s];
            double re = x[2 * s];
            double im = x[2 * s + 1];
            // (re + i im)(1 - i q) / (1 + q^2)
            y[2 * s] = (re + q * im) * inv;
            y[2 * s + 1] = (im - q * re) * inv;
        }
    }
}
