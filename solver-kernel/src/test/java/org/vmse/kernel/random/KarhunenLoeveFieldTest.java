package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KarhunenLoeveFieldTest {

    private static double[] naive(KarhunenLoeveBasis basis, double[] xi, double t, int m) {
        double[] out = new double[m];
        for (int q = 0; q < m; q++) {
            double x = q * basis.spaceLength() / m;
            for (int p = 0; p < basis.pairCount(); p++) {
                int i = basis.pairTimeIndex(p), j = basis.pairSpaceIndex(p);
                out[q] += basis.d() * Math.sqrt(basis.timeEigenvalue(i) * basis.spaceEigenvalue(j))
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

    @Test
    void blockedFieldEqualsNaiveDoubleSum() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withThreshold(100, 100, 1.5, 0.4, 1.625, 0x1p-5, 0x1p-6);
        Random rnd = new Random(7);
        for (int m : new int[] {104, 105}) { // even and odd grids (mirror symmetry)
            KarhunenLoeveField.Plan plan = KarhunenLoeveField.plan(basis, m);
            KarhunenLoeveField field = new KarhunenLoeveField(plan, 24);
            double[] out = new double[m];
            for (int real = 0; real < 2; real++) {
                double[] xi = rnd.doubles(basis.pairCount()).map(u -> 2 * u - 1).toArray();
                field.reset(xi);
                double dt = 0.4 / 300, t0 = 0.5 * dt;
                field.setSchedule(t0, dt);
                for (int n = 0; n < 300; n++) {
                    field.fill(n, out);
                    if (n % 37 == 0 || n == 299) { // n up to 299: many blocks, re-seeds and rotations
                        assertClose(naive(basis, xi, t0 + n * dt, m), out, 1e-12, "step " + n);
                    }
                }
                // the time-keyed entry point with the caller's own half-step times
                field.fill(0.0 + (150 + 0.5) * dt, out);
                assertClose(naive(basis, xi, t0 + 150 * dt, m), out, 1e-12, "fill(t)");
                field.fill(0.123456, out); // off the schedule: direct evaluation
                assertClose(naive(basis, xi, 0.123456, m), out, 1e-12, "off schedule");
            }
        }
    }

    @Test
    void longRotationRunsStayAccurate() {
        // block 200 > re-seed interval 64: the recurrence runs 63 steps between exact seeds
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withTerms(100, 100, 1, 0.4, 1.625, 0x1p-6, 150);
        KarhunenLoeveField field = new KarhunenLoeveField(KarhunenLoeveField.plan(basis, 416), 200);
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

    @Test
    void misuseIsRefused() {
        KarhunenLoeveBasis basis = KarhunenLoeveBasis.withTerms(100, 100, 1, 0.4, 1.625, 0x1p-6, 10);
        KarhunenLoeveField field = new KarhunenLoeveField(KarhunenLoeveField.plan(basis, 16));
        assertThrows(IllegalArgumentException.class, () -> field.reset(new double[9]));
        assertThrows(IllegalStateException.class, () -> field.fill(0, new double[16]));
        assertThrows(IllegalArgumentException.class, () -> field.setSchedule(0, 0));
    }
}
