package org.vmse.kernel.vmse;

import java.util.Objects;
import org.vmse.kernel.analysis.Extrema;
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
 * preconditioner; for a time-dependent mass kept from step to step while within 1/16 of the half-range of it),
 * fixed for the whole step, and {@code Vbar} the mid-range of {@code V}. With
 * {@code E = exp(L0 dt / 2)} (a pure phase per mode), a step is the standard RK4IP (Balac et al., XMDS2):
 * <pre>
 *   a  = E U;             k1 = E N(t, U);
 *   k2 = N(t + dt/2, a + dt/2 k1);   k3 = N(t + dt/2, a + dt/2 k2);
 *   k4 = N(t + dt, E (a + dt k3));
 *   U_new = E (a + dt/6 (k1 + 2 k2 + 2 k3)) + dt/6 k4.
 * </pre>
 * The mass is sampled at {@code t}, {@code t + dt/2} and {@code t + dt}; a time-independent {@link GridMass} is
 * filled once, and for a time-dependent one the end-of-step sample is reused as the next step's start sample when
 * the next step starts there, up to the rounding of the step times. A step of length {@code dt} in {@code p}
 * substeps advances by {@code dt / p} each (the phases {@code E} are tabulated once for it), while the mass is sampled
 * at the substeps' own times, the last ending at {@code t + dt}.
 *
 * <p>Order and cost. Fourth order in {@code dt}, spectral in {@code dx}. Explicit: no linear solve. One evaluation
 * of {@code N} costs two FFTs (four with a potential), so a step costs 8 FFTs (16 with a potential). With constant
 * mass and potential, {@code N = 0} and the step is the exact propagator {@code exp(L dt)}.
 *
 * <p>Not unitary. Unlike Crank-Nicolson, RK4IP does not conserve {@code ||u||} exactly: the drift is of the size of
 * the local truncation error, small on a resolved mesh but not zero. The solver reports it.
 *
 * <p>Stability. {@code N} is treated explicitly, so the step is stable only while the largest eigenvalue of
 * {@code dt N} stays inside RK4's stability region on the imaginary axis ({@code |z| < 2 sqrt 2}); its estimate is
 * {@link #stabilityNumber}:
 * <pre>
 *   z = dt ((eps / 2) max_x |m - mbar| (pi / dx)^2 + max_x |V - Vbar| / eps)  &lt;  {@value #STABILITY_LIMIT}.
 * </pre>
 * Choosing {@code mbar} as the mid-range minimizes {@code max |m - mbar|}. For the example-1 mass {@code 1 + x^2}
 * on {@code [0, 1.25)} the paper's mesh ({@code dx = eps / 4}, {@code dt = eps^1.2 / 8}) gives about 3.4 at
 * {@code eps = 2^-6}. What a step beyond the limit does is the {@link StabilityPolicy}: under
 * {@link StabilityPolicy#REFUSE} it throws {@link UnstableStepException} before it is taken; under
 * {@link StabilityPolicy#SUBSTEP} it is taken as {@code ceil(z / limit)} equal substeps, each sampling the mass at its
 * own start, middle and end, and the substeps are counted ({@link StepperStatistics#substeps()}). A time-independent
 * mass is checked once per step length; a time-dependent (random) one at every step, on the mass at the step's start:
 * the sample at hand when the step begins (an Ornstein-Uhlenbeck field cannot be drawn backwards in time); within one
 * step the field's range moves by {@code O(dt / (a eps))} of itself.
 *
 * <p>Source: S. Balac, P. Cornilleau, M. Quiroga (2013), on the interaction-picture RK4 method introduced by
 * J. Hult, J. Lightwave Technol. 25 (2007); the same scheme as XMDS2's interaction-picture RK4 integrator.
 *
 * <p>All work arrays and the FFT plan are made in the constructor; a step allocates nothing (once the JIT has
 * compiled {@link Rk4ipVectorPasses}: before, the vector API's fallback makes an object per operation). The phases
 * {@code exp(L0 dt / 2)} are tabulated whenever {@code (dt, mbar)} changes (for a random mass, when its mid-range
 * leaves the band {@link #meanFor} keeps {@code mbar} in), by a recurrence in the wavenumber (no trigonometric call
 * per mode). The {@code 1/M} of every inverse transform is folded into the multiplication by {@code m - mbar}, which
 * is tabulated once per mass sample, each value twice in the interleaved layout ({@link #deviationPairs}): the four
 * multiplications of a step are then unit-stride loops the JIT vectorizes, and the middle sample's serves two of them.
 * Not thread-safe.
 */
public final class InteractionPictureRk4Stepper implements TimeStepper {

    private final int size;
    private final double eps;
    private final GridMass mass;
    /** {@code (V - Vbar) / M}, each value twice (the interleaved layout). */
    private final double[] potentialDeviation;
    private final double potentialMean;
    private final ComplexFft fft;
    private final double[] mu;
    /** {@code mu} with each entry twice, matching the interleaved layout: a unit-stride loop the JIT vectorizes. */
    private final double[] muPairs;
    /** {@code ((eps / 2) mu, -(eps / 2) mu)} a mode, the factor of the mass term of {@code N} ({@link Rk4ipPasses}). */
    private final double[] nScale;
    private final double invSize;
    private final double potentialSpread;
    private final double nyquist;
    private final StabilityPolicy policy;

    private double[] mStart;
    private final double[] mHalf;
    private double[] mEnd;
    /** {@code (m - mbar) / M} of the three samples, each value twice ({@link #deviationPairs}). */
    private double[] dStart;
    private final double[] dHalf;
    private double[] dEnd;
    /** The {@code mbar} {@code dStart} was tabulated with; NaN where not tabulated. */
    private double dStartMean = Double.NaN;

    /** {@code E} as pairs ({@link Rk4ipPasses}): {@code (Re E, Re E)} and {@code (-Im E, Im E)} a mode. */
    private final double[] phaseRe;
    private final double[] phaseIm;
    private final double[] physical;
    private final double[] physicalV;
    private final Rk4ipPasses passes;

    private final double[] massBounds = new double[2];
    /** The bounds of {@code mStart} and {@code mEnd}, found as they are filled ({@link GridMass}). */
    private double[] startBounds = new double[2];
    private double[] endBounds = new double[2];
    /** Whether {@code massMean} belongs to the run in progress (it may then be kept, see {@link #meanFor}). */
    private boolean meanCarried;
    private boolean constantMassReady;
    /** {@code max|m - mbar|} of a time-independent mass. */
    private double constantDeviation;
    /** The step length {@link #constantParts} belongs to. */
    private double constantPartsDt = Double.NaN;
    /** The substeps a step of a time-independent mass is taken in. */
    private int constantParts;
    private double lastEndTime = Double.NaN;
    private double massMean;

    private boolean expReady;
    private double expDt;
    private double expMassMean;

    private long steps;
    private long ffts;
    private long substeps;

    /** The largest {@link #stabilityNumber} a step may have; RK4's imaginary-axis bound is {@code 2 sqrt 2}. */
    public static final double STABILITY_LIMIT = 2.8;

    /**
     * @param grid      the periodic grid
     * @param eps       semiclassical parameter, positive
     * @param mass      the mass on the grid
     * @param potential {@code V(x_j)}, or {@code null} for none (copied)
     * @param fft       a transform of length {@code grid.M()}, owned by this stepper from now on
     * @param policy    what a step beyond {@value #STABILITY_LIMIT} does
     */
    public InteractionPictureRk4Stepper(PeriodicGrid grid, double eps, GridMass mass, double[] potential,
                                        ComplexFft fft, StabilityPolicy policy) {
        StepperInputs.check(grid, eps, potential, fft);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.size = grid.M();
        this.eps = eps;
        this.mass = mass;
        this.fft = fft;
        this.mu = grid.derivativeSymbol();
        this.muPairs = new double[2 * size];
        for (int p = 0; p < 2 * size; p++) {
            muPairs[p] = mu[p / 2];
        }
        this.invSize = 1.0 / size;
        this.nScale = new double[2 * size];
        for (int s = 0; s < size; s++) {
            double halfEpsMu = 0.5 * eps * mu[s];
            nScale[2 * s] = halfEpsMu;
            nScale[2 * s + 1] = -halfEpsMu;
        }
        this.nyquist = grid.nyquist();
        if (potential == null) {
            this.potentialDeviation = null;
            this.potentialMean = 0;
            this.potentialSpread = 0;
        } else {
            double[] b = new double[2];
            Extrema.of(potential, b);
            this.potentialMean = 0.5 * (b[0] + b[1]);
            this.potentialSpread = 0.5 * (b[1] - b[0]);
            // stored divided by M: the inverse transforms are unscaled
            this.potentialDeviation = new double[2 * size];
            for (int j = 0; j < size; j++) {
                double dv = (potential[j] - potentialMean) * invSize;
                potentialDeviation[2 * j] = dv;
                potentialDeviation[2 * j + 1] = dv;
            }
        }
        this.mStart = new double[size];
        this.mHalf = new double[size];
        this.mEnd = new double[size];
        this.dStart = new double[2 * size];
        this.dHalf = new double[2 * size];
        this.dEnd = new double[2 * size];
        this.phaseRe = new double[2 * size];
        this.phaseIm = new double[2 * size];
        this.physical = new double[2 * size];
        this.physicalV = potential == null ? null : new double[2 * size];
        this.passes = Rk4ipPasses.create(physical, physicalV, new double[2 * size], new double[2 * size], muPairs,
                nScale, 1 / eps, phaseRe, phaseIm);
    }

    /**
     * The stability number {@code z = dt ((eps/2) massSpread nyquist^2 + potentialSpread / eps)} of a step, with
     * {@code massSpread = max|m - mbar|}, {@code potentialSpread = max|V - Vbar|} and {@code nyquist = pi / dx}; the
     * step is stable while {@code z <= }{@value #STABILITY_LIMIT}.
     */
    public static double stabilityNumber(double dt, double eps, double massSpread, double potentialSpread,
                                         double nyquist) {
        return dt * (0.5 * eps * massSpread * nyquist * nyquist + potentialSpread / eps);
    }

    @Override
    public void step(double t, double dt, double[] uHat) {
        if (!mass.isTimeDependent()) {
            if (!constantMassReady) {
                mass.fill(t, mStart);
                Extrema.of(mStart, massBounds);
                massMean = 0.5 * (massBounds[0] + massBounds[1]);
                constantDeviation = Math.max(massBounds[1] - massMean, massMean - massBounds[0]);
                deviationPairs(mStart, dStart);
                constantMassReady = true;
            }
            if (dt != constantPartsDt) {
                constantParts = parts(stabilityNumber(dt, eps, constantDeviation, potentialSpread, nyquist), dt);
                constantPartsDt = dt;
            }
            double h = dt / constantParts;
            for (int i = 0; i < constantParts; i++) {
                advance(h, uHat, dStart, dStart, dStart);
            }
            if (constantParts > 1) {
                substeps += constantParts;
            }
            steps++;
            return;
        }
        if (!continuesLastStep(t, dt)) {
            mass.fill(t, mStart, startBounds); // else mStart is the previous step's end sample
            dStartMean = Double.NaN;
            meanCarried = false; // a new run (a new realization): nothing carries over from the last one
        }
        double mbar = meanFor(startBounds);
        double deviation = Math.max(startBounds[1] - mbar, mbar - startBounds[0]);
        double z = stabilityNumber(dt, eps, deviation, potentialSpread, nyquist);
        int parts = parts(z, dt);
        double h = dt / parts;
        double end = t;
        for (int i = 0; i < parts; i++) {
            double ts = t + i * h;
            end = i == parts - 1 ? t + dt : t + (i + 1) * h;
            if (i > 0) {
                swapStartEnd();
            }
            mass.fill(ts + 0.5 * (end - ts), mHalf, massBounds);
            mass.fill(end, mEnd, endBounds);
            massMean = meanFor(massBounds);
            meanCarried = true;
            if (!(dStartMean == massMean)) {
                deviationPairs(mStart, dStart);
                dStartMean = massMean;
            }
            deviationPairs(mHalf, dHalf);
            deviationPairs(mEnd, dEnd);
            advance(h, uHat, dStart, dHalf, dEnd);
        }
        swapStartEnd();
        lastEndTime = end;
        if (parts > 1) {
            substeps += parts;
        }
        steps++;
    }

    /**
     * Whether a step from {@code t} starts where the last one ended, up to the rounding of the caller's times
     * ({@code t0 + n dt} is not always {@code t0 + (n - 1) dt + dt}): then its start sample is the last end sample,
     * and the run's {@code mbar} carries over. A new run (a new realization) starts elsewhere, at 0 after the last
     * run's end.
     */
    private boolean continuesLastStep(double t, double dt) {
        return Math.abs(t - lastEndTime) <= CONTINUATION * dt;
    }

    /** How far, in steps, a step's start may lie from the last step's end and still continue it. */
    private static final double CONTINUATION = 1e-9;

    /** The substeps a step of stability number {@code z} is taken in under the policy: one within the limit. */
    private int parts(double z, double dt) {
        if (!(z > STABILITY_LIMIT)) {
            return 1;
        }
        if (policy == StabilityPolicy.REFUSE) {
            throw new UnstableStepException(z, STABILITY_LIMIT, dt);
        }
        return (int) Math.ceil(z / STABILITY_LIMIT);
    }

    /**
     * The {@code mbar} for a mass with these bounds: the one in use in this run while it stays within 1/16 of the
     * half-range of the mid-range (then {@code max|m - mbar|} exceeds its minimum by at most 1/16), else the
     * mid-range. Any constant keeps the splitting exact; keeping it saves re-tabulating the phases, which a random
     * mass would otherwise force at every step.
     */
    private double meanFor(double[] bounds) {
        double mid = 0.5 * (bounds[0] + bounds[1]);
        double half = 0.5 * (bounds[1] - bounds[0]);
        return meanCarried && Math.abs(mid - massMean) <= half / 16 ? massMean : mid;
    }

    private void swapStartEnd() {
        double[] swap = mStart;
        mStart = mEnd;
        mEnd = swap;
        swap = dStart;
        dStart = dEnd;
        dEnd = swap;
        dStartMean = massMean; // dEnd's, tabulated in the (sub)step just taken
        swap = startBounds;
        startBounds = endBounds;
        endBounds = swap;
    }

    /** {@code out[2j] = out[2j+1] = (m_j - mbar) / M}, with {@code mbar} the step's {@link #massMean}. */
    private void deviationPairs(double[] m, double[] out) {
        passes.deviationPairs(m, massMean, invSize, out);
    }

    /**
     * One RK4IP step of length {@code dt} with the mass samples at its start, middle and end, as
     * {@link #deviationPairs}. Each stage's {@code N} is read straight out of its transform, and each stage's input
     * goes straight into the next transform's array, multiplied by {@code mu} (and, with a potential, into
     * {@code physicalV} as it is): no array of stages or of {@code N} values is written and read back
     * ({@link Rk4ipPasses}).
     */
    private void advance(double dt, double[] uHat, double[] d0, double[] dh, double[] d1) {
        if (!expReady || dt != expDt || massMean != expMassMean) {
            tabulateExponential(dt);
        }
        double h6 = dt / 6;
        double h3 = dt / 3;
        double h2 = dt / 2;
        // k1 = E N(t, U); a = E U; acc = a + dt/6 k1; stage = a + dt/2 k1
        for (int q = 0; q < 2 * size; q++) {
            physical[q] = muPairs[q] * uHat[q];
        }
        if (physicalV != null) {
            System.arraycopy(uHat, 0, physicalV, 0, 2 * size);
        }
        transformN(d0);
        passes.first(uHat, h6, h2);
        // k2 = N(t + dt/2, a + dt/2 k1); k3 = N(t + dt/2, a + dt/2 k2); stage = E (a + dt k3)
        transformN(dh);
        passes.middle(h3, h2, false);
        transformN(dh);
        passes.middle(h3, dt, true);
        // k4 = N(t + dt, E (a + dt k3)); U_new = E acc + dt/6 k4
        transformN(d1);
        passes.last(uHat, h6);
    }

    @Override
    public StepperStatistics statistics() {
        return new StepperStatistics(steps, 0, 0, ffts, substeps);
    }

    @Override
    public String name() {
        return "rk4ip";
    }

    /**
     * {@code E = exp(L0 dt / 2) = exp(-i theta)}, {@code theta = dt/2 ((eps/2) mbar mu^2 + Vbar / eps)}. With
     * {@code mu_s = s kappa} ({@link PeriodicGrid#derivativeSymbol}: {@code kappa = 2 pi / L}, negative wavenumbers
     * mirrored, Nyquist zeroed), {@code theta_s = g s^2 + beta}, and {@code E_{s+4} = E_s R_s} with
     * {@code R_s = exp(-i g (8s + 16))}, {@code R_{s+4} = R_s exp(-32 i g)}: four interleaved recurrences, no
     * trigonometric call per mode (about a third of the cost of cos and sin of every mode; error 1e-15 at
     * M = 416). Re-seeded exactly every {@value #RESEED} modes; the modulus is pulled back to one at every product.
     */
    private void tabulateExponential(double dt) {
        double kappa = mu[1];
        double g = 0.5 * dt * 0.5 * eps * massMean * kappa * kappa;
        double beta = 0.5 * dt * potentialMean / eps;
        laneStepRe = Math.cos(32 * g); // R_{s+4} / R_s = exp(-i g (8 (s + 4) + 16 - 8 s - 16))
        laneStepIm = -Math.sin(32 * g);
        int half = (size + 1) / 2; // modes s = 0 .. half-1 have mu_s = s kappa
        for (int block = 0; block < half; block += RESEED) {
            int stop = Math.min(half, block + RESEED);
            for (int lane = 0; lane < LANES; lane++) {
                int q = block + lane;
                double theta = g * q * q + beta;
                laneRe[lane] = Math.cos(theta);
                laneIm[lane] = -Math.sin(theta);
                double rho = g * (8 * q + 16);
                ratioRe[lane] = Math.cos(rho);
                ratioIm[lane] = -Math.sin(rho);
            }
            int s = lanes(block, stop);
            for (; s < stop; s++) { // the last modes, fewer than four
                double theta = g * s * s + beta;
                phase(s, Math.cos(theta), -Math.sin(theta));
            }
        }
        for (int s = 1; s < half; s++) {
            phase(size - s, phaseRe[2 * s], phaseIm[2 * s + 1]);
        }
        if (size % 2 == 0) {
            phase(size / 2, Math.cos(beta), -Math.sin(beta)); // Nyquist: mu = 0
        }
        expDt = dt;
        expMassMean = massMean;
        expReady = true;
    }

    /**
     * Advances the four lanes from mode {@code s} while a whole group of four fits below {@code stop}; returns the
     * first mode not written. The lanes run interleaved, so their dependency chains overlap.
     */
    private int lanes(int s, int stop) {
        double e0r = laneRe[0], e1r = laneRe[1], e2r = laneRe[2], e3r = laneRe[3];
        double e0i = laneIm[0], e1i = laneIm[1], e2i = laneIm[2], e3i = laneIm[3];
        double r0r = ratioRe[0], r1r = ratioRe[1], r2r = ratioRe[2], r3r = ratioRe[3];
        double r0i = ratioIm[0], r1i = ratioIm[1], r2i = ratioIm[2], r3i = ratioIm[3];
        double stepRe = laneStepRe;
        double stepIm = laneStepIm;
        for (; s + 3 < stop; s += 4) {
            phase(s, e0r, e0i);
            phase(s + 1, e1r, e1i);
            phase(s + 2, e2r, e2i);
            phase(s + 3, e3r, e3i);
            // E <- E R, pulled back to |E| = 1 by one Newton step: a pure phase must stay one, or the norm drifts
            double n0r = e0r * r0r - e0i * r0i, n0i = e0r * r0i + e0i * r0r;
            double n1r = e1r * r1r - e1i * r1i, n1i = e1r * r1i + e1i * r1r;
            double n2r = e2r * r2r - e2i * r2i, n2i = e2r * r2i + e2i * r2r;
            double n3r = e3r * r3r - e3i * r3i, n3i = e3r * r3i + e3i * r3r;
            double f0 = 1.5 - 0.5 * (n0r * n0r + n0i * n0i);
            double f1 = 1.5 - 0.5 * (n1r * n1r + n1i * n1i);
            double f2 = 1.5 - 0.5 * (n2r * n2r + n2i * n2i);
            double f3 = 1.5 - 0.5 * (n3r * n3r + n3i * n3i);
            e0r = n0r * f0;
            e0i = n0i * f0;
            e1r = n1r * f1;
            e1i = n1i * f1;
            e2r = n2r * f2;
            e2i = n2i * f2;
            e3r = n3r * f3;
            e3i = n3i * f3;
            // R <- R exp(-32 i g)
            double m0 = r0r * stepRe - r0i * stepIm;
            r0i = r0r * stepIm + r0i * stepRe;
            r0r = m0;
            double m1 = r1r * stepRe - r1i * stepIm;
            r1i = r1r * stepIm + r1i * stepRe;
            r1r = m1;
            double m2 = r2r * stepRe - r2i * stepIm;
            r2i = r2r * stepIm + r2i * stepRe;
            r2r = m2;
            double m3 = r3r * stepRe - r3i * stepIm;
            r3i = r3r * stepIm + r3i * stepRe;
            r3r = m3;
        }
        return s;
    }

    /** {@code E_s = re + i im} into the pairs. */
    private void phase(int s, double re, double im) {
        phaseRe[2 * s] = re;
        phaseRe[2 * s + 1] = re;
        phaseIm[2 * s] = -im;
        phaseIm[2 * s + 1] = im;
    }

    private static final int RESEED = 256;
    private static final int LANES = 4;
    private final double[] laneRe = new double[LANES];
    private final double[] laneIm = new double[LANES];
    private final double[] ratioRe = new double[LANES];
    private final double[] ratioIm = new double[LANES];
    private double laneStepRe;
    private double laneStepIm;

    /**
     * {@code w = F[(m - mbar) F^-1[physical]]} into {@code physical} (which holds {@code mu x} of a stage {@code x};
     * {@code deviation} is {@code (m - mbar) / M} as {@link #deviationPairs}),
     * and with a potential {@code w_V = F[(V - Vbar) F^-1[physicalV]]} into {@code physicalV} (which holds {@code x}):
     * the transforms of {@code N(x)}, which {@link Rk4ipPasses} reads (see the class comment).
     */
    private void transformN(double[] deviation) {
        fft.inverseUnscaled(physical);
        for (int q = 0; q < 2 * size; q++) {
            physical[q] *= deviation[q];
        }
        fft.forward(physical);
        ffts += 2;
        if (potentialDeviation != null) {
            fft.inverseUnscaled(physicalV);
            for (int q = 0; q < 2 * size; q++) {
                physicalV[q] *= potentialDeviation[q];
            }
            fft.forward(physicalV);
            ffts += 2;
        }
    }
}
