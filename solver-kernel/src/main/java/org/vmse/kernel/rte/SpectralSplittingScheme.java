package org.vmse.kernel.rte;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.vmse.TimePlan;

/**
 * Strang splitting of exact transport and exact collision for the RTE (3.6) with a constant {@code m0} (then
 * {@code m0' = 0}: no k-transport). Per x-Fourier mode {@code l} the discretized equation is the linear ODE
 * <pre>
 *   d/dt What_l = (T_l + C) What_l,   T_l = -i mu_l m0 diag(k),   mu_l = 2 pi l / L,
 * </pre>
 * with {@code C} the trapezoid collision matrix ({@link CollisionOperator}). Both flows are exact: {@code exp(h T_l)}
 * is the phase {@code exp(-i mu_l m0 k h)} and {@code exp(h C)} is {@link CollisionOperator#propagator}. One step is
 * {@code S_l(h) = exp(h T_l / 2) exp(h C) exp(h T_l / 2)}.
 *
 * <p><b>Why {@code dt} matters.</b> For {@code l != 0} the two generators do not commute:
 * {@code [diag(k), C]_ij = (k_i - k_j) C_ij}, nonzero wherever sigma couples two distinct k. So
 * {@code S_l(h) = exp(h (T_l + C)) + O(h^3)} per step and the scheme is second order in the step (Strang 1968); the
 * whole interval cannot be taken in one step. {@code dt} ({@code rte.dt}) is the splitting step, with the step-count
 * rule of {@link RteScheme}. Only the mode {@code l = 0} (mass, and with it {@code totalMass}) is exact for any step.
 * With the paper's parameters (D = 1.5, a = b = 100, p0 = 1.5, A = 256, T = 0.4, dx = dk = 2^-10) the splitting
 * error in rho is clean second order: 1.7e-4 at dt = 2^-5, 4.1e-5 at 2^-6, 1.0e-5 at 2^-7, 2.6e-6 at 2^-8
 * (relative, max norm, against dt = 2^-11).
 *
 * <p>Modes are independent (transport and collision do not couple them), so only the modes the initial W carries
 * are evolved ({@code |What_l| > MODE_CUTOFF * max}; the others stay below that forever), split across threads
 * with no synchronization. Cost per step: {@code O(modes nk^2)} for the dense propagator (the trapezoid kernel
 * decays only like {@code |p - k|^-4}), plus one eigen-decomposition of C per operator.
 */
public final class SpectralSplittingScheme extends RteScheme {

    /** Modes of the initial W below this fraction of its largest Fourier coefficient are not evolved. */
    public static final double MODE_CUTOFF = 1e-15;
    /** Columns of the propagator per cache block in {@link #multiply}. */
    private static final int BLOCK = 128;

    private final FftBackend fft;

    /**
     * @param fft the FFT backend of the x transforms
     * @throws IllegalArgumentException if m0 is not constant on the grid or {@code dt} is not positive and finite
     */
    public SpectralSplittingScheme(RteOperator operator, double dt, FftBackend fft) {
        super(operator, dt);
        if (!operator.hasConstantMass()) {
            throw new IllegalArgumentException("the spectral RTE scheme needs a constant m0; use WenoRkScheme");
        }
        if (fft == null) {
            throw new IllegalArgumentException("fft backend must not be null");
        }
        this.fft = fft;
    }

    @Override
    public String name() {
        return "spectral-strang";
    }

    @Override
    RteSolution march(double[] w0, TimePlan plan) {
        RteOperator operator = operator();
        RteGrid grid = operator.grid();
        int nx = grid.nx(), nk = grid.nk(), half = nx / 2, outputs = plan.outputCount();
        double dx = grid.dx(), dk = grid.dk(), mass = operator.mass(0);
        // What(l, k_i) = sum_j W(x_j, k_i) exp(-2 pi i j l / nx), l = 0 .. nx/2 (W is real: What(-l) = conj What(l))
        ComplexFft transform = fft.create(nx);
        double[] line = new double[2 * nx], spectrum = new double[2 * (half + 1) * nk];
        double largest = 0;
        for (int i = 0; i < nk; i++) {
            for (int j = 0; j < nx; j++) {
                line[2 * j] = w0[j * nk + i];
                line[2 * j + 1] = 0;
            }
            transform.forward(line);
            for (int l = 0; l <= half; l++) {
                spectrum[2 * (l * nk + i)] = line[2 * l];
                spectrum[2 * (l * nk + i) + 1] = line[2 * l + 1];
                largest = Math.max(largest, Math.hypot(line[2 * l], line[2 * l + 1]));
            }
        }
        int modeCount = 1;
        for (int l = 0; l <= half; l++) {
            for (int i = 0; i < nk; i++) {
                if (Math.hypot(spectrum[2 * (l * nk + i)], spectrum[2 * (l * nk + i) + 1]) > MODE_CUTOFF * largest) {
                    modeCount = l + 1;
                }
            }
        }
        // per interval: collision propagator E(h), half-step phases exp(-i mu_l m0 k_i h/2)
        double[][] propagators = new double[outputs][];
        double[][] halfCos = new double[outputs][], halfSin = new double[outputs][];
        Map<Double, double[]> propagatorOfStep = new HashMap<>();
        CollisionOperator collision = operator.collision(0);
        for (int n = 0; n < outputs; n++) {
            double h = plan.stepLength(n);
            propagators[n] = operator.scatters() ? propagatorOfStep.computeIfAbsent(h, collision::propagator) : null;
            halfCos[n] = new double[modeCount * nk];
            halfSin[n] = new double[modeCount * nk];
            for (int l = 0; l < modeCount; l++) {
                for (int i = 0; i < nk; i++) {
                    double phase = 2 * Math.PI * l / grid.L() * mass * grid.k(i) * h / 2; // mu_l m0 k_i h / 2
                    halfCos[n][l * nk + i] = Math.cos(phase);
                    halfSin[n][l * nk + i] = Math.sin(phase);
                }
            }
        }
        double[] leakRate = operator.scatters() ? collision.outOfWindowRates() : new double[nk];
        double[][] rhoHat = new double[outputs][2 * modeCount]; // sum_i What(t_n, l, k_i) dk
        double[] leak = new double[outputs];
        double[] finalModes = new double[2 * modeCount * nk];
        int chunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), modeCount));
        int modes = modeCount;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int first = chunk * modes / chunks, end = (chunk + 1) * modes / chunks, rows = 2 * (end - first);
            double[] state = new double[rows * nk], scratch = new double[rows * nk];
            System.arraycopy(spectrum, 2 * first * nk, state, 0, rows * nk); // interleaved (Re, Im) per (l, i) ...
            deinterleave(state, scratch, end - first, nk);                  // ... -> rows 2l' (Re) and 2l'+1 (Im)
            boolean holdsMass = first == 0; // mode 0 = sum_j W_j: the leak is booked by its chunk
            double leaked = 0;
            for (int n = 0; n < outputs; n++) {
                double h = plan.stepLength(n);
                for (int s = 0; s < plan.steps(n); s++) {
                    shift(state, halfCos[n], halfSin[n], first, end, nk);
                    if (propagators[n] != null) {
                        if (holdsMass) {
                            leaked += 0.5 * h * dot(leakRate, state, nk); // trapezoid in time around the collision
                        }
                        multiply(state, propagators[n], scratch, rows, nk);
                        double[] swap = state;
                        state = scratch;
                        scratch = swap;
                        if (holdsMass) {
                            leaked += 0.5 * h * dot(leakRate, state, nk);
                        }
                    }
                    shift(state, halfCos[n], halfSin[n], first, end, nk);
                }
                for (int l = first; l < end; l++) {
                    int re = 2 * (l - first) * nk;
                    double sumRe = 0, sumIm = 0;
                    for (int i = 0; i < nk; i++) {
                        sumRe += state[re + i];
                        sumIm += state[re + nk + i];
                    }
                    rhoHat[n][2 * l] = sumRe * dk;
                    rhoHat[n][2 * l + 1] = sumIm * dk;
                }
                if (holdsMass) {
                    leak[n] = leaked * dx * dk; // sum_j (...) dx = dx * (...)What_0
                }
            }
            System.arraycopy(state, 0, finalModes, 2 * first * nk, rows * nk);
        });
        double[][] rho = new double[outputs][nx];
        double[] totalMass = new double[outputs];
        double[] full = new double[2 * nx];
        for (int n = 0; n < outputs; n++) {
            synthesize(rhoHat[n], modeCount, full, transform);
            for (int j = 0; j < nx; j++) {
                rho[n][j] = full[2 * j];
            }
            totalMass[n] = rhoHat[n][0] * dx;
        }
        double[] w = new double[grid.cells()], column = new double[2 * modeCount];
        for (int i = 0; i < nk; i++) {
            for (int l = 0; l < modeCount; l++) {
                column[2 * l] = finalModes[2 * l * nk + i];
                column[2 * l + 1] = finalModes[(2 * l + 1) * nk + i];
            }
            synthesize(column, modeCount, full, transform);
            for (int j = 0; j < nx; j++) {
                w[j * nk + i] = full[2 * j];
            }
        }
        return new RteSolution(grid, name(), plan.outputTimes(), rho, totalMass, new double[outputs], leak, w,
                plan.totalSteps());
    }

    /** Interleaved (Re, Im) per (l, i) into separate Re and Im rows, in place via scratch. */
    private static void deinterleave(double[] state, double[] scratch, int modes, int nk) {
        for (int l = 0; l < modes; l++) {
            for (int i = 0; i < nk; i++) {
                scratch[2 * l * nk + i] = state[2 * (l * nk + i)];
                scratch[(2 * l + 1) * nk + i] = state[2 * (l * nk + i) + 1];
            }
        }
        System.arraycopy(scratch, 0, state, 0, state.length);
    }

    /** What *= exp(-i theta) for modes {@code first .. end-1}: (re, im) <- (re cos + im sin, im cos - re sin). */
    private static void shift(double[] state, double[] cos, double[] sin, int first, int end, int nk) {
        for (int l = first; l < end; l++) {
            int re = 2 * (l - first) * nk, im = re + nk, phase = l * nk;
            for (int i = 0; i < nk; i++) {
                double real = state[re + i], imag = state[im + i], cosine = cos[phase + i], sine = sin[phase + i];
                state[re + i] = real * cosine + imag * sine;
                state[im + i] = imag * cosine - real * sine;
            }
        }
    }

    private static double dot(double[] a, double[] state, int nk) {
        double sum = 0;
        for (int i = 0; i < nk; i++) {
            sum += a[i] * state[i];
        }
        return sum;
    }

    /**
     * {@code out = state E} for {@code rows x n} row-major state and symmetric {@code n x n} E, i.e. each row
     * {@code What <- E What} (textbook: {@code out_ri = sum_j E_ij z_rj}). Four output rows share every load of an E
     * row (axpy form, contiguous inner loop that the JIT vectorizes); E is walked in column blocks of 128 so that
     * the block (n x 128 doubles, 1 MiB at n = 1025) stays in cache while all rows pass over it.
     */
    private static void multiply(double[] state, double[] propagator, double[] out, int rows, int n) {
        Arrays.fill(out, 0, rows * n, 0);
        for (int col0 = 0; col0 < n; col0 += BLOCK) { // column block of E (n x BLOCK) stays in cache over all rows
            int col1 = Math.min(n, col0 + BLOCK), row = 0;
            for (; row + 4 <= rows; row += 4) {
                int at0 = row * n, at1 = at0 + n, at2 = at1 + n, at3 = at2 + n;
                for (int j = 0; j < n; j++) {
                    double state0 = state[at0 + j], state1 = state[at1 + j];
                    double state2 = state[at2 + j], state3 = state[at3 + j];
                    int eRow = j * n;
                    for (int i = col0; i < col1; i++) {
                        double entry = propagator[eRow + i];
                        out[at0 + i] += state0 * entry;
                        out[at1 + i] += state1 * entry;
                        out[at2 + i] += state2 * entry;
                        out[at3 + i] += state3 * entry;
                    }
                }
            }
            for (; row < rows; row++) {
                int at = row * n;
                for (int j = 0; j < n; j++) {
                    double stateJ = state[at + j];
                    int eRow = j * n;
                    for (int i = col0; i < col1; i++) {
                        out[at + i] += stateJ * propagator[eRow + i];
                    }
                }
            }
        }
    }

    /** Real signal from its modes {@code l = 0 .. modeCount-1} (interleaved), conjugate-symmetric fill, inverse FFT. */
    private static void synthesize(double[] modes, int modeCount, double[] full, ComplexFft transform) {
        Arrays.fill(full, 0);
        int nx = transform.size();
        for (int l = 0; l < modeCount; l++) {
            full[2 * l] = modes[2 * l];
            full[2 * l + 1] = modes[2 * l + 1];
            if (l > 0 && nx - l != l) {
                full[2 * (nx - l)] = modes[2 * l];
                full[2 * (nx - l) + 1] = -modes[2 * l + 1];
            }
        }
        transform.inverse(full); // real part taken by the caller
    }
}
