package org.vmse.kernel.rte;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.vmse.kernel.fft.ComplexFft;
import org.vmse.kernel.fft.JTransformsFft;
import org.vmse.kernel.problem.MassField;

/**
 * The radiative transfer equation (3.6) in 1D for a time-independent mass {@code m0(x) > 0}, periodic in x on
 * {@code [0, L)}, on the k window of an {@link RteGrid}:
 * <pre>
 *   W_t + (m0 k W)_x + (-(k^2/2) m0' W)_k = Q(W),   Q(W)(k) = ∫ sigma(m0(x); k, p) [W(p) - W(k)] dp
 * </pre>
 * (the flux form equals the paper's advective form: the Hamiltonian field is divergence-free), sigma from
 * {@link ScatteringKernel} (4.19). Two methods:
 * <ul>
 *   <li>{@link #solveWeno} (any time-independent m0, the paper's method): WENO5 flux differences in x (velocity
 *   {@code m0 k}, sign of k) and in k (velocity {@code -(k^2/2) m0'}, zero inflow at the window ends, outflow
 *   booked in {@link RteSolution#windowLoss}), collision by the trapezoidal rule ({@link CollisionOperator}, one per
 *   distinct value of m0 on the grid), SSP-RK3 in time.</li>
 *   <li>{@link #solveSpectral} (constant m0 only, fast): per x-Fourier mode {@code l} the equation is the ODE
 *   {@code d/dt What_l = (-i mu_l m0 diag(k) + C) What_l}, {@code mu_l = 2 pi l / L}. Strang splitting of the two
 *   exact flows: half a transport step (a phase {@code exp(-i mu_l m0 k dt/2)}), the exact collision
 *   {@code exp(dt C)}, half a transport step. Modes are independent (transport and collision do not couple
 *   them), so only the modes the initial W carries are evolved ({@code |What_l| > MODE_CUTOFF * max}; the
 *   others stay below that forever) and the modes are split across threads with no synchronization.</li>
 * </ul>
 * Output intervals are stepped with {@code N = ceil(interval / dt)} equal steps.
 */
public final class RadiativeTransferSolver {

    /** Modes of the initial W below this fraction of its largest Fourier coefficient are not evolved. */
    public static final double MODE_CUTOFF = 1e-15;
    /**
     * Default Strang step of {@link #solveSpectral}: 2^-8. With the paper's parameters (D = 1.5, a = b = 100,
     * p0 = 1.5, A = 256, T = 0.4) the splitting error in rho is 2.6e-6 relative (max norm, against dt = 2^-11; the
     * error is clean second order: 1.7e-4 at 2^-5, 4.1e-5 at 2^-6, 1.0e-5 at 2^-7, 6.2e-7 at 2^-9).
     */
    public static final double DEFAULT_SPLITTING_DT = 0x1p-8;
    private static final int BLOCK = 128;
    /** Most doubles the per-x collision matrices of the WENO path may hold (1 GiB). */
    public static final long MAX_COLLISION_STORAGE = 1L << 27;

    private final ScatteringKernel kernel;
    private final RteGrid grid;
    private final double[] m0;   // m0(x_j)
    private final double[] dm0;  // m0'(x_j)
    private final boolean constant;
    private final CollisionOperator[] ops; // distinct operators
    private final int[] opOf;              // operator index of row j

    /**
     * @throws IllegalArgumentException for a time-dependent mass or {@code m0 <= 0} on the grid
     */
    public RadiativeTransferSolver(MassField mass, ScatteringKernel kernel, RteGrid grid) {
        if (mass == null || kernel == null || grid == null) {
            throw new IllegalArgumentException("mass, kernel and grid must not be null");
        }
        if (mass.isTimeDependent()) {
            throw new IllegalArgumentException("the RTE solver handles a time-independent mass m0(x) only (its collision "
                    + "matrices are precomputed); got the time-dependent " + mass);
        }
        this.kernel = kernel;
        this.grid = grid;
        int nx = grid.nx();
        m0 = new double[nx];
        dm0 = new double[nx];
        double[] d = new double[3];
        boolean c = true;
        for (int j = 0; j < nx; j++) {
            mass.spatialDerivatives(0, grid.x(j), d);
            m0[j] = d[0];
            dm0[j] = d[1];
            if (!(d[0] > 0 && d[0] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the RTE needs m0 > 0, got m0(" + grid.x(j) + ") = " + d[0]);
            }
            c &= d[1] == 0 && d[0] == m0[0];
        }
        constant = c;
        Map<Double, Integer> index = new HashMap<>();
        opOf = new int[nx];
        for (int j = 0; j < nx; j++) {
            opOf[j] = index.computeIfAbsent(m0[j], v -> index.size());
        }
        ops = new CollisionOperator[index.size()];
        if (kernel.D() > 0) {
            int h = new CollisionOperator(kernel, m0[0], grid).halfBandwidth();
            if ((long) ops.length * grid.nk() * (2L * h + 1) > MAX_COLLISION_STORAGE) {
                throw new IllegalArgumentException(ops.length + " distinct values of m0 on the grid need "
                        + ops.length + " collision matrices of " + grid.nk() + " x " + (2 * h + 1)
                        + " entries: too many; use a coarser rte grid or a narrower k window");
            }
        }
        index.forEach((v, i) -> ops[i] = new CollisionOperator(kernel, v, grid));
    }

    public RteGrid grid() {
        return grid;
    }

    /** {@link #solveSpectral} with {@link #DEFAULT_SPLITTING_DT} for constant m0, else {@link #solveWeno}. */
    public RteSolution solve(double[] w0, double[] times, double wenoDt) {
        return constant ? solveSpectral(w0, times, DEFAULT_SPLITTING_DT) : solveWeno(w0, times, wenoDt);
    }

    // ------------------------------------------------------------------------------------------------ WENO path

    /**
     * WENO5 + trapezoid collision + SSP-RK3 with step at most {@code dt}.
     *
     * @throws IllegalArgumentException if {@code dt} violates the CFL bound
     *                                  {@code dt (max|m0 k|/dx + max|k^2 m0'/2|/dk) <= 1} or the collision bound
     *                                  {@code dt * 2 max rate <= 2.5} (SSP-RK3's real stability interval)
     */
    public RteSolution solveWeno(double[] w0, double[] times, double dt) {
        check(w0, times, dt);
        int nx = grid.nx(), nk = grid.nk(), size = grid.cells();
        double dx = grid.dx(), dk = grid.dk();
        double kAbs = Math.max(Math.abs(grid.kMin()), Math.abs(grid.kMax())), vx = 0, vk = 0, rate = 0;
        for (int j = 0; j < nx; j++) {
            vx = Math.max(vx, m0[j] * kAbs);
            vk = Math.max(vk, 0.5 * kAbs * kAbs * Math.abs(dm0[j]));
        }
        double[][] leakRates = new double[ops.length][];
        for (int o = 0; o < ops.length; o++) {
            for (int i = 0; i < nk; i++) {
                rate = Math.max(rate, ops[o].rate(i));
            }
            leakRates[o] = kernel.D() > 0 ? ops[o].outOfWindowRates() : new double[nk];
        }
        if (dt * (vx / dx + vk / dk) > 1 || dt * 2 * rate > 2.5) {
            throw new IllegalArgumentException("rte.dt = " + dt + " is unstable for WENO5/SSP-RK3: CFL = "
                    + dt * (vx / dx + vk / dk) + " (max 1), collision dt * 2 * rate = " + dt * 2 * rate + " (max 2.5)");
        }
        double[] kv = new double[nk], kx = grid.kPoints();
        for (int i = 0; i < nk; i++) {
            kv[i] = -0.5 * kx[i] * kx[i]; // k velocity -(k^2/2) m0'(x): k factor
        }
        Weno5 wx = new Weno5(nx, true), wk = new Weno5(nk, false);
        double[] w = w0.clone(), u = new double[size], r = new double[size];
        double[] f = new double[6]; // {outflow, leak} rates of the three stages
        Rhs rhs = (in, out, slot) -> {
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < nk; i++) { // x-transport: -(m0 k W)_x, velocity sign = sign(k)
                if (kx[i] != 0) {
                    wx.load(in, i, nk, m0, kx[i]);
                    wx.addDivergence(kx[i] > 0, 1 / dx, out, i, nk);
                }
            }
            double loss = 0, leak = 0;
            for (int j = 0; j < nx; j++) { // k-transport: -(-(k^2/2) m0' W)_k, velocity sign = -sign(m0')
                if (dm0[j] != 0) {
                    wk.load(in, j * nk, 1, kv, dm0[j]);
                    loss += wk.addDivergence(dm0[j] < 0, 1 / dk, out, j * nk, 1) * dx;
                }
                if (kernel.D() > 0) {
                    ops[opOf[j]].apply(in, j * nk, 1, out, j * nk);
                    double[] lr = leakRates[opOf[j]];
                    for (int i = 0; i < nk; i++) {
                        leak += lr[i] * in[j * nk + i];
                    }
                }
            }
            f[2 * slot] = loss;
            f[2 * slot + 1] = leak * dx * dk;
        };
        Out out = new Out(times);
        double t = 0, lost = 0, leak = 0;
        int steps = 0;
        for (int n = 0; n < times.length; n++) {
            int ns = (int) Math.ceil((times[n] - t) / dt - 1e-9);
            double h = ns == 0 ? 0 : (times[n] - t) / ns;
            for (int s = 0; s < ns; s++, steps++) {
                // SSP-RK3: u1 = w + h L(w); u2 = 3/4 w + 1/4 (u1 + h L(u1)); w = 1/3 w + 2/3 (u2 + h L(u2))
                rhs.eval(w, r, 0);
                for (int q = 0; q < size; q++) {
                    u[q] = w[q] + h * r[q];
                }
                rhs.eval(u, r, 1);
                for (int q = 0; q < size; q++) {
                    u[q] = 0.75 * w[q] + 0.25 * (u[q] + h * r[q]);
                }
                rhs.eval(u, r, 2);
                for (int q = 0; q < size; q++) {
                    w[q] = (w[q] + 2 * (u[q] + h * r[q])) / 3;
                }
                lost += h * (f[0] + f[2] + 4 * f[4]) / 6; // SSP-RK3's effective weights (1/6, 1/6, 2/3)
                leak += h * (f[1] + f[3] + 4 * f[5]) / 6;
            }
            t = times[n];
            out.record(n, w, lost, leak);
        }
        return out.solution("weno5-ssprk3", w, steps);
    }

    private interface Rhs {
        /** Writes L(in) into out, the k-window outflow and scattering leak rates into f[2 slot], f[2 slot + 1]. */
        void eval(double[] in, double[] out, int slot);
    }

    // -------------------------------------------------------------------------------------- spectral fast path

    /**
     * The constant-m0 fast path (see the class comment), Strang steps of at most {@code dt}
     * ({@link #DEFAULT_SPLITTING_DT} is accurate to ~1e-5 relative for the paper's case), on all available cores.
     *
     * @throws IllegalArgumentException if m0 is not constant on the grid
     */
    public RteSolution solveSpectral(double[] w0, double[] times, double dt) {
        return solveSpectral(w0, times, dt, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #solveSpectral(double[], double[], double)} on {@code threads} threads. */
    public RteSolution solveSpectral(double[] w0, double[] times, double dt, int threads) {
        if (!constant) {
            throw new IllegalArgumentException("the spectral RTE path needs a constant m0; use solveWeno");
        }
        check(w0, times, dt);
        int nx = grid.nx(), nk = grid.nk(), half = nx / 2;
        double dx = grid.dx(), dk = grid.dk(), m = m0[0];
        // What(l, k_i) = sum_j W(x_j, k_i) exp(-2 pi i j l / nx), l = 0 .. nx/2 (W is real: What(-l) = conj What(l))
        ComplexFft fft = new JTransformsFft(nx);
        double[] buf = new double[2 * nx], spec = new double[2 * (half + 1) * nk];
        double max = 0;
        for (int i = 0; i < nk; i++) {
            for (int j = 0; j < nx; j++) {
                buf[2 * j] = w0[j * nk + i];
                buf[2 * j + 1] = 0;
            }
            fft.forward(buf);
            for (int l = 0; l <= half; l++) {
                spec[2 * (l * nk + i)] = buf[2 * l];
                spec[2 * (l * nk + i) + 1] = buf[2 * l + 1];
                max = Math.max(max, Math.hypot(buf[2 * l], buf[2 * l + 1]));
            }
        }
        int nm = 1;
        for (int l = 0; l <= half; l++) {
            for (int i = 0; i < nk; i++) {
                if (Math.hypot(spec[2 * (l * nk + i)], spec[2 * (l * nk + i) + 1]) > MODE_CUTOFF * max) {
                    nm = l + 1;
                }
            }
        }
        // per interval: step h, collision propagator E(h), half-step phases exp(-i mu_l m0 k_i h/2)
        int[] ns = new int[times.length];
        double[][] e = new double[times.length][], cs = new double[times.length][], sn = new double[times.length][];
        Map<Double, double[]> eCache = new HashMap<>();
        CollisionOperator op = ops[0];
        double t0 = 0;
        for (int n = 0; n < times.length; n++) {
            ns[n] = (int) Math.ceil((times[n] - t0) / dt - 1e-9);
            double h = ns[n] == 0 ? 0 : (times[n] - t0) / ns[n];
            t0 = times[n];
            e[n] = kernel.D() > 0 && ns[n] > 0 ? eCache.computeIfAbsent(h, op::propagator) : null;
            cs[n] = new double[nm * nk];
            sn[n] = new double[nm * nk];
            for (int l = 0; l < nm; l++) {
                for (int i = 0; i < nk; i++) {
                    double th = 2 * Math.PI * l / grid.L() * m * grid.k(i) * h / 2; // mu_l m0 k_i h / 2
                    cs[n][l * nk + i] = Math.cos(th);
                    sn[n][l * nk + i] = Math.sin(th);
                }
            }
        }
        double[] leakRate = kernel.D() > 0 ? op.outOfWindowRates() : new double[nk];
        double[][] rhoHat = new double[times.length][2 * nm]; // sum_i What(t_n, l, k_i) dk
        double[] leak = new double[times.length];
        double[] fin = new double[2 * nm * nk];
        int chunks = Math.max(1, Math.min(threads, nm)), kept = nm;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int l0 = c * kept / chunks, l1 = (c + 1) * kept / chunks, rows = 2 * (l1 - l0);
            double[] z = new double[rows * nk], tmp = new double[rows * nk];
            System.arraycopy(spec, 2 * l0 * nk, z, 0, rows * nk);  // interleaved (Re, Im) per (l, i) ...
            deinterleave(z, tmp, l1 - l0, nk);                     // ... -> rows 2l' (Re) and 2l'+1 (Im)
            double lk = 0;
            for (int n = 0; n < times.length; n++) {
                for (int s = 0; s < ns[n]; s++) {
                    shift(z, cs[n], sn[n], l0, l1, nk);
                    if (e[n] != null) {
                        double h = (times[n] - (n == 0 ? 0 : times[n - 1])) / ns[n];
                        if (l0 == 0) {
                            lk += 0.5 * h * dot(leakRate, z, nk);
                        }
                        multiply(z, e[n], tmp, rows, nk);
                        double[] sw = z;
                        z = tmp;
                        tmp = sw;
                        if (l0 == 0) {
                            lk += 0.5 * h * dot(leakRate, z, nk);
                        }
                    }
                    shift(z, cs[n], sn[n], l0, l1, nk);
                }
                for (int l = l0; l < l1; l++) {
                    int re = 2 * (l - l0) * nk;
                    double a = 0, b = 0;
                    for (int i = 0; i < nk; i++) {
                        a += z[re + i];
                        b += z[re + nk + i];
                    }
                    rhoHat[n][2 * l] = a * dk;
                    rhoHat[n][2 * l + 1] = b * dk;
                }
                if (l0 == 0) {
                    leak[n] = lk * dx * dk; // mode 0 = sum_j W_j, so sum_j dx = dx * What_0
                }
            }
            System.arraycopy(z, 0, fin, 2 * l0 * nk, rows * nk);
        });
        Out out = new Out(times);
        double[] full = new double[2 * nx];
        for (int n = 0; n < times.length; n++) {
            synthesize(rhoHat[n], nm, full, fft);
            for (int j = 0; j < nx; j++) {
                out.rho[n][j] = full[2 * j];
            }
            out.mass[n] = rhoHat[n][0] * dx;
            out.leak[n] = leak[n];
        }
        double[] w = new double[grid.cells()], col = new double[2 * nm];
        for (int i = 0; i < nk; i++) {
            for (int l = 0; l < nm; l++) {
                col[2 * l] = fin[2 * l * nk + i];
                col[2 * l + 1] = fin[(2 * l + 1) * nk + i];
            }
            synthesize(col, nm, full, fft);
            for (int j = 0; j < nx; j++) {
                w[j * nk + i] = full[2 * j];
            }
        }
        int steps = 0;
        for (int s : ns) {
            steps += s;
        }
        return new RteSolution(grid, "spectral-strang", times, out.rho, out.mass, new double[times.length], out.leak, w,
                steps);
    }

    /** Interleaved (Re, Im) per (l, i) into separate Re and Im rows, in place via tmp. */
    private static void deinterleave(double[] z, double[] tmp, int modes, int nk) {
        for (int l = 0; l < modes; l++) {
            for (int i = 0; i < nk; i++) {
                tmp[2 * l * nk + i] = z[2 * (l * nk + i)];
                tmp[(2 * l + 1) * nk + i] = z[2 * (l * nk + i) + 1];
            }
        }
        System.arraycopy(tmp, 0, z, 0, z.length);
    }

    /** What *= exp(-i theta): (re, im) <- (re cos + im sin, im cos - re sin). */
    private static void shift(double[] z, double[] cs, double[] sn, int l0, int l1, int nk) {
        for (int l = l0; l < l1; l++) {
            int re = 2 * (l - l0) * nk, im = re + nk, p = l * nk;
            for (int i = 0; i < nk; i++) {
                double a = z[re + i], b = z[im + i], c = cs[p + i], s = sn[p + i];
                z[re + i] = a * c + b * s;
                z[im + i] = b * c - a * s;
            }
        }
    }

    private static double dot(double[] a, double[] z, int nk) {
        double s = 0;
        for (int i = 0; i < nk; i++) {
            s += a[i] * z[i];
        }
        return s;
    }

    /**
     * {@code out = z E} for {@code rows x n} row-major z and symmetric {@code n x n} E, i.e. each row
     * {@code What <- E What} (textbook: {@code out_ri = sum_j E_ij z_rj}). Four output rows share every load of an E
     * row (axpy form, contiguous inner loop that the JIT vectorizes); E is walked in column blocks of 128 so that
     * the block (n x 128 doubles, 1 MiB at n = 1025) stays in cache while all rows pass over it.
     */
    static void multiply(double[] z, double[] e, double[] out, int rows, int n) {
        java.util.Arrays.fill(out, 0, rows * n, 0);
        for (int i0 = 0; i0 < n; i0 += BLOCK) { // column block of E (n x BLOCK) stays in cache over all rows
            int i1 = Math.min(n, i0 + BLOCK), r = 0;
            for (; r + 4 <= rows; r += 4) {
                int o0 = r * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
                for (int j = 0; j < n; j++) {
                    double a0 = z[o0 + j], a1 = z[o1 + j], a2 = z[o2 + j], a3 = z[o3 + j];
                    int ej = j * n;
                    for (int i = i0; i < i1; i++) {
                        double v = e[ej + i];
                        out[o0 + i] += a0 * v;
                        out[o1 + i] += a1 * v;
                        out[o2 + i] += a2 * v;
                        out[o3 + i] += a3 * v;
                    }
                }
            }
            for (; r < rows; r++) {
                int o = r * n;
                for (int j = 0; j < n; j++) {
                    double a = z[o + j];
                    int ej = j * n;
                    for (int i = i0; i < i1; i++) {
                        out[o + i] += a * e[ej + i];
                    }
                }
            }
        }
    }

    /** Real signal from its modes {@code l = 0 .. nm-1} (interleaved), conjugate-symmetric fill, inverse FFT. */
    private static void synthesize(double[] modes, int nm, double[] full, ComplexFft fft) {
        java.util.Arrays.fill(full, 0);
        int nx = fft.size();
        for (int l = 0; l < nm; l++) {
            full[2 * l] = modes[2 * l];
            full[2 * l + 1] = modes[2 * l + 1];
            if (l > 0 && nx - l != l) {
                full[2 * (nx - l)] = modes[2 * l];
                full[2 * (nx - l) + 1] = -modes[2 * l + 1];
            }
        }
        fft.inverse(full); // real part taken by the caller
    }

    // ------------------------------------------------------------------------------------------------- common

    private void check(double[] w0, double[] times, double dt) {
        if (w0 == null || w0.length != grid.cells()) {
            throw new IllegalArgumentException("initial W must have nx * nk = " + grid.cells() + " entries");
        }
        if (!(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rte.dt must be positive and finite, got " + dt);
        }
        if (times == null || times.length == 0) {
            throw new IllegalArgumentException("need at least one output time");
        }
        double prev = 0;
        for (int n = 0; n < times.length; n++) {
            if (!(times[n] >= prev && times[n] < Double.POSITIVE_INFINITY) || (n > 0 && times[n] == prev)) {
                throw new IllegalArgumentException("output times must be >= 0, finite and increasing, got "
                        + java.util.Arrays.toString(times));
            }
            prev = times[n];
        }
    }

    /** Output accumulator of the WENO path (rho, mass, losses per output time). */
    private final class Out {
        final double[] times;
        final double[][] rho;
        final double[] mass, loss, leak;

        Out(double[] times) {
            int n = times.length;
            this.times = times;
            rho = new double[n][grid.nx()];
            mass = new double[n];
            loss = new double[n];
            leak = new double[n];
        }

        void record(int n, double[] w, double lost, double lk) {
            int nk = grid.nk();
            double s = 0;
            for (int j = 0; j < grid.nx(); j++) {
                double r = 0;
                for (int i = 0; i < nk; i++) {
                    r += w[j * nk + i];
                }
                rho[n][j] = r * grid.dk();
                s += rho[n][j];
            }
            mass[n] = s * grid.dx();
            loss[n] = lost;
            leak[n] = lk;
        }

        RteSolution solution(String method, double[] w, int steps) {
            return new RteSolution(grid, method, times, rho, mass, loss, leak, w, steps);
        }
    }
}
