package org.vmse.kernel.random;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftFactory;
import org.vmse.kernel.fft.NonUniformFft;

/**
 * One realization of the truncated Karhunen-Loeve field (4.20),
 * {@code m1(t/eps, x_m/eps) = D sum_p sqrt(lambda_i sigma_j) psi_i(t) phi_j(x_m) xi_p} over the kept pairs
 * {@code p = (i, j)} of a {@link KarhunenLoeveBasis}, on the run's grid {@code x_m = m L/M}, {@code m = 0..M-1}. The
 * factor {@code eps^gamma} is the caller's.
 *
 * <p><b>Cost.</b> The field is computed for a block of {@code B} equally spaced times at once:
 * <ol>
 *   <li>time modes {@code cos/sin(w_i (t - T/2))} advance by a rotation of angle {@code w_i dt} per step, re-seeded
 *       from exact values at every block start and every 64 steps ({@code #timeModes} per step);
 *   <li>{@code c_j(t) = sum_{p with j} sqrt(lambda_i sigma_j) psi_i(t) xi_p} ({@code #pairs} per step);
 *   <li>{@code sum_j c_j(t) phi_j(x_m)}, by whichever of two methods {@link Tables} found cheaper for the grid:
 *     <ul>
 *       <li><b>dense</b>: the matrix product {@code Phi^T C} with a shared table {@code Phi}. Cosine modes are even
 *           and sine modes odd about {@code L/2}, and the grid is symmetric ({@code x_{M-m} - L/2 = -(x_m - L/2)}),
 *           so only rows {@code m = 0..M/2} are stored and the two parities are summed separately:
 *           {@code out[m] = E + O}, {@code out[M-m] = E - O} ({@code #spaceModes * M/2} per step). The product
 *           streams each table row once per block with inner loops over the {@code B} contiguous columns.
 *       <li><b>non-uniform FFT</b>: with {@code x_m - L/2 = (n - s) dx}, {@code n = m - floor(M/2)}, {@code s = 0}
 *           for even and {@code 1/2} for odd {@code M}, {@code out[m] = Re sum_j a_j exp(i omega_j n)} where
 *           {@code omega_j = v_j dx}, {@code a_j = c_j norm_j e^{-i omega_j s}} for cosine and {@code -i} times
 *           that for sine modes ({@code Re(-i e^{i theta}) = sin theta}): a type-1 {@link NonUniformFft} at
 *           tolerance {@value #NUFFT_TOLERANCE} relative to {@code sum_j |a_j|}, two time steps per FFT of length
 *           {@code n_f ~ 2M} and four per gather ({@code #spaceModes * 2w} multiply-adds, {@code w = 15}, and half
 *           an FFT per step).
 *     </ul>
 * </ol>
 * The dense sum costs {@code M * #spaceModes} multiply-adds per step (9.2M at {@code eps = 2^-10}, with a 73 MB
 * table), the non-uniform FFT about {@code #spaceModes * 2w} plus half an FFT of {@code ~2M}; docs/performance.md
 * has both timed at the paper's grids, where the non-uniform FFT wins by far. {@link Tables} keeps the dense sum only
 * on grids much coarser than the paper's.
 *
 * <p><b>In time.</b> On a fine schedule the time modes vary far more slowly than the steps come: the field is then
 * computed as above only at every {@code E}-th scheduled time (the nodes, in blocks of {@code B}) and interpolated
 * between by a centred {@code P}-point Lagrange stencil, {@code P} multiply-adds a point. {@link TimeInterpolation}
 * chooses {@code (E, P)} per realization and schedule from an a-priori bound of the interpolation error, at most
 * {@link #NUFFT_TOLERANCE} times {@code S = sum_q |coef_q| max|phi_j|} (which bounds the non-uniform FFT's scale at
 * every time), and takes {@code E = 1}, every time computed exactly, where interpolating does not pay or the steps
 * are too long for the bound: then {@code fill} is bit for bit what it was without interpolation. For one Gaussian
 * realization on Section 4.2's mesh {@code dt = eps^1.2 / 8}, at the half steps, with the non-uniform FFT's tables
 * (the choice depends on {@code xi} and the tables): {@code (E, P) = (2, 22)} at
 * {@code eps = 2^-6}, {@code (4, 18)} at {@code 2^-8}, {@code (8, 20)} at {@code 2^-10}; five times longer steps
 * give {@code E = 1}.
 *
 * <p><b>Use.</b> One instance per thread, reused across realizations: {@link #reset} installs the {@code xi} of a
 * realization, {@link #setSchedule} the stepper's times {@code t_n = tFirst + n dt} (e.g. the half steps
 * {@code t0 + (n + 1/2) dt}), then {@link #fill(int, double[])} or {@link #fill(double, double[])}. No allocation after
 * construction. Not thread-safe; the {@link Tables} are immutable and shared.
 */
public final class KarhunenLoeveField {

    /** Steps between exact re-seeds of the rotation recurrence (bounds the drift to ~64 ulps of phase). */
    public static final int RESEED_INTERVAL = 64;
    /** Default block of time steps computed together. */
    public static final int DEFAULT_BLOCK = 32;

    /**
     * Accuracy of the non-uniform FFT relative to {@code sum_j |c_j norm_j|}, the field's largest possible value; and
     * the most the interpolation in time may add by its bound, relative to {@code S = sum_q |coef_q| max|phi_j|}
     * ({@link #fieldBound}), an upper bound of that value at every time.
     */
    public static final double NUFFT_TOLERANCE = 1e-12;

    /**
     * Read-only data shared by all realizations on one grid: the pair layout, and either the half table of
     * {@code phi_j(x_m)} or the non-uniform FFT's plan, whichever method is cheaper (see {@link #tables}).
     */
    public static final class Tables {
        final KarhunenLoeveBasis basis;
        final int gridPoints, rows, nCos, nSpace, nTime, pairs;
        /**
         * Dense method: rows x nSpace, row-major (phi_j(x_r) at [r * nSpace + k]); k < nCos is j = 2k+1, nCos + k is
         * j = 2k+2 (the column order of every per-mode array here). {@code null} under the non-uniform FFT.
         */
        final double[] table;
        /** Non-uniform FFT method: its plan, points {@code omega_j} in column order; {@code null} under the dense. */
        final NonUniformFft.Plan spatial;
        /** Non-uniform FFT method: {@code a_j / c_j} by column, interleaved complex; {@code null} under the dense. */
        final double[] factor;
        /** slot q (sorted by column, then time index) holds basis pair order[q]. */
        final int[] order, timeIndex;
        /** The slots of column k are {@code columnStart[k] .. columnStart[k+1] - 1}. */
        final int[] columnStart;
        /** D sqrt(lambda_i sigma_j) / norm of psi_i, per slot. */
        final double[] weight;
        final double[] w;

        /** {@code nonUniform}: the method of step 3, {@code null} for the cheaper one. */
        private Tables(KarhunenLoeveBasis basis, int gridPoints, Boolean nonUniform) {
            if (gridPoints < 1) {
                throw new IllegalArgumentException("grid size M must be >= 1, got " + gridPoints);
            }
            this.basis = basis;
            this.gridPoints = gridPoints;
            this.rows = gridPoints / 2 + 1;
            this.nSpace = basis.spaceModeCount();
            this.nCos = (nSpace + 1) / 2;
            this.nTime = basis.timeModeCount();
            this.pairs = basis.pairCount();
            double[] omega = new double[nSpace];
            for (int j = 1; j <= nSpace; j++) {
                omega[column(j)] = basis.spaceRoot(j) * basis.spaceLength() / gridPoints; // v_j dx
            }
            NonUniformFft.Plan nufft = new NonUniformFft.Plan(omega, gridPoints, NUFFT_TOLERANCE);
            boolean useNufft = nonUniform != null ? nonUniform
                    : (double) nSpace * rows > NUFFT_BREAK_EVEN * nonUniformCost(nufft);
            spatial = useNufft ? nufft : null;
            factor = useNufft ? factors(omega) : null;
            table = useNufft ? null : table();
            order = IntStream.range(0, pairs).boxed()
                    .sorted(Comparator.<Integer>comparingInt(p -> column(basis.pairSpaceIndex(p)))
                            .thenComparingInt(basis::pairTimeIndex))
                    .mapToInt(Integer::intValue).toArray();
            timeIndex = new int[pairs];
            weight = new double[pairs];
            columnStart = new int[nSpace + 1];
            double d = basis.covariance().D();
            for (int q = 0; q < pairs; q++) {
                int i = basis.pairTimeIndex(order[q]), j = basis.pairSpaceIndex(order[q]);
                columnStart[column(j) + 1]++;
                timeIndex[q] = i - 1;
                weight[q] = d * Math.sqrt(basis.timeEigenvalue(i) * basis.spaceEigenvalue(j)) * basis.psiNorm(i);
            }
            for (int k = 0; k < nSpace; k++) {
                columnStart[k + 1] += columnStart[k];
            }
            w = new double[nTime];
            for (int i = 1; i <= nTime; i++) {
                w[i - 1] = basis.timeRoot(i);
            }
        }

        private int column(int j) {
            return j % 2 == 1 ? (j - 1) / 2 : nCos + j / 2 - 1;
        }

        /** {@code phi_j(x_r)}, {@code r <= M/2}, at {@code [r * nSpace + column(j)]}. */
        private double[] table() {
            double[] t = new double[rows * nSpace];
            for (int r = 0; r < rows; r++) {
                double x = r * basis.spaceLength() / gridPoints;
                for (int j = 1; j <= nSpace; j++) {
                    t[r * nSpace + column(j)] = basis.phi(j, x);
                }
            }
            return t;
        }

        /**
         * {@code a_j / c_j}: {@code norm_j e^{-i omega_j s}} for cosine and {@code -i norm_j e^{-i omega_j s}} for sine
         * modes, {@code s = 0} for even and {@code 1/2} for odd {@code M} (then {@code x_m - L/2 = (n - 1/2) dx}).
         */
        private double[] factors(double[] omega) {
            double s = gridPoints % 2 == 0 ? 0 : 0.5;
            double[] f = new double[2 * nSpace];
            for (int j = 1; j <= nSpace; j++) {
                int k = column(j);
                double norm = basis.phiNorm(j), re = norm * Math.cos(omega[k] * s), im = -norm * Math.sin(omega[k] * s);
                f[2 * k] = j % 2 == 1 ? re : im;
                f[2 * k + 1] = j % 2 == 1 ? im : -re;
            }
            return f;
        }

        public KarhunenLoeveBasis basis() {
            return basis;
        }

        public int gridPoints() {
            return gridPoints;
        }

        /** Whether step 3 is the non-uniform FFT (else the dense product). */
        public boolean nonUniform() {
            return spatial != null;
        }

        /**
         * The exact field's work per time in dense multiply-adds: step 1's rotation (four per time mode), step 2
         * ({@code #pairs}) and step 3 ({@code #spaceModes (M/2 + 1)}, or {@link #nonUniformCost}).
         */
        double stepCost() {
            return 4.0 * nTime + pairs + (spatial != null ? nonUniformCost(spatial) : (double) nSpace * rows);
        }
    }

    /**
     * The shared tables for {@code basis} on the grid {@code x_m = m L/M}, {@code m = 0..M-1}, with the cheaper method
     * for step 3: the non-uniform FFT where the dense product's {@code #spaceModes (M/2 + 1)} multiply-adds per step
     * exceed {@link #NUFFT_BREAK_EVEN} times its cost model {@link #nonUniformCost}.
     */
    public static Tables tables(KarhunenLoeveBasis basis, int gridPoints) {
        return new Tables(basis, gridPoints, null);
    }

    /** The tables with the method for step 3 chosen by the caller (tests, measurements). */
    static Tables tables(KarhunenLoeveBasis basis, int gridPoints, boolean nonUniform) {
        return new Tables(basis, gridPoints, nonUniform);
    }

    /**
     * Where the two methods cost the same, in units of {@link #nonUniformCost}: timed whole {@code fill}s per step
     * (docs/performance.md) break even at ratios 1.2-1.4, and at Section 4.2's grids (ratios 2.7 at
     * {@code eps = 2^-6}, 7.6 at {@code 2^-8}) the non-uniform FFT is well ahead. FFTW moves the crossover lower; the
     * tiny grids it would change do not matter.
     */
    static final double NUFFT_BREAK_EVEN = 1.3;

    /**
     * The non-uniform FFT's work per time step in dense multiply-adds: the spread ({@code 2w} per mode, as the
     * points {@code +-omega_j} serve two time steps) and half an FFT of length {@code n_f}, counted
     * {@code 5 n_f log2 n_f / 2} flops, so about half that in multiply-adds.
     */
    static double nonUniformCost(NonUniformFft.Plan p) {
        double fine = p.fineSize();
        return 2.0 * p.width() * p.points() + 1.25 * fine * Math.log(fine) / Math.log(2);
    }

    private final Tables tables;
    private final int block;
    /** Nodes the window of an interpolated schedule holds: the blocks that {@code MAX_POINTS} nodes can touch. */
    private final int slots;
    private final double[] coef, g, c, rotCos, rotSin;
    /**
     * The block of {@code B} computed times, {@code M} doubles each: the block at {@code blockStart} when every
     * scheduled time is exact, else the nodes being computed.
     */
    private final double[] out;
    /**
     * Node {@code k} in row {@code floorMod(k, slots)}: an array per node, as the JIT vectorizes the stencil's sum
     * over rows of distinct arrays (2.5 times faster than over rows of one array at different offsets).
     */
    private final double[][] nodes;
    private final TimeInterpolation interpolation;
    /** Dense method's sums of one row; {@code null} under the non-uniform FFT. */
    private final double[] accE, accO;
    /** Non-uniform FFT method: the transform and the coefficients {@code a_j} of two time steps; else {@code null}. */
    private final NonUniformFft spatial;
    private final double[] firstA, secondA, thirdA, fourthA;
    private double tFirst = Double.NaN, dt = Double.NaN;
    /** The time between computed times, {@code E dt}; {@code rotCos, rotSin} turn the time modes by it. */
    private double nodeStep = Double.NaN;
    private long blockStart = -1;
    private int blockLength;
    /** The nodes {@code windowLo .. windowHi - 1} are computed (a union of whole blocks); empty when equal. */
    private long windowLo, windowHi;
    private boolean ready;

    /** A field with the default block of {@value #DEFAULT_BLOCK} time steps (JTransforms for a non-uniform FFT). */
    public KarhunenLoeveField(Tables tables) {
        this(tables, DEFAULT_BLOCK);
    }

    /** A field computing {@code blockSize} time steps at once (JTransforms for a non-uniform FFT). */
    public KarhunenLoeveField(Tables tables, int blockSize) {
        this(tables, blockSize, FftBackend.JTRANSFORMS);
    }

    /** As {@link #KarhunenLoeveField(Tables, int)}, with the run's transforms for a non-uniform FFT. */
    public KarhunenLoeveField(Tables tables, int blockSize, FftFactory fft) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be >= 1, got " + blockSize);
        }
        this.tables = tables;
        this.block = blockSize;
        coef = new double[tables.pairs];
        g = new double[tables.nTime * blockSize];
        c = new double[tables.nSpace * blockSize];
        boolean nufft = tables.spatial != null;
        accE = nufft ? null : new double[blockSize];
        accO = nufft ? null : new double[blockSize];
        spatial = nufft ? new NonUniformFft(tables.spatial, fft.create(tables.spatial.fineSize())) : null;
        firstA = nufft ? new double[2 * tables.nSpace] : null;
        secondA = nufft ? new double[2 * tables.nSpace] : null;
        thirdA = nufft ? new double[2 * tables.nSpace] : null;
        fourthA = nufft ? new double[2 * tables.nSpace] : null;
        slots = blockSize * ((TimeInterpolation.MAX_POINTS - 2) / blockSize + 2);
        out = new double[tables.gridPoints * blockSize];
        nodes = new double[slots][tables.gridPoints];
        rotCos = new double[tables.nTime];
        rotSin = new double[tables.nTime];
        interpolation = new TimeInterpolation(tables);
    }

    /** Installs a realization: {@code xi[p]} multiplies kept pair {@code p} of the basis (its order). */
    public void reset(double[] xi) {
        if (xi.length != tables.pairs) {
            throw new IllegalArgumentException("xi must have one entry per kept pair (" + tables.pairs + "), got "
                    + xi.length);
        }
        for (int q = 0; q < coef.length; q++) {
            coef[q] = tables.weight[q] * xi[tables.order[q]];
        }
        interpolation.coefficients(coef);
        ready = true;
        chooseNodes();
    }

    /**
     * Declares the equally spaced times {@code t_n = tFirst + n dt}, {@code n >= 0}, that {@code fill} serves (and,
     * with the realization, chooses the nodes in time).
     */
    public void setSchedule(double tFirst, double dt) {
        if (!(dt > 0) || !Double.isFinite(tFirst)) {
            throw new IllegalArgumentException("schedule needs finite tFirst and dt > 0, got " + tFirst + ", " + dt);
        }
        this.tFirst = tFirst;
        this.dt = dt;
        chooseNodes();
    }

    /**
     * Once both a realization and a schedule are installed: the node spacing {@code E} and stencil {@code P} from
     * the bound of {@link TimeInterpolation}, the rotation by {@code E dt}, and an empty cache.
     */
    private void chooseNodes() {
        invalidateBlock();
        if (!ready || Double.isNaN(dt)) {
            return;
        }
        interpolation.choose(dt, tables.stepCost(), tables.gridPoints);
        double step = interpolation.spacing() * dt;
        if (step != nodeStep) {
            nodeStep = step;
            for (int i = 0; i < tables.nTime; i++) {
                rotCos[i] = Math.cos(tables.w[i] * step);
                rotSin[i] = Math.sin(tables.w[i] * step);
            }
        }
    }

    /**
     * Forces the node spacing {@code E} and stencil {@code P} whatever the bound ({@code E = 1}: exact; tests,
     * measurements), for the life of this field: at once and at every later {@link #reset} or {@link #setSchedule}.
     */
    public void forceNodes(int spacing, int points) {
        interpolation.force(spacing, points);
        chooseNodes();
    }

    /** {@code E}: the field is computed exactly at every {@code E}-th scheduled time (1: at every one). */
    public int nodeSpacing() {
        return interpolation.spacing();
    }

    /** {@code P}: the points of the Lagrange stencil between nodes; 0 when {@link #nodeSpacing} is 1. */
    public int stencilPoints() {
        return interpolation.points();
    }

    /**
     * The a-priori bound of the interpolation's error relative to {@link #fieldBound} (at most
     * {@link #NUFFT_TOLERANCE} unless forced); 0 when {@link #nodeSpacing} is 1.
     */
    public double interpolationBound() {
        return interpolation.bound();
    }

    /** {@code S = sum_q |coef_q| max|phi_j|}, a bound of {@code |m1|} everywhere and the bound's scale. */
    public double fieldBound() {
        return interpolation.scale();
    }

    /**
     * Writes the field at {@code t_step = tFirst + step dt} into {@code dest[0..M-1]}.
     *
     * <p>With {@code E = 1}, steps in the cached block are a copy; any other step computes the block
     * {@code step .. step + B - 1}. With {@code E > 1}, {@code step = c E + r} is node {@code c} ({@code r = 0}) or
     * the stencil's sum over nodes {@code c + 1 - P/2 .. c + P/2}; nodes are computed in blocks fixed by the node
     * index alone ({@code [b B, (b+1) B)}, the first cut at {@code 1 - P/2}, the lowest node a step can use), so the
     * bits served for a step do not depend on which steps were asked for before.
     */
    public void fill(int step, double[] dest) {
        if (Double.isNaN(dt)) {
            throw new IllegalStateException("setSchedule first");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        int e = interpolation.spacing();
        if (e == 1) {
            if (step < blockStart || step >= blockStart + blockLength) {
                compute(tFirst + step * dt, dt, block, true, out, 0);
                blockStart = step;
                blockLength = block;
            }
            System.arraycopy(out, (int) (step - blockStart) * tables.gridPoints, dest, 0, tables.gridPoints);
            return;
        }
        int node = step / e, r = step - node * e, p = interpolation.points();
        long first = node + 1 - p / 2;
        ensureNodes(first, node + p / 2);
        if (r == 0) {
            System.arraycopy(nodes[slot(node)], 0, dest, 0, tables.gridPoints);
        } else {
            interpolate(first, r, dest);
        }
    }

    private int slot(long node) {
        return (int) Math.floorMod(node, (long) slots);
    }

    /**
     * Makes nodes {@code first .. last} available: the window becomes the blocks covering them, computing those not
     * in the old window. At most {@code slots} nodes, so no two share a slot.
     */
    private void ensureNodes(long first, long last) {
        if (first >= windowLo && last < windowHi) {
            return;
        }
        long lowest = 1 - interpolation.points() / 2;
        long lo = Math.max(Math.floorDiv(first, block) * block, lowest);
        long hi = (Math.floorDiv(last, block) + 1) * block;
        for (long s = lo, end; s < hi; s = end) {
            end = (Math.floorDiv(s, block) + 1) * block;
            if (!(s >= windowLo && end <= windowHi)) {
                int width = (int) (end - s), m = tables.gridPoints;
                compute(tFirst + s * nodeStep, nodeStep, width, true, out, 0);
                for (int b = 0; b < width; b++) {
                    System.arraycopy(out, b * m, nodes[slot(s + b)], 0, m);
                }
            }
        }
        windowLo = lo;
        windowHi = hi;
    }

    /**
     * {@code dest = sum_k l_k(r/E) node(first + k)}, {@code k < P}, four nodes a pass over {@code dest}, in the same
     * order whatever the history.
     */
    private void interpolate(long first, int r, double[] dest) {
        int m = tables.gridPoints, p = interpolation.points(), wb = r * p;
        double[] w = interpolation.weights();
        Arrays.fill(dest, 0, m, 0);
        int k = 0;
        for (; k + 3 < p; k += 4) {
            double w0 = w[wb + k], w1 = w[wb + k + 1], w2 = w[wb + k + 2], w3 = w[wb + k + 3];
            double[] y0 = nodes[slot(first + k)], y1 = nodes[slot(first + k + 1)], y2 = nodes[slot(first + k + 2)],
                    y3 = nodes[slot(first + k + 3)];
            for (int j = 0; j < m; j++) {
                dest[j] += w0 * y0[j] + w1 * y1[j] + w2 * y2[j] + w3 * y3[j];
            }
        }
        for (; k < p; k++) {
            double w0 = w[wb + k];
            double[] y0 = nodes[slot(first + k)];
            for (int j = 0; j < m; j++) {
                dest[j] += w0 * y0[j];
            }
        }
    }

    /**
     * Writes the field at time {@code t}. A time within {@code 1e-6 dt} of a scheduled {@code t_n} is served as step
     * {@code n}, {@link #fill(int, double[])} (a phase change of at most {@code 1e-6 w_max dt}, below the stepper's own
     * error); any other time, or no schedule, is evaluated directly ({@link #fillAt}), which costs a full block column.
     */
    public void fill(double t, double[] dest) {
        if (!Double.isNaN(dt)) {
            double n = Math.rint((t - tFirst) / dt);
            if (n >= 0 && n < Integer.MAX_VALUE && Math.abs(t - (tFirst + n * dt)) <= 1e-6 * dt) {
                fill((int) n, dest);
                return;
            }
        }
        fillAt(t, dest);
    }

    /**
     * Writes the field at an arbitrary time {@code t} (exact time modes). The nodes are kept; with {@code E = 1} the
     * block is dropped, so the next step starts a block as it always has.
     */
    public void fillAt(double t, double[] dest) {
        compute(t, 0, 1, false, dest, 0);
        blockStart = -1;
        blockLength = 0;
    }

    /**
     * The field at {@code t0 + b step}, {@code b < width}, into {@code dest[at + b M ..]}; time modes by rotation
     * (re-seeded every {@value #RESEED_INTERVAL}) or, without {@code rotate}, exactly.
     */
    private void compute(double t0, double step, int width, boolean rotate, double[] dest, int at) {
        if (!ready) {
            throw new IllegalStateException("reset(xi) first");
        }
        double half = tables.basis.timeLength() / 2;
        // 1. time modes: cos for odd i (even 0-based index), sin for even i
        for (int i = 0; i < tables.nTime; i++) {
            double wi = tables.w[i], cr = rotCos[i], sr = rotSin[i], co = 0, si = 0;
            boolean cosMode = i % 2 == 0;
            int base = i * width;
            for (int b = 0; b < width; b++) {
                if (b % RESEED_INTERVAL == 0 || !rotate) {
                    double arg = wi * (t0 + b * step - half);
                    co = Math.cos(arg);
                    si = Math.sin(arg);
                } else {
                    double cn = co * cr - si * sr;
                    si = si * cr + co * sr;
                    co = cn;
                }
                g[base + b] = cosMode ? co : si;
            }
        }
        // 2. coefficients of the space modes, column by column; four pairs per pass over a row, added in slot order
        // as one at a time would add them (the same sums), with a quarter of the row's loads and stores
        Arrays.fill(c, 0, tables.nSpace * width, 0);
        int[] start = tables.columnStart, ti = tables.timeIndex;
        for (int k = 0; k < tables.nSpace; k++) {
            int cb = k * width, q = start[k], end = start[k + 1];
            for (; q + 3 < end; q += 4) {
                double f0 = coef[q], f1 = coef[q + 1], f2 = coef[q + 2], f3 = coef[q + 3];
                int g0 = ti[q] * width, g1 = ti[q + 1] * width, g2 = ti[q + 2] * width, g3 = ti[q + 3] * width;
                for (int b = 0; b < width; b++) {
                    double v = c[cb + b];
                    v += f0 * g[g0 + b];
                    v += f1 * g[g1 + b];
                    v += f2 * g[g2 + b];
                    v += f3 * g[g3 + b];
                    c[cb + b] = v;
                }
            }
            for (; q < end; q++) {
                double f = coef[q];
                int gb = ti[q] * width;
                for (int b = 0; b < width; b++) {
                    c[cb + b] += f * g[gb + b];
                }
            }
        }
        // 3. spatial sum
        if (spatial != null) {
            nonUniformSum(width, dest, at);
        } else {
            denseSum(width, dest, at);
        }
    }

    /** Step 3 by the non-uniform FFT, two time steps per transform, four per gather while four remain. */
    private void nonUniformSum(int width, double[] dest, int at) {
        int m = tables.gridPoints;
        int b = 0;
        for (; b + 3 < width; b += 4) {
            coefficients(b, width, firstA);
            coefficients(b + 1, width, secondA);
            coefficients(b + 2, width, thirdA);
            coefficients(b + 3, width, fourthA);
            spatial.realParts(firstA, secondA, thirdA, fourthA, dest, at + b * m, at + (b + 1) * m, at + (b + 2) * m,
                    at + (b + 3) * m);
        }
        for (; b < width; b += 2) {
            boolean two = b + 1 < width;
            coefficients(b, width, firstA);
            if (two) {
                coefficients(b + 1, width, secondA);
            }
            spatial.realParts(firstA, two ? secondA : null, dest, at + b * m, at + (b + 1) * m);
        }
    }

    /** {@code a_k = c_k(t_b) factor_k}, interleaved complex, by column {@code k}. */
    private void coefficients(int b, int width, double[] a) {
        double[] f = tables.factor;
        for (int k = 0; k < tables.nSpace; k++) {
            double ck = c[k * width + b];
            a[2 * k] = ck * f[2 * k];
            a[2 * k + 1] = ck * f[2 * k + 1];
        }
    }

    /** Step 3 as the product with the half table: even (cos) and odd (sin) parts. */
    private void denseSum(int width, double[] dest, int at) {
        int ns = tables.nSpace, nc = tables.nCos, m = tables.gridPoints;
        double[] tab = tables.table;
        for (int r = 0; r < tables.rows; r++) {
            accumulate(tab, r * ns, 0, nc, width, accE);
            accumulate(tab, r * ns, nc, ns, width, accO);
            int mirror = m - r;
            for (int b = 0; b < width; b++) {
                dest[at + b * m + r] = accE[b] + accO[b];
                if (r > 0 && mirror != r) {
                    dest[at + b * m + mirror] = accE[b] - accO[b];
                }
            }
        }
    }

    /** acc[b] = sum_{k in [from, to)} tab[row + k] * c[k * width + b], b < width (inner loops over contiguous b). */
    private void accumulate(double[] tab, int row, int from, int to, int width, double[] acc) {
        Arrays.fill(acc, 0, width, 0);
        double[] cc = c;
        int k = from;
        for (; k + 3 < to; k += 4) {
            double s0 = tab[row + k], s1 = tab[row + k + 1], s2 = tab[row + k + 2], s3 = tab[row + k + 3];
            int c0 = k * width, c1 = c0 + width, c2 = c1 + width, c3 = c2 + width;
            for (int b = 0; b < width; b++) {
                acc[b] += s0 * cc[c0 + b] + s1 * cc[c1 + b] + s2 * cc[c2 + b] + s3 * cc[c3 + b];
            }
        }
        for (; k < to; k++) {
            double s = tab[row + k];
            int c0 = k * width;
            for (int b = 0; b < width; b++) {
                acc[b] += s * cc[c0 + b];
            }
        }
    }

    /**
     * Forgets the cached block and nodes: {@code blockStart = -1} alone would still cover steps
     * {@code 0 .. blockLength-2}.
     */
    private void invalidateBlock() {
        blockStart = -1;
        blockLength = 0;
        windowLo = 0;
        windowHi = 0;
    }

    public Tables tables() {
        return tables;
    }
}
