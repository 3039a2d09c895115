package org.vmse.kernel.fft;

import java.util.Arrays;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The type-1 (non-uniform to uniform) non-uniform FFT
 * <pre>
 *   G(n) = sum_k a_k exp(i omega_k n),   n = -floor(N/2) .. N - 1 - floor(N/2),
 * </pre>
 * for fixed real frequencies {@code omega_k} (only {@code omega_k mod 2 pi} matters) and complex coefficients
 * {@code a_k}, by the method of Barnett, Magland and af Klinteberg, "A parallel nonuniform fast Fourier transform
 * library based on an 'exponential of semicircle' kernel", SIAM J. Sci. Comput. 41(5), C479-C504 (2019), FINUFFT:
 * <ol>
 *   <li>spread: {@code b_l = sum_k a_k psi(l h - omega_k)} on the periodic fine grid {@code l h}, {@code h = 2 pi/n_f},
 *       {@code n_f >= 2N}, with the "exponential of semicircle" (ES) kernel
 *       {@code psi(x) = exp(beta (sqrt(1 - z^2) - 1))}, {@code z = 2x / (w h)}, which covers {@code w} fine cells;
 *   <li>one FFT of length {@code n_f}: {@code B(n) = sum_l b_l exp(i n l h)};
 *   <li>deconvolve: {@code G(n) = h B(n) / psi^(n)}, {@code psi^(xi) = int psi(x) exp(i xi x) dx}, computed once by
 *       Gauss-Legendre quadrature (as FINUFFT does).
 * </ol>
 * By Poisson summation {@code h B(n) = sum_p psi^(n + p n_f) exp(i (n + p n_f) omega)}: the terms {@code p != 0} are
 * the error, small because {@code |n| <= N/2 <= n_f/4} while the kernel's transform decays fast beyond. With the
 * upsampling {@code n_f/N >= 2} and {@code beta = 2.30 w} (the paper's choice for upsampling 2), FINUFFT's width
 * {@code w = ceil(log10(1/tol)) + 1} meets a relative 2-norm tolerance. Here the tolerance bounds the worst case,
 * {@code max_n |G~(n) - G(n)| <= tol sum_k |a_k|}, which is the worst error of a single unit point over its position
 * and {@code n} (by linearity); that was measured at {@code 7.3e-12, 9.5e-13, 1.3e-13} for {@code w = 13, 14, 15}
 * (worst where {@code n_f/N} is nearest 2, here {@code N = 1024, n_f = 2048}; {@code 2.3e-13} at {@code w = 14} for
 * {@code N = 6656, n_f = 16384}), so this class takes {@code w = ceil(log10(1/tol)) + 3}: 15 cells at
 * {@code tol = 1e-12}, {@code 1.3e-13} achieved (NonUniformFftTest). Roundoff
 * stays near {@code 1e-14} for any {@code N}: a point's fine-grid position {@code omega n_f / (2 pi)} is formed in
 * double-double (rounded, it would move {@code G(n)} by {@code |n| ulp(2 pi)}, {@code 4e-12} at {@code N = 6656}).
 *
 * <p><b>Cost.</b> The points are fixed by the {@link Plan}, so the spread is a fixed sparse matrix: the plan holds,
 * for each fine cell, the kernel values of the points {@code +-omega_k} that cover it ({@code 2 K w} terms, an
 * {@code int} and a {@code double} each: 1 MB for {@code K = 2751}, {@code w = 15}), and a transform gathers each
 * cell's sum in registers ({@code 2 K w} complex multiply-adds; {@link #transform}, which has no mirror points, gives
 * them zero coefficients and does the same work), then one FFT of length {@code n_f} and {@code N} multiplies. The
 * gather adds each cell's terms in the order a scatter of the points ({@code k} ascending, {@code +omega_k} before
 * {@code -omega_k}) into a zeroed grid would, so the results are the scatter's bit for bit, in 16-22 % less time than
 * the scatter took: it stores each cell once instead of once per term (docs/performance.md). {@code n_f >= max(2N,
 * 2w)} is a power of two or {@code 2^a 3^b 5^c} ({@link Plan#fineSize}): a type-1 transform may choose its fine grid,
 * and FFTs like these sizes (JTransforms is slow with a factor such as 13, as in the Section 4.2 grids
 * {@code M = 416 2^k}).
 * {@link #realParts} gives {@code Re G} for two coefficient sets with one FFT, or for two pairs of sets with one
 * gather (each term loaded once for the four) and an FFT a pair.
 *
 * <p>Not thread-safe (a work array and the FFT); the {@link Plan} is immutable and shared. No allocation per
 * transform.
 */
public final class NonUniformFft {

    /** The finest tolerance: 16 cells, where roundoff (~1e-14) takes over from the kernel's error. */
    public static final double MIN_TOLERANCE = 1e-13;
    /** The largest {@code |omega_k|} accepted: only {@code omega_k mod 2 pi} matters, so a larger one is a misuse. */
    public static final double MAX_OMEGA = 1e6;
    /** {@code 2 pi = TWO_PI_HI + TWO_PI_LO} to about 32 digits. */
    private static final double TWO_PI_HI = 2 * Math.PI, TWO_PI_LO = 2.4492935982947064e-16;

    /** The fixed points and everything that depends only on them: immutable, shared by threads. */
    public static final class Plan {
        final int modes, fine, width, points;
        final double tolerance, beta;
        /**
         * The spread as a sparse matrix by fine cell (CSR): cell {@code l}'s terms are {@code rowStart[l] ..
         * rowStart[l + 1] - 1}, each the kernel value {@code psi(l h -+ omega_k)} and the offset of its coefficient in
         * the work array of a transform, {@code 4k} for {@code +omega_k} and {@code 4k + 2} for {@code -omega_k};
         * in each cell in the order of {@code k}, {@code +omega_k} before {@code -omega_k}.
         */
        final int[] rowStart, source;
        final double[] value;
        /** {@code h / psi^(n)} at output index {@code j = n + floor(N/2)}. */
        final double[] correction;

        /**
         * @param omega     the frequencies {@code omega_k}, {@code |omega_k| <= }{@value #MAX_OMEGA} (only derived data
         *                  is kept)
         * @param modes     the number of outputs {@code N >= 1}
         * @param tolerance the bound on {@code max_n |G~(n) - G(n)| / sum_k |a_k|}, in {@code [}{@value
         *                  #MIN_TOLERANCE}{@code , 1)}
         */
        public Plan(double[] omega, int modes, double tolerance) {
            if (modes < 1) {
                throw new IllegalArgumentException("NUFFT output count N must be >= 1, got " + modes);
            }
            if (!(tolerance >= MIN_TOLERANCE && tolerance < 1)) {
                throw new IllegalArgumentException("NUFFT tolerance must lie in [" + MIN_TOLERANCE + ", 1), got "
                        + tolerance);
            }
            this.modes = modes;
            this.tolerance = tolerance;
            this.points = omega.length;
            this.width = (int) Math.ceil(Math.log10(1 / tolerance) - 1e-9) + 3;
            this.beta = 2.30 * width;
            this.fine = fineSize(Math.max(2 * modes, 2 * width));
            // u = omega n_f / (2 pi) in double-double: a rounded u would move the point by ~ulp(u) cells, an error
            // growing like |n| ulp(pi) in G(n) (3e-12 at N = 6656); so the kernel sees omega as given, and only the
            // integer cell index is reduced mod n_f.
            double scaleHi = fine / TWO_PI_HI;
            double scaleLo = (Math.fma(-scaleHi, TWO_PI_HI, fine) - scaleHi * TWO_PI_LO) / TWO_PI_HI;
            int[] first = new int[points], mirror = new int[points];
            double[] kernel = new double[points * width];
            for (int k = 0; k < points; k++) {
                double om = omega[k];
                if (!(Math.abs(om) <= MAX_OMEGA)) {
                    throw new IllegalArgumentException("NUFFT point omega[" + k + "] must be finite with |omega| <= "
                            + MAX_OMEGA + ", got " + om);
                }
                double uHi = om * scaleHi, uLo = Math.fma(om, scaleHi, -uHi) + om * scaleLo;
                long l0 = (long) Math.ceil(uHi - width / 2.0);
                for (int i = 0; i < width; i++) {
                    // l0 + i - uHi is exact where |uHi| >= w (Sterbenz), else within an ulp of an offset below w
                    kernel[k * width + i] = es(2 * ((l0 + i - uHi) - uLo) / width);
                }
                first[k] = (int) Math.floorMod(l0, (long) fine);
                // psi(l h + x) = psi(-l h - x): the cells of -omega_k are -(l0 + i), with the same values
                mirror[k] = (int) Math.floorMod(-(l0 + width - 1), (long) fine);
            }
            // the spread's terms by cell: count, then place them in the order the sum takes (k, then + before -)
            rowStart = new int[fine + 1];
            for (int k = 0; k < points; k++) {
                for (int i = 0; i < width; i++) {
                    rowStart[(first[k] + i) % fine + 1]++;
                    rowStart[(mirror[k] + i) % fine + 1]++;
                }
            }
            for (int l = 0; l < fine; l++) {
                rowStart[l + 1] += rowStart[l];
            }
            int[] next = Arrays.copyOf(rowStart, fine);
            source = new int[2 * points * width];
            value = new double[2 * points * width];
            for (int k = 0; k < points; k++) {
                for (int i = 0; i < width; i++) {
                    int e = next[(first[k] + i) % fine]++;
                    source[e] = 4 * k;
                    value[e] = kernel[k * width + i];
                }
                for (int i = 0; i < width; i++) { // -omega_k: the same values in reverse order
                    int e = next[(mirror[k] + i) % fine]++;
                    source[e] = 4 * k + 2;
                    value[e] = kernel[k * width + width - 1 - i];
                }
            }
            correction = deconvolution(2 * Math.PI / fine);
        }

        /** The ES kernel on {@code z in [-1, 1]}. */
        private double es(double z) {
            double s = 1 - z * z;
            return s > 0 ? Math.exp(beta * (Math.sqrt(s) - 1)) : Math.exp(-beta);
        }

        /**
         * {@code h / psi^(n)}, {@code psi^(n) = (w h / 2) 2 int_0^1 es(z) cos(n z w h / 2) dz} (even kernel). The
         * integrand is smooth but for a {@code sqrt} at {@code z = 1} of size {@code beta e^-beta}; {@code 2w + 10}
         * Gauss-Legendre nodes are more than FINUFFT's {@code 2 + 1.5 w} on the same half interval.
         */
        private double[] deconvolution(double h) {
            GaussIntegrator rule = new GaussIntegratorFactory().legendre(2 * width + 10, 0, 1);
            int q = rule.getNumberOfPoints();
            double[] z = new double[q], f = new double[q];
            for (int i = 0; i < q; i++) {
                z[i] = rule.getPoint(i);
                f[i] = rule.getWeight(i) * es(z[i]);
            }
            int half = modes / 2;
            double[] byN = new double[half + 1];
            for (int n = 0; n <= half; n++) {
                double alpha = n * width * h / 2, s = 0;
                for (int i = 0; i < q; i++) {
                    s += f[i] * Math.cos(alpha * z[i]);
                }
                byN[n] = h / (width * h * s);
            }
            double[] c = new double[modes];
            for (int j = 0; j < modes; j++) {
                c[j] = byN[Math.abs(j - half)];
            }
            return c;
        }

        /**
         * The FFT length for at least {@code min} cells: the smallest power of two unless it exceeds 1.5 times the
         * smallest {@code 2^a 3^b 5^c} ({@code a >= 1}), then that. Why: JTransforms' power-of-two transform is about
         * twice as fast per point as its mixed radix at these sizes; FFTW is indifferent.
         */
        static int fineSize(int min) {
            int smooth = Math.max(2, min + (min & 1));
            while (!fiveSmooth(smooth)) {
                smooth += 2;
            }
            long pow2 = Long.highestOneBit(Math.max(2, min - 1)) << 1;
            return pow2 <= 1.5 * smooth ? (int) pow2 : smooth;
        }

        private static boolean fiveSmooth(int n) {
            for (int p : new int[] {2, 3, 5}) {
                while (n % p == 0) {
                    n /= p;
                }
            }
            return n == 1;
        }

        /** {@code N}, the number of outputs. */
        public int modes() {
            return modes;
        }

        /** {@code K}, the number of points. */
        public int points() {
            return points;
        }

        /** {@code n_f}, the length of the FFT a {@link NonUniformFft} on this plan needs. */
        public int fineSize() {
            return fine;
        }

        /** {@code w}, the fine cells each point spreads to. */
        public int width() {
            return width;
        }

        public double tolerance() {
            return tolerance;
        }
    }

    private final Plan plan;
    private final ComplexFft fft;
    private final double[] grid;
    /**
     * The coefficients at {@code +omega_k} ({@code [4k], [4k + 1]}) and {@code -omega_k} ({@code [4k + 2],
     * [4k + 3]}).
     */
    private final double[] coefficients;
    /**
     * For {@link #realParts(double[], double[], double[], double[], double[], int, int, int, int)}: the second pair's
     * grid, and both pairs' coefficients by {@code k}, {@code +omega_k}'s four then {@code -omega_k}'s.
     */
    private final double[] secondGrid, coefficientPairs;

    /**
     * @param plan the points
     * @param fft  a transform of length {@code plan.fineSize()} (e.g. {@code backend.create(plan.fineSize())}), owned
     *             by this instance from now on
     */
    public NonUniformFft(Plan plan, ComplexFft fft) {
        if (fft.size() != plan.fine) {
            throw new IllegalArgumentException("NUFFT needs an FFT of length n_f = " + plan.fine + ", got "
                    + fft.size());
        }
        this.plan = plan;
        this.fft = fft;
        this.grid = new double[2 * plan.fine];
        this.coefficients = new double[4 * plan.points];
        this.secondGrid = new double[2 * plan.fine];
        this.coefficientPairs = new double[8 * plan.points];
    }

    /**
     * {@code out[j] = G(j - floor(N/2))}, {@code j < N}, interleaved complex ({@code out} has length {@code 2N}),
     * from the interleaved complex {@code a} of length {@code 2K}.
     */
    public void transform(double[] a, double[] out) {
        ComplexFft.requireLength(plan.points, a);
        ComplexFft.requireLength(plan.modes, out);
        for (int k = 0; k < plan.points; k++) {
            // no point at -omega_k: a zero coefficient adds +0.0 to a sum that is never -0.0, which changes no bit
            coefficients[4 * k] = a[2 * k];
            coefficients[4 * k + 1] = a[2 * k + 1];
            coefficients[4 * k + 2] = 0;
            coefficients[4 * k + 3] = 0;
        }
        spread();
        fft.forward(grid);
        int half = plan.modes / 2;
        for (int j = 0; j < plan.modes; j++) {
            int f = fineIndex(j - half);
            double c = plan.correction[j];
            out[2 * j] = c * grid[2 * f];
            out[2 * j + 1] = c * grid[2 * f + 1];
        }
    }

    /**
     * {@code out[firstAt + j] = Re G_1(j - floor(N/2))} and {@code out[secondAt + j] = Re G_2(j - floor(N/2))},
     * {@code j < N}, for the interleaved complex coefficients {@code first} and {@code second} (length {@code 2K};
     * {@code second == null}: only the first is computed), with one FFT.
     *
     * <p>Why one FFT is enough: {@code Re G = sum_k (a_k e^{i omega_k n} + conj(a_k) e^{-i omega_k n}) / 2} is the
     * transform of the Hermitian points {@code +-omega_k}; their spread grid is Hermitian ({@code b_-l = conj(b_l)})
     * and its FFT real. So the grid {@code b_1 + i b_2} transforms to {@code B_1 + i B_2}, both read off at once.
     */
    public void realParts(double[] first, double[] second, double[] out, int firstAt, int secondAt) {
        ComplexFft.requireLength(plan.points, first);
        if (second != null) {
            ComplexFft.requireLength(plan.points, second);
        }
        int n = plan.modes;
        if (firstAt < 0 || firstAt > out.length - n || second != null && (secondAt < 0 || secondAt > out.length - n)) {
            throw new IllegalArgumentException("outputs of length N = " + n + " at " + firstAt + " and " + secondAt
                    + " do not fit an array of length " + out.length);
        }
        for (int k = 0; k < plan.points; k++) {
            double r1 = first[2 * k], i1 = first[2 * k + 1];
            double r2 = second == null ? 0 : second[2 * k], i2 = second == null ? 0 : second[2 * k + 1];
            coefficients[4 * k] = r1 - i2; // a_1 + i a_2 at +omega_k
            coefficients[4 * k + 1] = i1 + r2;
            coefficients[4 * k + 2] = r1 + i2; // conj(a_1) + i conj(a_2) at -omega_k
            coefficients[4 * k + 3] = r2 - i1;
        }
        spread();
        fft.forward(grid);
        int half = n / 2;
        for (int j = 0; j < n; j++) {
            int f = fineIndex(j - half);
            double c = 0.5 * plan.correction[j];
            out[firstAt + j] = c * grid[2 * f];
            if (second != null) {
                out[secondAt + j] = c * grid[2 * f + 1];
            }
        }
    }

    /**
     * Two calls of {@link #realParts(double[], double[], double[], int, int)} at once, for the pairs
     * {@code (first, second)} and {@code (third, fourth)}, with their results bit for bit: one gather fills both pairs'
     * grids, so each term's cell and kernel value are loaded once for the four coefficient sets; then one FFT a pair.
     */
    public void realParts(double[] first, double[] second, double[] third, double[] fourth, double[] out,
                          int firstAt, int secondAt, int thirdAt, int fourthAt) {
        int n = plan.modes;
        for (double[] a : new double[][] {first, second, third, fourth}) {
            ComplexFft.requireLength(plan.points, a);
        }
        for (int at : new int[] {firstAt, secondAt, thirdAt, fourthAt}) {
            if (at < 0 || at > out.length - n) {
                throw new IllegalArgumentException("outputs of length N = " + n + " at " + at
                        + " do not fit an array of length " + out.length);
            }
        }
        double[] c = coefficientPairs;
        for (int k = 0; k < plan.points; k++) {
            double r1 = first[2 * k], i1 = first[2 * k + 1], r2 = second[2 * k], i2 = second[2 * k + 1];
            double r3 = third[2 * k], i3 = third[2 * k + 1], r4 = fourth[2 * k], i4 = fourth[2 * k + 1];
            c[8 * k] = r1 - i2; // +omega_k: the first pair's, then the second pair's
            c[8 * k + 1] = i1 + r2;
            c[8 * k + 2] = r3 - i4;
            c[8 * k + 3] = i3 + r4;
            c[8 * k + 4] = r1 + i2; // -omega_k
            c[8 * k + 5] = r2 - i1;
            c[8 * k + 6] = r3 + i4;
            c[8 * k + 7] = r4 - i3;
        }
        spreadPairs();
        fft.forward(grid);
        fft.forward(secondGrid);
        // both grids in one pass: a read-out per grid, as realParts has, measured 4 % slower for the whole field
        int half = n / 2;
        for (int j = 0; j < n; j++) {
            int f = fineIndex(j - half);
            double h = 0.5 * plan.correction[j];
            out[firstAt + j] = h * grid[2 * f];
            out[secondAt + j] = h * grid[2 * f + 1];
            out[thirdAt + j] = h * secondGrid[2 * f];
            out[fourthAt + j] = h * secondGrid[2 * f + 1];
        }
    }

    /** {@code exp(i n l h) = exp(-2 pi i l (-n) / n_f)}: the forward FFT's entry {@code -n mod n_f}. */
    private int fineIndex(int n) {
        return n <= 0 ? -n : plan.fine - n;
    }

    /**
     * {@code b_l = sum_k c_k psi(l h - omega_k)} over the points {@code +-omega_k} with the {@link #coefficients}
     * {@code c_k}: each cell's sum gathered from the plan's terms, starting from {@code +0.0} and adding the products
     * in the order of the terms, so that every cell is what adding each point's {@code w} products into a zeroed grid
     * in point order would give, bit for bit. An empty cell is {@code +0.0}.
     */
    private void spread() {
        double[] g = grid, c = coefficients, value = plan.value;
        int[] rowStart = plan.rowStart, source = plan.source;
        int e = 0;
        for (int l = 0; l < plan.fine; l++) {
            double re = 0, im = 0;
            for (int end = rowStart[l + 1]; e < end; e++) {
                int q = source[e];
                double v = value[e];
                re += c[q] * v;
                im += c[q + 1] * v;
            }
            g[2 * l] = re;
            g[2 * l + 1] = im;
        }
    }

    /**
     * {@link #spread} for two coefficient sets into {@code grid} and {@code secondGrid}, from
     * {@link #coefficientPairs}: a term of source {@code q} ({@code 4k} or {@code 4k + 2}) finds the first set's
     * coefficient at {@code 2q} and the second's at {@code 2q + 2}. Each grid gets the products and sums that
     * {@link #spread} would give it.
     */
    private void spreadPairs() {
        double[] g = grid, g2 = secondGrid, c = coefficientPairs, value = plan.value;
        int[] rowStart = plan.rowStart, source = plan.source;
        int e = 0;
        for (int l = 0; l < plan.fine; l++) {
            double re = 0, im = 0, re2 = 0, im2 = 0;
            for (int end = rowStart[l + 1]; e < end; e++) {
                int q = 2 * source[e];
                double v = value[e];
                re += c[q] * v;
                im += c[q + 1] * v;
                re2 += c[q + 2] * v;
                im2 += c[q + 3] * v;
            }
            g[2 * l] = re;
            g[2 * l + 1] = im;
            g2[2 * l] = re2;
            g2[2 * l + 1] = im2;
        }
    }

    public Plan plan() {
        return plan;
    }
}
