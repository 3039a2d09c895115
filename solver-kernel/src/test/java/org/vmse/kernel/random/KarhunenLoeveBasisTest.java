package org.vmse.kernel.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vmse.kernel.problem.MassCovariance;

class KarhunenLoeveBasisTest {

    /** The paper's Section 4.2.2 covariance: D = 1.5, a = b = 100. */
    private static final MassCovariance PAPER = new MassCovariance(1.5, 100, 100);
    private static final MassCovariance UNIT = new MassCovariance(1, 100, 100);

    /** The paper's Section 4.2.2 set-up: a = b = 100, T = 0.4, L = 1.625, D = 1.5. */
    private static KarhunenLoeveBasis paper(int n) {
        return KarhunenLoeveBasis.withThreshold(PAPER, 0.4, 1.625, Math.scalb(1.0, -n),
                KarhunenLoeveBasis.DEFAULT_THRESHOLD);
    }

    @Test
    void paperNklTable() {
        // N_KL = kept pairs + 1 (4.26). eps = 2^-10 needs ~ 700 time and ~ 2700 space roots (well under a second).
        int[] n = {6, 8, 10};
        int[] expected = {663, 3157, 27968};
        for (int k = 0; k < n.length; k++) {
            KarhunenLoeveBasis basis = paper(n[k]);
            assertEquals(expected[k], basis.nKL(), basis.toString());
            assertEquals("threshold", basis.bound());
            // the boundary: the last kept product is >= threshold, the next one (N_KL-th) is below
            int last = basis.pairCount() - 1;
            double ratio = Math.sqrt(basis.timeEigenvalue(basis.pairTimeIndex(last))
                    * basis.spaceEigenvalue(basis.pairSpaceIndex(last))
                    / (basis.timeEigenvalue(1) * basis.spaceEigenvalue(1)));
            assertTrue(ratio >= 0x1p-9 && ratio < 0x1p-9 * 1.01, "last kept ratio " + ratio);
        }
    }

    @Test
    void fixedTermsKeepTheLargestProducts() {
        KarhunenLoeveBasis byThreshold = paper(6);
        KarhunenLoeveBasis byTerms = KarhunenLoeveBasis.withTerms(PAPER, 0.4, 1.625, 0x1p-6, 100);
        assertEquals("klTerms", byTerms.bound());
        assertEquals(100, byTerms.pairCount());
        assertEquals(101, byTerms.nKL());
        double prev = Double.POSITIVE_INFINITY;
        for (int p = 0; p < 100; p++) {
            assertEquals(byThreshold.pairTimeIndex(p), byTerms.pairTimeIndex(p));
            assertEquals(byThreshold.pairSpaceIndex(p), byTerms.pairSpaceIndex(p));
            double prod = byTerms.timeEigenvalue(byTerms.pairTimeIndex(p))
                    * byTerms.spaceEigenvalue(byTerms.pairSpaceIndex(p));
            assertTrue(prod <= prev);
            prev = prod;
        }
    }

    @Test
    void rootsSatisfyTheCharacteristicEquations() {
        KarhunenLoeveBasis basis = paper(10);
        // theta reaches ~ 4.3e3 for the space roots, whose ulp is ~ 1e-12: the residual is at round-off level
        assertTrue(basis.maxRootResidual() < 1e-12, "residual " + basis.maxRootResidual());
        double ae = 100 * 0x1p-10;
        for (int i = 1; i <= basis.timeModeCount(); i++) {
            double w = basis.timeRoot(i), th = w * 0.4 / 2;
            assertTrue(th > (i - 1) * Math.PI / 2 && th < i * Math.PI / 2, "bracket of root " + i);
            // (4.23) in its original tan form, relative to its size
            double r = i % 2 == 1 ? 1 - ae * w * Math.tan(th) : (ae * w + Math.tan(th)) / (ae * w);
            assertTrue(Math.abs(r) < 1e-9, "root " + i + " residual " + r);
            assertEquals(2 * ae / (1 + ae * ae * w * w), basis.timeEigenvalue(i), 1e-15);
        }
    }

    /** (4.21) by composite Gauss-Legendre quadrature, split at the kink s = t. */
    @Test
    void eigenpairsSatisfyTheIntegralEquation() {
        KarhunenLoeveBasis basis = paper(8);
        double ae = 100 * 0x1p-8;
        for (int i : new int[] {1, 2, 3, 10, 41}) {
            for (double t : new double[] {0, 0.07, 0.2, 0.33, 0.4}) {
                double lhs = kernelApply(s -> basis.psi(i, s), ae, 0.4, t);
                double rhs = basis.timeEigenvalue(i) * basis.psi(i, t);
                assertEquals(rhs, lhs, 1e-8 * basis.timeEigenvalue(i) * basis.psiNorm(i), "psi " + i + " at " + t);
            }
        }
        for (int j : new int[] {1, 2, 5, 64, 301}) {
            for (double x : new double[] {0, 0.3, 0.8125, 1.6}) {
                double lhs = kernelApply(z -> basis.phi(j, z), ae, 1.625, x);
                double rhs = basis.spaceEigenvalue(j) * basis.phi(j, x);
                assertEquals(rhs, lhs, 1e-8 * basis.spaceEigenvalue(j) / Math.sqrt(1.625 / 2), "phi " + j + " at " + x);
            }
        }
    }

    private static double kernelApply(java.util.function.DoubleUnaryOperator f, double ae, double len, double t) {
        return gauss(s -> Math.exp(-Math.abs(t - s) / ae) * f.applyAsDouble(s), 0, t)
                + gauss(s -> Math.exp(-Math.abs(t - s) / ae) * f.applyAsDouble(s), t, len);
    }

    private static final double[] GX = {-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831,
        0.9061798459386640};
    private static final double[] GW = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
        0.4786286704993665, 0.2369268850561891};

    private static double gauss(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        int n = 4000;
        double h = (hi - lo) / n, sum = 0;
        for (int k = 0; k < n; k++) {
            double mid = lo + (k + 0.5) * h;
            for (int q = 0; q < 5; q++) {
                sum += GW[q] * f.applyAsDouble(mid + 0.5 * h * GX[q]);
            }
        }
        return 0.5 * h * sum;
    }

    @Test
    void modesAreOrthonormal() {
        KarhunenLoeveBasis basis = paper(6);
        // closed-form trapezoid Gram matrix against a brute-force one on a small grid
        int m = 416;
        double brute = 0;
        for (int j = 1; j <= basis.spaceModeCount(); j++) {
            for (int k = j; k <= basis.spaceModeCount(); k++) {
                double s = 0;
                for (int q = 0; q <= m; q++) {
                    double x = q * 1.625 / m;
                    s += (q == 0 || q == m ? 0.5 : 1) * basis.phi(j, x) * basis.phi(k, x);
                }
                brute = Math.max(brute, Math.abs(s * 1.625 / m - (j == k ? 1 : 0)));
            }
        }
        assertEquals(brute, basis.spaceOrthonormalityError(m), 1e-12);
        // O(dx^2): on a fine grid the modes are orthonormal to high accuracy
        double coarse = basis.spaceOrthonormalityError(1 << 12), fine = basis.spaceOrthonormalityError(1 << 16);
        assertTrue(fine < 1e-5, "fine grid error " + fine);
        assertTrue(coarse / fine > 200, "second order: " + coarse + " -> " + fine);
        assertTrue(basis.timeOrthonormalityError(1 << 16) < 1e-5);
        // the paper's time modes on a grid 16 times finer than its dt = 2^-10.2
        KarhunenLoeveBasis b10 = paper(10);
        assertTrue(b10.spaceOrthonormalityError(1 << 18) < 1e-5, "eps=2^-10 space modes");
    }

    /** Mercer: sum_kept lambda_i sigma_j psi_i^2 phi_j^2 is the pointwise variance (of R(0,0) = 1) kept. */
    @Test
    void truncationAndPointwiseVariance() {
        KarhunenLoeveBasis basis = paper(6);
        double mean = 0;
        int nt = 40, nx = 65, interior = 0;
        double minInterior = 1;
        for (int a = 0; a <= nt; a++) {
            for (int c = 0; c <= nx; c++) {
                double t = a * 0.4 / nt, x = c * 1.625 / nx, var = 0;
                for (int p = 0; p < basis.pairCount(); p++) {
                    int i = basis.pairTimeIndex(p), j = basis.pairSpaceIndex(p);
                    double u = basis.psi(i, t) * basis.phi(j, x);
                    var += basis.timeEigenvalue(i) * basis.spaceEigenvalue(j) * u * u;
                }
                assertTrue(var <= 1 + 1e-9, "variance above R(0,0) at " + t + ", " + x);
                double wt = (a == 0 || a == nt ? 0.5 : 1) * (c == 0 || c == nx ? 0.5 : 1);
                mean += wt * var;
                if (a > 0 && a < nt && c > 0 && c < nx) {
                    minInterior = Math.min(minInterior, var);
                    interior++;
                }
            }
        }
        mean /= nt * nx;
        // the trapezoid mean of the pointwise variance is the kept fraction of the trace T L
        assertEquals(basis.varianceFraction(), mean, 2e-3);
        assertTrue(basis.varianceFraction() > 0.98 && basis.varianceFraction() < 1, "" + basis.varianceFraction());
        assertTrue(minInterior > 0.95, "min interior variance " + minInterior + " over " + interior);
        // a tighter threshold keeps more of the variance
        KarhunenLoeveBasis tight = KarhunenLoeveBasis.withThreshold(PAPER, 0.4, 1.625, 0x1p-6, 0x1p-11);
        assertTrue(tight.varianceFraction() > basis.varianceFraction());
    }

    @Test
    void badInputIsRefusedWithTheConfigKey() {
        // the covariance's own checks are MassCovarianceTest's
        assertMessage("random.klThreshold", () -> KarhunenLoeveBasis.withThreshold(UNIT, 0.4, 1.625, 0x1p-6, 1));
        assertMessage("random.klThreshold", () -> KarhunenLoeveBasis.withThreshold(UNIT, 0.4, 1.625, 0x1p-6, 0));
        assertMessage("random.klThreshold", () -> KarhunenLoeveBasis.withThreshold(UNIT, 0.4, 1.625, 0x1p-6, -0.5));
        assertMessage("random.klTerms", () -> KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, 0x1p-6, 0));
        assertMessage("random.klTerms", () -> KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, 0x1p-6, -3));
        assertMessage("eps", () -> KarhunenLoeveBasis.withTerms(UNIT, 0.4, 1.625, Double.NaN, 3));
        // D = 0 is a legal (deterministic) field
        MassCovariance still = new MassCovariance(0, 100, 100);
        assertEquals(still, KarhunenLoeveBasis.withTerms(still, 0.4, 1.625, 0x1p-6, 3).covariance());
    }

    private static void assertMessage(String key, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
