package org.vmse.kernel.rte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Weno5Test {

    /** L1 error of u_t + c u_x = 0 on [0, 1), u0 = sin(2 pi x), T = 1, SSP-RK3 with dt = 0.5 dx^(5/3). */
    static double advectionError(int n, double c) {
        double dx = 1.0 / n, T = 1;
        int steps = (int) Math.ceil(T / (0.5 * Math.pow(dx, 5.0 / 3)));
        double dt = T / steps;
        double[] u = new double[n], v = new double[n], r = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.sin(2 * Math.PI * i * dx);
        }
        Weno5 w = new Weno5(n, true);
        for (int s = 0; s < steps; s++) {
            rhs(w, u, r, c, dx);
            for (int i = 0; i < n; i++) {
                v[i] = u[i] + dt * r[i];
            }
            rhs(w, v, r, c, dx);
            for (int i = 0; i < n; i++) {
                v[i] = 0.75 * u[i] + 0.25 * (v[i] + dt * r[i]);
            }
            rhs(w, v, r, c, dx);
            for (int i = 0; i < n; i++) {
                u[i] = (u[i] + 2 * (v[i] + dt * r[i])) / 3;
            }
        }
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += Math.abs(u[i] - Math.sin(2 * Math.PI * (i * dx - c * T))) * dx;
        }
        return e;
    }

    static void rhs(Weno5 w, double[] u, double[] r, double c, double dx) {
        java.util.Arrays.fill(r, 0);
        w.load(u, 0, 1, null, c);
        w.addDivergence(c > 0, 1 / dx, r, 0, 1);
    }

    /** Observed order between n = 80 and 160 in [4.5, 5.5], for both upwind directions. */
    @Test
    void fifthOrderOnSmoothPeriodicAdvection() {
        for (double c : new double[] {1, -1}) {
            double e1 = advectionError(40, c), e2 = advectionError(80, c), e3 = advectionError(160, c);
            double p1 = Math.log(e1 / e2) / Math.log(2), p2 = Math.log(e2 / e3) / Math.log(2);
            assertTrue(p2 >= 4.5 && p2 <= 5.5, "observed order " + p2 + " (" + p1 + " between n = 40 and 80)");
        }
    }

    /** Zero inflow line: what leaves through the outflow face is returned; sum u h + outflow is conserved (1e-14). */
    @Test
    void outflowIsAccountedOnAnOpenLine() {
        int n = 64;
        double h = 1.0 / n, dt = 0.4 * h, out = 0;
        double[] u = new double[n], r = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.exp(-200 * Math.pow(i * h - 0.3, 2));
        }
        double m0 = java.util.Arrays.stream(u).sum() * h;
        Weno5 w = new Weno5(n, false);
        for (int s = 0; s < 100; s++) { // forward Euler suffices for the bookkeeping
            java.util.Arrays.fill(r, 0);
            w.load(u, 0, 1, null, -1); // flux f = -u (velocity -1): leaves at the left end
            out += dt * w.addDivergence(false, 1 / h, r, 0, 1);
            for (int i = 0; i < n; i++) {
                u[i] += dt * r[i];
            }
        }
        double m = java.util.Arrays.stream(u).sum() * h;
        assertTrue(out > 0.05, "mass must leave, outflow " + out);
        assertEquals(m0, m + out, 1e-14);
    }
}
