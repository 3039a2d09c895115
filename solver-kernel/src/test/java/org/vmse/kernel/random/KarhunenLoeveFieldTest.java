package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.vmse.kernel.problem.MassCovariance;

class KarhunenLoeveFieldTest {

    /** Section 4.2's covariance (D = 1.5, a = b = 100), and the same with D = 1. */
    private static final MassCovariance PAPER = new MassCovariance(1.5, 100, 100);
    private static final MassCovariance UNIT = new MassCovariance(1, 100, 100);

    private static double[] naive(KarhunenLoeveBasis basis, double[] xi, double t, int m) {
        double[] out = new double[m];
        for (int q = 0; q < m; q++) {
            double x = q * basis.spaceLength() / m;
            for (int p = 0; p < basis.pairCount(); p++) {
                int i = basis.pairTimeIndex(p), j = basis.pairSpaceIndex(p);
                out[q] += basis.covariance().D() * Math.sqrt(basis.timeEigenvalue(i) * basis.spaceEigenvalue(j))
                        * basis.psi(i, t) * basis.phi(j, x) * xi[p];
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int q = 0; q < expected.length; q++) {
            assertEquals(expected[q], actual[q], tol * scale, what + " at m=" + q);
        }
    }

    /**
     * Both methods of the spatial sum. Here 300 steps in T are fine enough for the field to interpolate in time
     * ({@code E = 3}, {@code 4}): the interpolation is within 1e-12 of {@code S = sum_q |coef_q| max |phi_j|}, and so
     * is the non-uniform FFT of {@code sum_j |a_j| <= S} (the field's largest possible value), so 1e-11 of its maximum
     * leaves a factor 10 for {@code S / max |field|} (1.4-2 here); measured 1.4e-12 (the dense sum alone is exact to
     * roundoff, the non-uniform FFT alone 1e-14).
     */
    @ParameterizedTest(name = "non-uniform FFT: {0}")
    @ValueSource(booleans = {false, true})
    void blockedFieldEqualsNaiveDoubleSum(boolean nonUniform) {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(PAPER, 0.4, 1.625, 0x1p-5, 0x1p-6);
        Random rnd = new Random(7);
        double tol = 1e-11;
        for (int m : new int[] {104, 105}) { // even and odd grids (mirror symmetry; a half-cell phase for the NUFFT)
            KarhunenLoeveField.Tables tables = KarhunenLoeveField.tables(basis, m, nonUniform);
            KarhunenLoeveField field = new KarhunenLoeveField(tables, 23); // odd: a block ends with a lone time step
            double[] out = new double[m];
            for (int real = 0; real < 2; real++) {
                double[] xi = rnd.doubles(basis.pairCount()).map(u -> 2 * u - 1).toArray();
                field.reset(xi);
                double dt = 0.4 / 300, t0 = 0.5 * dt;
                field.setSchedule(t0, dt);
                for (int n = 0; n < 300; n++) {
                    field.fill(n, out);
                    if (n % 37 == 0 || n == 299) { // n up to 299: many blocks, re-seeds and rotations
                        assertClose(naive(basis, xi, t0 + n * dt, m), out, tol, "step " + n);
                    }
                }
                // the time-keyed entry point with the caller's own half-step times
                field.fill(0.0 + (150 + 0.5) * dt, out);
                assertClose(naive(basis, xi, t0 + 150 * dt, m), out, tol, "fill(t)");
                field.fill(0.123456, out); // off the schedule: direct evaluation
                assertClose(naive(basis, xi, 0.123456, m), out, tol, "off schedule");
            }
        }
    }

    @Test
    void longRotationRunsStayAccurate() {
        // block 200 > re-seed interval 64: the recurrence runs 63 steps between exact seeds
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, 0x1p-6, 150);
        KarhunenLoeveField field = new KarhunenLoeveField(KarhunenLoeveField.tables(basis, 416), 200);
        double[] xi = new Random(3).doubles(150).toArray();
        field.reset(xi);
        double dt = 0.4 / 1000;
        field.setSchedule(0.5 * dt, dt);
        double[] out = new double[416];
        for (int n : new int[] {0, 63, 64, 65, 130, 199, 200, 999}) {
            field.fill(n, out);
            assertClose(naive(basis, xi, (n + 0.5) * dt, 416), out, 1e-12, "step " + n);
        }
    }

    /**
     * Section 4.2's basis at {@code eps = 2^-6} (275 space modes) on its grid M = 416 and on M = 417: the non-uniform
     * FFT against the dense sum, with every FFT backend here. Bound as above; measured 2e-14 of the maximum (also
     * at {@code eps = 2^-8} and {@code 2^-10} on their grids, outside this test).
     */
    @Test
    void nonUniformFftAgreesWithTheDenseSumOnTheSection42Grid() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(PAPER, 0.4, 1.625, 0x1p-6, 0x1p-9);
        List<FftBackend> backends = new ArrayList<>(List.of(FftBackend.JTRANSFORMS));
        if (FftwFft.available()) {
            backends.add(FftBackend.FFTW);
        }
        double[] xi = new Random(9).doubles(basis.pairCount()).map(u -> 2 * u - 1).toArray();
        double dt = Math.pow(0x1p-6, 1.2) / 8;
        for (int m : new int[] {416, 417}) {
            KarhunenLoeveField dense = new KarhunenLoeveField(KarhunenLoeveField.tables(basis, m, false));
            dense.reset(xi);
            dense.setSchedule(0.5 * dt, dt);
            KarhunenLoeveField.Tables tables = KarhunenLoeveField.tables(basis, m, true);
            for (FftBackend backend : backends) {
                KarhunenLoeveField fast = new KarhunenLoeveField(tables, KarhunenLoeveField.DEFAULT_BLOCK, backend);
                fast.reset(xi);
                fast.setSchedule(0.5 * dt, dt);
                double[] expected = new double[m], actual = new double[m];
                for (int n = 0; n < 70; n += 3) {
                    dense.fill(n, expected);
                    fast.fill(n, actual);
                    assertClose(expected, actual, 1e-11, backend.key() + ", M = " + m + ", step " + n);
                }
            }
        }
    }

    @Test
    void thePlanTakesTheCheaperMethod() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(PAPER, 0.4, 1.625, 0x1p-6, 0x1p-9);
        KarhunenLoeveField.Tables paper = KarhunenLoeveField.tables(basis, 416);
        // 275 modes x 209 rows against a spread of 275 x 30 and half an FFT of 1024: 2.7x the break-even
        assertTrue(paper.nonUniform(), "eps = 2^-6 on M = 416");
        assertNull(paper.table, "no dense table under the non-uniform FFT");
        KarhunenLoeveBasis few = KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, 0x1p-6, 10);
        KarhunenLoeveField.Tables small = KarhunenLoeveField.tables(few, 64);
        assertFalse(small.nonUniform(), "a few modes on a small grid");
        assertNull(small.spatial);
    }

    @Test
    void misuseIsRefused() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, 0x1p-6, 10);
        KarhunenLoeveField field = new KarhunenLoeveField(KarhunenLoeveField.tables(basis, 16));
        assertThrows(IllegalArgumentException.class, () -> field.reset(new double[9]));
        assertThrows(IllegalStateException.class, () -> field.fill(0, new double[16]));
        assertThrows(IllegalArgumentException.class, () -> field.setSchedule(0, 0));
    }
}
