package org.vmse.kernel.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The type-1 NUFFT against the direct sum {@code G(n) = sum_k a_k exp(i omega_k n)}. Tolerances: the class's
 * contract, {@code max_n |G~(n) - G(n)| <= tol sum_k |a_k|}; the reference is exact to ~1e-15 (its phase
 * {@code omega n} is formed with an FMA error term), so a failure is the NUFFT's.
 */
class NonUniformFftTest {

    /** {@code G(j - floor(N/2))}, interleaved complex. */
    private static double[] direct(double[] omega, double[] a, int modes) {
        double[] g = new double[2 * modes];
        for (int j = 0; j < modes; j++) {
            int n = j - modes / 2;
            for (int k = 0; k < omega.length; k++) {
                double p = omega[k] * n, e = Math.fma(omega[k], n, -p);
                double c = Math.cos(p) - Math.sin(p) * e, s = Math.sin(p) + Math.cos(p) * e;
                g[2 * j] += a[2 * k] * c - a[2 * k + 1] * s;
                g[2 * j + 1] += a[2 * k] * s + a[2 * k + 1] * c;
            }
        }
        return g;
    }

    private static double absSum(double[] a) {
        double s = 0;
        for (int k = 0; k < a.length / 2; k++) {
            s += Math.hypot(a[2 * k], a[2 * k + 1]);
        }
        return s;
    }

    /** Random points in [-pi, pi] with the edges +-pi, points next to them, 0 and two beyond one period. */
    private static double[] points(Random r, int count) {
        double[] om = new double[count];
        for (int k = 0; k < count; k++) {
            om[k] = Math.PI * (2 * r.nextDouble() - 1);
        }
        double[] special = {Math.PI, -Math.PI, Math.PI - 1e-13, -Math.PI + 1e-13, 0, 7.5, -20.25};
        System.arraycopy(special, 0, om, 0, Math.min(count, special.length));
        return om;
    }

    private static double[] gaussians(Random r, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void transformMatchesTheDirectSumWithinTheTolerance() {
        Random r = new Random(11);
        for (double tol : new double[] {1e-3, 1e-6, 1e-9, 1e-12}) {
            for (int modes : new int[] {1, 2, 7, 16, 33, 100, 257, 1024}) { // odd and even N, n_f/N from 2 to 32
                int count = 1 + r.nextInt(200);
                double[] om = points(r, count), a = gaussians(r, 2 * count);
                NonUniformFft.Plan plan = new NonUniformFft.Plan(om, modes, tol);
                NonUniformFft nufft = new NonUniformFft(plan, new JTransformsFft(plan.fineSize()));
                double[] out = new double[2 * modes];
                nufft.transform(a, out);
                double[] g = direct(om, a, modes);
                double err = 0;
                for (int j = 0; j < modes; j++) {
                    err = Math.max(err, Math.hypot(out[2 * j] - g[2 * j], out[2 * j + 1] - g[2 * j + 1]));
                }
                assertTrue(err <= tol * absSum(a), "tol " + tol + ", N = " + modes + ", K = " + count
                        + ": error " + err / absSum(a) + " of sum |a_k|");
                assertTrue(plan.fineSize() >= 2 * modes, "upsampling at least 2");
            }
        }
    }

    @Test
    void aSinglePointAtAWorstCaseGridIsWithinTheTolerance() {
        // n_f/N = 2 exactly and |n| up to n_f/4: where the aliasing error is largest. Linearity makes the worst
        // single unit point the bound for any coefficients, so scan its position across two fine cells.
        int modes = 1024;
        double tol = 1e-12, worst = 0;
        for (int q = 0; q < 40; q++) {
            double om = 1.0 + q * 2 * Math.PI / 2048 / 20;
            NonUniformFft.Plan plan = new NonUniformFft.Plan(new double[] {om}, modes, tol);
            assertEquals(2048, plan.fineSize());
            double[] out = new double[2 * modes];
            new NonUniformFft(plan, new JTransformsFft(plan.fineSize())).transform(new double[] {1, 0}, out);
            double[] g = direct(new double[] {om}, new double[] {1, 0}, modes);
            for (int j = 0; j < modes; j++) {
                worst = Math.max(worst, Math.hypot(out[2 * j] - g[2 * j], out[2 * j + 1] - g[2 * j + 1]));
            }
        }
        // measured 1.3e-13 (w = 15); w = 14 gives 9.5e-13, w = 13 7.3e-12 (fails)
        assertTrue(worst <= tol, "worst single-point error " + worst);
    }

    @Test
    void realPartsOfTwoCoefficientSetsShareOneTransform() {
        Random r = new Random(12);
        double tol = 1e-12;
        for (int modes : new int[] {1, 6, 15, 416, 417}) {
            int count = 150;
            double[] om = points(r, count), a = gaussians(r, 2 * count), b = gaussians(r, 2 * count);
            NonUniformFft.Plan plan = new NonUniformFft.Plan(om, modes, tol);
            NonUniformFft nufft = new NonUniformFft(plan, new JTransformsFft(plan.fineSize()));
            double[] out = new double[3 * modes + 5];
            nufft.realParts(a, b, out, 5, 2 * modes + 5); // anywhere in the array, in either order
            double[] ga = direct(om, a, modes), gb = direct(om, b, modes);
            double[] alone = new double[modes];
            nufft.realParts(b, null, alone, 0, -1);
            for (int j = 0; j < modes; j++) {
                assertEquals(ga[2 * j], out[5 + j], tol * absSum(a), "first, N = " + modes + ", j = " + j);
                assertEquals(gb[2 * j], out[2 * modes + 5 + j], tol * absSum(b), "second, N = " + modes);
                assertEquals(gb[2 * j], alone[j], tol * absSum(b), "second alone, N = " + modes);
            }
        }
    }

    @Test
    void isLinearAndConstantForAPointAtZero() {
        Random r = new Random(13);
        int modes = 64, count = 30;
        double[] om = points(r, count);
        NonUniformFft.Plan plan = new NonUniformFft.Plan(om, modes, 1e-6);
        NonUniformFft nufft = new NonUniformFft(plan, new JTransformsFft(plan.fineSize()));
        double[] a = gaussians(r, 2 * count), b = gaussians(r, 2 * count), sum = new double[2 * count];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] - 2.5 * b[i];
        }
        double[] ga = new double[2 * modes], gb = new double[2 * modes], gs = new double[2 * modes];
        nufft.transform(a, ga);
        nufft.transform(b, gb);
        nufft.transform(sum, gs);
        for (int i = 0; i < gs.length; i++) {
            // linear to roundoff, whatever the tolerance
            assertEquals(ga[i] - 2.5 * gb[i], gs[i], 1e-13 * (absSum(a) + 2.5 * absSum(b)));
        }
        // omega = 0: G(n) = a_0 for every n
        NonUniformFft.Plan zero = new NonUniformFft.Plan(new double[] {0}, modes, 1e-6);
        double[] g = new double[2 * modes];
        new NonUniformFft(zero, new JTransformsFft(zero.fineSize())).transform(new double[] {0.5, -2}, g);
        for (int j = 0; j < modes; j++) {
            assertEquals(0.5, g[2 * j], 1e-6);
            assertEquals(-2, g[2 * j + 1], 1e-6);
        }
    }

    /**
     * The spread as the plain scatter: each point's {@code w} products {@code (re, im) psi} added into a zeroed grid,
     * {@code k} ascending, {@code +omega_k} before {@code -omega_k} ({@code minus == null}: no mirror points), with
     * the kernel as the class documents it ({@code u = omega n_f / (2 pi)} in double-double, first cell
     * {@code ceil(u - w/2)}, {@code beta = 2.30 w}); the mirror's cells are the negated ones.
     */
    private static double[] scatter(double[] omega, double[] plus, double[] minus, int fine, int w) {
        double beta = 2.30 * w, twoPiHi = 2 * Math.PI, twoPiLo = 2.4492935982947064e-16;
        double scaleHi = fine / twoPiHi;
        double scaleLo = (Math.fma(-scaleHi, twoPiHi, fine) - scaleHi * twoPiLo) / twoPiHi;
        double[] grid = new double[2 * fine];
        for (int k = 0; k < omega.length; k++) {
            double uHi = omega[k] * scaleHi, uLo = Math.fma(omega[k], scaleHi, -uHi) + omega[k] * scaleLo;
            long l0 = (long) Math.ceil(uHi - w / 2.0);
            double[] psi = new double[w];
            for (int i = 0; i < w; i++) {
                double z = 2 * ((l0 + i - uHi) - uLo) / w, s = 1 - z * z;
                psi[i] = s > 0 ? Math.exp(beta * (Math.sqrt(s) - 1)) : Math.exp(-beta);
            }
            for (int i = 0; i < w; i++) {
                int p = 2 * (int) Math.floorMod(l0 + i, (long) fine);
                grid[p] += plus[2 * k] * psi[i];
                grid[p + 1] += plus[2 * k + 1] * psi[i];
            }
            for (int i = 0; minus != null && i < w; i++) {
                int p = 2 * (int) Math.floorMod(-(l0 + i), (long) fine);
                grid[p] += minus[2 * k] * psi[i];
                grid[p + 1] += minus[2 * k + 1] * psi[i];
            }
        }
        return grid;
    }

    private static long[] bits(double[] x) {
        long[] b = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Double.doubleToRawLongBits(x[i]);
        }
        return b;
    }

    @Test
    void theGatheredSpreadIsTheScatterBitForBit() {
        // points on top of each other, at 0 (+omega_k and -omega_k share cells), next to +-pi (the grid wraps, and
        // +pi's cells are -pi's), beyond one period; coefficients with zeros of both signs. The reference: the
        // scatter above, the same FFT and the class's documented read-out, so every output bit must agree.
        Random r = new Random(14);
        for (int modes : new int[] {1, 6, 15, 416, 417}) {
            int count = 120;
            double[] om = points(r, count);
            for (int k = 7; k < 40; k++) {
                om[k] = k % 3 == 0 ? om[k - 1] + 1e-3 * r.nextGaussian()
                        : (k % 3 == 1 ? 0 : Math.PI) * Math.signum(r.nextGaussian()) + 0.05 * r.nextGaussian();
            }
            double[] a = gaussians(r, 2 * count), b = gaussians(r, 2 * count);
            a[20] = -0.0;
            b[21] = -0.0;
            a[30] = 0;
            NonUniformFft.Plan plan = new NonUniformFft.Plan(om, modes, 1e-12);
            int fine = plan.fineSize(), w = plan.width(), half = modes / 2;
            NonUniformFft nufft = new NonUniformFft(plan, new JTransformsFft(fine));
            ComplexFft reference = new JTransformsFft(fine);

            double[] expected = realPartsByScatter(om, a, b, plan);
            double[] out = new double[2 * modes];
            nufft.realParts(a, b, out, 0, modes);
            assertArrayEquals(bits(expected), bits(out), "realParts, N = " + modes);

            // four sets in one gather: each pair's outputs are the scatter's for that pair
            double[] c = gaussians(r, 2 * count), d = gaussians(r, 2 * count);
            double[] four = new double[4 * modes];
            nufft.realParts(a, b, c, d, four, 3 * modes, 0, modes, 2 * modes);
            double[] second = realPartsByScatter(om, c, d, plan);
            double[] byPair = new double[4 * modes];
            System.arraycopy(expected, 0, byPair, 3 * modes, modes);
            System.arraycopy(expected, modes, byPair, 0, modes);
            System.arraycopy(second, 0, byPair, modes, 2 * modes);
            assertArrayEquals(bits(byPair), bits(four), "realParts of four sets, N = " + modes);

            double[] grid = scatter(om, a, null, fine, w);
            reference.forward(grid);
            for (int j = 0; j < modes; j++) {
                int f = j <= half ? half - j : fine - (j - half);
                expected[2 * j] = plan.correction[j] * grid[2 * f];
                expected[2 * j + 1] = plan.correction[j] * grid[2 * f + 1];
            }
            nufft.transform(a, out);
            assertArrayEquals(bits(expected), bits(out), "transform, N = " + modes);
        }
    }

    /**
     * {@code Re G} of the sets {@code a} and {@code b} at {@code [0, N)} and {@code [N, 2N)}, as the class documents
     * it: {@code a + i b} at {@code +omega_k} and {@code conj(a) + i conj(b)} at {@code -omega_k} scattered into a
     * zeroed grid, one FFT, and the read-out.
     */
    private static double[] realPartsByScatter(double[] om, double[] a, double[] b, NonUniformFft.Plan plan) {
        int count = om.length, modes = plan.modes(), fine = plan.fineSize(), half = modes / 2;
        double[] plus = new double[2 * count], minus = new double[2 * count];
        for (int k = 0; k < count; k++) {
            plus[2 * k] = a[2 * k] - b[2 * k + 1];
            plus[2 * k + 1] = a[2 * k + 1] + b[2 * k];
            minus[2 * k] = a[2 * k] + b[2 * k + 1];
            minus[2 * k + 1] = b[2 * k] - a[2 * k + 1];
        }
        double[] grid = scatter(om, plus, minus, fine, plan.width());
        new JTransformsFft(fine).forward(grid);
        double[] expected = new double[2 * modes];
        for (int j = 0; j < modes; j++) {
            int f = j <= half ? half - j : fine - (j - half);
            expected[j] = 0.5 * plan.correction[j] * grid[2 * f];
            expected[modes + j] = 0.5 * plan.correction[j] * grid[2 * f + 1];
        }
        return expected;
    }

    @Test
    void misuseIsRefused() {
        double[] om = {0.1, 0.2};
        assertThrows(IllegalArgumentException.class, () -> new NonUniformFft.Plan(om, 0, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new NonUniformFft.Plan(om, 8, 1e-14));
        assertThrows(IllegalArgumentException.class, () -> new NonUniformFft.Plan(om, 8, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NonUniformFft.Plan(om, 8, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new NonUniformFft.Plan(new double[] {Double.POSITIVE_INFINITY}, 8, 1e-6));
        NonUniformFft.Plan plan = new NonUniformFft.Plan(om, 8, 1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> new NonUniformFft(plan, new JTransformsFft(plan.fineSize() + 2)));
        NonUniformFft nufft = new NonUniformFft(plan, new JTransformsFft(plan.fineSize()));
        assertThrows(IllegalArgumentException.class, () -> nufft.transform(new double[2], new double[16]));
        assertThrows(IllegalArgumentException.class, () -> nufft.transform(new double[4], new double[14]));
        assertThrows(IllegalArgumentException.class, () -> nufft.realParts(new double[4], null, new double[8], 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> nufft.realParts(new double[4], new double[4], new double[12], 0, 5));
        double[] a = new double[4];
        assertThrows(IllegalArgumentException.class, () -> nufft.realParts(a, a, a, new double[2], new double[32],
                0, 8, 16, 24)); // a set of the wrong length
        assertThrows(IllegalArgumentException.class, () -> nufft.realParts(a, a, a, a, new double[32],
                0, 8, 16, 25)); // an output past the end
    }
}
