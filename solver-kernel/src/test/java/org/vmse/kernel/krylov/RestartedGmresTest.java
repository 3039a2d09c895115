package org.vmse.kernel.krylov;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RestartedGmresTest {

    @Test
    void solvesADenseComplexSystemWithRestarts() {
        // A = 3 I + N / sqrt(n), N with i.i.d. complex entries: well conditioned, non-normal. Known x, b = A x.
        int n = 40;
        Random r = new Random(7);
        double[] aRe = new double[n * n];
        double[] aIm = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            aRe[i] = r.nextGaussian() / Math.sqrt(n);
            aIm[i] = r.nextGaussian() / Math.sqrt(n);
        }
        for (int i = 0; i < n; i++) {
            aRe[i * n + i] += 3;
        }
        ComplexOperator a = (x, y) -> {
            for (int i = 0; i < n; i++) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < n; j++) {
                    re += aRe[i * n + j] * x[2 * j] - aIm[i * n + j] * x[2 * j + 1];
                    im += aRe[i * n + j] * x[2 * j + 1] + aIm[i * n + j] * x[2 * j];
                }
                y[2 * i] = re;
                y[2 * i + 1] = im;
            }
        };
        double[] exact = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            exact[i] = r.nextGaussian();
        }
        double[] b = new double[2 * n];
        a.apply(exact, b);
        double[] x = new double[2 * n];
        RestartedGmres gmres = new RestartedGmres(n, 5);
        // a diagonal preconditioner 1/3 exercises the right-preconditioned update
        boolean ok = gmres.solve(a, (v, w) -> {
            for (int i = 0; i < v.length; i++) {
                w[i] = v[i] / 3;
            }
        }, b, x, 1e-12, norm(b), 500);
        assertTrue(ok, "converged");
        double err = 0;
        for (int i = 0; i < 2 * n; i++) {
            err = Math.max(err, Math.abs(x[i] - exact[i]));
        }
        // kappa(A) is about 2, so a 1e-12 residual bounds the error near 1e-11
        assertTrue(err < 1e-10, "error " + err);
        assertTrue(gmres.lastIterations() > 5, "restarted at least once");
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    @Test
    void reportsNonConvergence() {
        int n = 10;
        ComplexOperator shift = (x, y) -> {
            // cyclic shift: GMRES needs n iterations, so 3 cannot succeed
            for (int i = 0; i < n; i++) {
                int k = (i + 1) % n;
                y[2 * k] = x[2 * i];
                y[2 * k + 1] = x[2 * i + 1];
            }
        };
        double[] b = new double[2 * n];
        b[0] = 1;
        double[] x = new double[2 * n];
        RestartedGmres gmres = new RestartedGmres(n, 3);
        boolean ok = gmres.solve(shift, (v, w) -> System.arraycopy(v, 0, w, 0, v.length), b, x, 1e-12, 1, 3);
        assertTrue(!ok && gmres.lastRelativeResidual() > 0.5, "residual " + gmres.lastRelativeResidual());
    }
}
