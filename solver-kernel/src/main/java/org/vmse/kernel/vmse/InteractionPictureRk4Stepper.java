package org.vmse.kernel.vmse;

import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.grid.PeriodicGrid;

/**
 * The fourth-order Runge-Kutta interaction-picture method (RK4IP) for the VMSE (2.1) in the form used by
 * {@link CrankNicolsonStepper}, {@code u_t = L u} with {@code L = (i eps / 2) D m D - (i / eps) V}, acting on the
 * Fourier coefficients {@code U^} (interleaved complex, FFT order, {@code D} the spectral derivative of symbol
 * {@code i mu} with the Nyquist mode zeroed, {@link PeriodicGrid#derivativeSymbol()}).
 *
 * <p>Splitting. {@code L = L0 + N}, with {@code L0} the constant-coefficient part, diagonal in Fourier space,
 * <pre>
 *   L0 U^ = -(i eps / 2) mbar mu^2 U^ - (i / eps) Vbar U^,
 *   N(t, U^) = -(i eps / 2) mu F[(m(t) - mbar) F^-1[mu U^]] - (i / eps) F[(V - Vbar) F^-1[U^]],
 * </pre>
 * {@code mbar} the mid-range of {@code m} at the step's half time {@code t + dt/2} (as Crank-Nicolson's
 * preconditioner), fixed for the whole step, and {@code Vbar} the mid-range of {@code V}. With
 * {@code E = exp(L0 dt / 2)} (a pure phase per mode), a step is the standard RK4IP (Balac et al., XMDS2):
 * <pre>
 *   a  = E U;             k1 = E N(t, U);
 *   k2 = N(t + dt/2, a + dt/2 k1);   k3 = N(t + dt/2, a + dt/2 k2);
 *   k4 = N(t + dt, E (a + dt k3));
 *   U_new = E (a + dt/6 (k1 + 2 k2 + 2 k3)) + dt/6 k4.
 * </pre>
 * The mass is sampled at {@code t}, {@code t + dt/2} and {@code t + dt}; a time-independent {@link GridMass} is
 * filled once, and for a time-dependent one the end-of-step sample is reused as the next step's start sample when
 * the next step starts exactly there.
 *
 * <p>Order and cost. Fourth order in {@code dt}, spectral in {@code dx}. Explicit: no linear solve. One evaluation
 * of {@code N} costs two FFTs (four with a potential), so a step costs 8 FFTs (16 with a potential). With constant
 * mass and potential, {@code N = 0} and the step is the exact propagator {@code exp(L dt)}.
 *
 * <p>Not unitary. Unlike Crank-Nicolson, RK4IP does not conserve {@code ||u||} exactly: the drift is of the size of
 * the local truncation error, small on a resolved mesh but not zero. The solver reports it.
 *
 * <p>Stability. {@code N} is treated explicitly, so the step is stable only while the largest eigenvalue of
 * {@code dt N} stays inside RK4's stability region on the imaginary axis ({@code |z| < 2 sqrt 2}):
 * <pre>
 *   dt (eps / 2) max_x |m - mbar| (pi / dx)^2  &lt;  about 2.8.
 * </pre>
 * Choosing {@code mbar} as the mid-range minimizes {@code max |m - mbar|}. For the example-1 mass {@code 1 + x^2}
 * on {@code [0, 1.25)} the paper's mesh ({@code dx = eps / 4}, {@code dt = eps^1.2 / 8}) gives about 3.4 at
 * {@code eps = 2^-6}: there it needs a smaller {@code dt}.
 *
 * <p>Source: S. Balac, P. Cornilleau, M. Quiroga (2013), on the interaction-picture RK4 method introduced by
 * J. Hult, J. Lightwave Technol. 25 (2007); the same scheme as XMDS2's interaction-picture RK4 integrator.
 *
 * <p>All work arrays and the FFT plan are made in the constructor; a step allocates nothing. The phases
 * {@code exp(L0 dt / 2)} are tabulated per {@code (dt, mbar)} and recomputed only when either changes. Not
 * thread-safe.
 */
public final class InteractionPictureRk4Stepper implements TimeStepper {

    private final int size;
    private final double eps;
    private final GridMass mass;
    private final double[] potentialDeviation;
    private final double potentialMean;
    private final ComplexFft fft;
    private final double[] mu;

    private double[] mStart;
    private final double[] mHalf;
    private double[] mEnd;

    private final double[] expRe;
    private final double[] expIm;
    private final double[] a;
    private final double[] acc;
    private final double[] stage;
    private final double[] k;
    private final double[] physical;
    private final double[] physicalV;

    private boolean constantMassReady;
    private double lastEndTime = Double.NaN;
    private double massMean;

    private boolean expReady;
    private double expDt;
    private double expMassMean;

    private long steps;
    private long ffts;

    /**
     * @param grid      the periodic grid
     * @param eps       semiclassical parameter, positive
     * @param mass      the mass on the grid
     * @param potential {@code V(x_j)}, or {@code null} for none (copied)
     * @param fft       a transform of length {@code grid.M()}, owned by this stepper from now on
     */
    public InteractionPictureRk4Stepper(PeriodicGrid grid, double eps, GridMass mass, double[] potential,
                                        ComplexFft fft) {
        StepperInputs.check(grid, eps, potential, fft);
        this.size = grid.M();
        this.eps = eps;
        this.mass = mass;
        this.fft = fft;
        this.mu = grid.derivativeSymbol();
        if (potential == null) {
            this.potentialDeviation = null;
            this.potentialMean = 0;
        } else {
            this.potentialMean = StepperInputs.midRange(potential);
            this.potentialDeviation = new double[size];
            for (int j = 0; j < size; j++) {
                potentialDeviation[j] = potential[j] - potentialMean;
            }
        }
        this.mStart = new double[size];
        this.mHalf = new double[size];
        this.mEnd = new double[size];
        this.expRe = new double[size];
        this.expIm = new double[size];
        this.a = new double[2 * size];
        this.acc = new double[2 * size];
        this.stage = new double[2 * size];
        this.k = new double[2 * size];
        this.physical = new double[2 * size];
        this.physicalV = potential == null ? null : new double[2 * size];
    }

    @Override
    public void step(double t, double dt, double[] uHat) {
        double[] m0;
        double[] mh;
        double[] m1;
        if (mass.isTimeDependent()) {
            if (t == lastEndTime) {
                double[] swap = mStart;
                mStart = mEnd;
                mEnd = swap;
            } else {
                mass.fill(t, mStart);
            }
            mass.fill(t + 0.5 * dt, mHalf);
            mass.fill(t + dt, mEnd);
            lastEndTime = t + dt;
            massMean = StepperInputs.midRange(mHalf);
            m0 = mStart;
            mh = mHalf;
            m1 = mEnd;
        } else {
            if (!constantMassReady) {
                mass.fill(t, mStart);
                massMean = StepperInputs.midRange(mStart);
                constantMassReady = true;
            }
            m0 = mStart;
            mh = mStart;
            m1 = mStart;
        }
        if (!expReady || dt != expDt || massMean != expMassMean) {
            tabulateExponential(dt);
        }
        double th = t + 0.5 * dt;
        int n2 = 2 * size;

        // k1 = E N(t, U); a = E U; acc = a + dt/6 k1; stage = a + dt/2 k1
        applyN(uHat, m0, k);
        applyE(k);
        System.arraycopy(uHat, 0, a, 0, n2);
        applyE(a);
        double h6 = dt / 6;
        double h3 = dt / 3;
        double h2 = dt / 2;
        for (int p = 0; p < n2; p++) {
            acc[p] = a[p] + h6 * k[p];
            stage[p] = a[p] + h2 * k[p];
        }
        // k2 = N(t + dt/2, a + dt/2 k1)
        applyN(stage, mh, k);
        for (int p = 0; p < n2; p++) {
            acc[p] += h3 * k[p];
            stage[p] = a[p] + h2 * k[p];
        }
        // k3 = N(t + dt/2, a + dt/2 k2)
        applyN(stage, mh, k);
        for (int p = 0; p < n2; p++) {
            acc[p] += h3 * k[p];
            stage[p] = a[p] + dt * k[p];
        }
        // k4 = N(t + dt, E (a + dt k3))
        applyE(stage);
        applyN(stage, m1, k);
        // U_new = E acc + dt/6 k4
        applyE(acc);
        for (int p = 0; p < n2; p++) {
            uHat[p] = acc[p] + h6 * k[p];
        }
        steps++;
    }

    @Override
    public StepperStatistics statistics() {
        return new StepperStatistics(steps, 0, 0, ffts);
    }

    @Override
    public String name() {
        return "rk4ip";
    }

    /** {@code E = exp(L0 dt / 2) = exp(-i theta)}, {@code theta = dt/2 ((eps/2) mbar mu^2 + Vbar / eps)}. */
    private void tabulateExponential(double dt) {
        for (int s = 0; s < size; s++) {
            double theta = 0.5 * dt * (0.5 * eps * massMean * mu[s] * mu[s] + potentialMean / eps);
            expRe[s] = Math.cos(theta);
            expIm[s] = -Math.sin(theta);
        }
        expDt = dt;
        expMassMean = massMean;
        expReady = true;
    }

    /** {@code x <- E x}, in place. */
    private void applyE(double[] x) {
        for (int s = 0; s < size; s++) {
            double er = expRe[s];
            double ei = expIm[s];
            double re = x[2 * s];
            double im = x[2 * s + 1];
            x[2 * s] = er * re - ei * im;
            x[2 * s + 1] = er * im + ei * re;
        }
    }

    /** {@code y = N(x)} with the mass samples {@code m}, see the class comment; {@code y} must not be {@code x}. */
    private void applyN(double[] x, double[] m, double[] y) {
        for (int s = 0; s < size; s++) {
            physical[2 * s] = mu[s] * x[2 * s];
            physical[2 * s + 1] = mu[s] * x[2 * s + 1];
        }
        fft.inverse(physical);
        double mbar = massMean;
        for (int j = 0; j < size; j++) {
            double dm = m[j] - mbar;
            physical[2 * j] *= dm;
            physical[2 * j + 1] *= dm;
        }
        fft.forward(physical);
        ffts += 2;
        double half = 0.5 * eps;
        for (int s = 0; s < size; s++) {
            double f = half * mu[s];
            // y = -i f w
            y[2 * s] = f * physical[2 * s + 1];
            y[2 * s + 1] = -f * physical[2 * s];
        }
        if (potentialDeviation != null) {
            System.arraycopy(x, 0, physicalV, 0, 2 * size);
            fft.inverse(physicalV);
            for (int j = 0; j < size; j++) {
                physicalV[2 * j] *= potentialDeviation[j];
                physicalV[2 * j + 1] *= potentialDeviation[j];
            }
            fft.forward(physicalV);
            ffts += 2;
            double g = 1 / eps;
            for (int s = 0; s < size; s++) {
                // y += -i g w
                y[2 * s] += g * physicalV[2 * s + 1];
                y[2 * s + 1] -= g * physicalV[2 * s];
            }
        }
    }
}
