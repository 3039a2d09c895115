package org.vmse.kernel.rte;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vmse.kernel.problem.FormulaMassField;
import org.vmse.kernel.problem.WavePacket;

/** Measurements at the paper's Section 4.2.2 setup; run with -Drte.bench=true (prints, asserts little). */
@EnabledIfSystemProperty(named = "rte.bench", matches = "true")
class RtePaperBenchmarkTest {

    static final WavePacket PACKET = new WavePacket(256, 0.3, 1.5);
    static final double L = 1.625, T = 0.4;

    @Test
    void kSpread() {
        RteGrid g = RteGrid.of(L, 0x1p-8, 0.5, 2.75, 0x1p-8);
        RadiativeTransferSolver s = new RadiativeTransferSolver(FormulaMassField.parse("m", "1"),
                new ScatteringKernel(1.5, 100, 100), g);
        long t0 = System.nanoTime();
        RteSolution r = s.solveSpectral(RteInitialData.delta(PACKET).sample(g), new double[] {0.1, 0.2, T}, 0x1p-8);
        System.out.printf("kSpread: %.2f s, mass %s leak %s%n", (System.nanoTime() - t0) * 1e-9,
                java.util.Arrays.toString(r.totalMass()), java.util.Arrays.toString(r.scatterLeak()));
        double[] w = r.finalW();
        double[] mk = new double[g.nk()];
        double tot = 0;
        for (int j = 0; j < g.nx(); j++) {
            for (int i = 0; i < g.nk(); i++) {
                mk[i] += w[j * g.nk() + i] * g.dx();
            }
        }
        for (double v : mk) {
            tot += v * g.dk();
        }
        double c = 0, mean = 0, var = 0;
        for (int i = 0; i < g.nk(); i++) {
            mean += g.k(i) * mk[i] * g.dk() / tot;
        }
        for (int i = 0; i < g.nk(); i++) {
            var += Math.pow(g.k(i) - mean, 2) * mk[i] * g.dk() / tot;
        }
        System.out.printf("k mean %.4f std %.4f%n", mean, Math.sqrt(var));
        for (int i = 0; i < g.nk(); i++) {
            c += mk[i] * g.dk() / tot;
            if (i % 16 == 0) {
                System.out.printf("k=%.4f marg=%.3e cdf=%.3e%n", g.k(i), mk[i], c);
            }
        }
    }

    static RteSolution paper(double D, double kMin, double kMax, double dt, double[] times, boolean print) {
        RteGrid g = RteGrid.of(L, 0x1p-10, kMin, kMax, 0x1p-10);
        long t0 = System.nanoTime();
        RadiativeTransferSolver s = new RadiativeTransferSolver(FormulaMassField.parse("m", "1"),
                new ScatteringKernel(D, 100, 100), g);
        long t1 = System.nanoTime();
        RteSolution r = s.solveSpectral(RteInitialData.delta(PACKET).sample(g), times, dt);
        long t2 = System.nanoTime();
        if (print) {
            System.out.printf("paper D=%.2f window [%.3f, %.3f] nk=%d dt=%.3e: setup %.2f s, solve %.2f s (%d steps), "
                    + "mass %.15e leak %.3e%n", D, kMin, kMax, g.nk(), dt, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9,
                    r.steps(), r.totalMass()[times.length - 1], r.scatterLeak()[times.length - 1]);
        }
        return r;
    }

    static double l1(double[] a, double[] b, double dx) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.abs(a[j] - b[j]) * dx;
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    static double maxDiff(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s = Math.max(s, Math.abs(a[j] - b[j]));
        }
        return s;
    }

    @Test
    void splitting() {
        double[] times = {T};
        RteSolution ref = paper(1.5, 1.25, 1.75, 0x1p-11, times, true);
        for (double dt : new double[] {0x1p-5, 0x1p-6, 0x1p-7, 0x1p-8, 0x1p-9}) {
            RteSolution r = paper(1.5, 1.25, 1.75, dt, times, true);
            System.out.printf("dt=%.3e splitting error in rho: max %.3e rel, L1 %.3e rel%n", dt,
                    maxDiff(r.rho(0), ref.rho(0)) / maxAbs(ref.rho(0)),
                    l1(r.rho(0), ref.rho(0), L / 1664) / ref.totalMass()[0]);
        }
    }

    @Test
    void paperResolution() {
        double[] times = {0.05, 0.15, T};
        RteSolution free = paper(0, 1.0, 2.0, RadiativeTransferSolver.DEFAULT_SPLITTING_DT, times, true);
        RteSolution d = paper(1.5, 1.0, 2.0, RadiativeTransferSolver.DEFAULT_SPLITTING_DT, times, true);
        RteSolution narrow = paper(1.5, 1.25, 1.75, RadiativeTransferSolver.DEFAULT_SPLITTING_DT, times, true);
        RteSolution fine = paper(1.5, 1.0, 2.0, 0x1p-12, new double[] {T}, true);
        double dx = L / 1664, m = d.totalMass()[2];
        for (int n = 0; n < times.length; n++) {
            double[] r = d.rho(n);
            int jm = 0;
            for (int j = 0; j < r.length; j++) {
                jm = r[j] > r[jm] ? j : jm;
            }
            System.out.printf("t=%.2f: D=1.5 peak %.5f at x=%.4f; D=0 peak %.5f; L1(D=1.5 - D=0)/mass %.4f; "
                    + "L1(window[1.25,1.75] - [1,2])/mass %.2e; leak %.2e (rel)%n", times[n], r[jm], jm * dx,
                    maxAbs(free.rho(n)), l1(r, free.rho(n), dx) / m, l1(narrow.rho(n), r, dx) / m,
                    d.scatterLeak()[n] / m);
        }
        System.out.printf("dt=2^-12 vs 2^-8 at T: max rel %.2e, L1 rel %.2e%n",
                maxDiff(fine.rho(0), d.rho(2)) / maxAbs(fine.rho(0)), l1(fine.rho(0), d.rho(2), dx) / m);
    }
}
