package org.vmse.kernel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvergenceFitTest {

    @Test
    void recoversAnExactPowerLaw() {
        double[] eps = {0.5, 0.25, 0.125, 0.0625};
        double[] err = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            err[i] = 3 * eps[i] * eps[i];
        }
        ConvergenceFit f = ConvergenceFit.fit(eps, err, 0, 1);
        assertEquals(2, f.rate(), 1e-12);
        assertEquals(0, f.rateStdError(), 1e-10);
        assertEquals(3 * 0.01, f.predict(0.1), 1e-12);
        for (double r : ConvergenceFit.localRates(eps, err)) {
            assertEquals(2, r, 1e-12);
        }
    }

    @Test
    void localRateStandardErrorsPropagateTheRelativeErrors() {
        // eps halves (log 2) and the relative standard errors are 3/100 and 4/100: sqrt(0.03^2 + 0.04^2) = 0.05,
        // divided by log 2
        double[] eps = {0.5, 0.25};
        double[] err = {100, 50};
        double[] se = {3, 2};
        assertEquals(0.05 / Math.log(2), ConvergenceFit.localRateStdErrors(eps, err, se)[0], 1e-15);
    }

    @Test
    void standardErrorMatchesTheTextbookFormula() {
        // log-log points (x, y) = (0,0), (1,1), (2,3): slope 1.5, residuals (1/6, -1/3, 1/6), s^2 = 1/6, Sxx = 2,
        // se = sqrt(1/12)
        double[] eps = {1, Math.E, Math.E * Math.E};
        double[] err = {1, Math.E, Math.exp(3)};
        ConvergenceFit f = ConvergenceFit.fit(eps, err, 0.5, 10);
        assertEquals(1.5, f.rate(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 12), f.rateStdError(), 1e-12);
    }

    @Test
    void theRangeSelectsPointsAndTooFewIsAnError() {
        double[] eps = {0.5, 0.25, 0.125};
        double[] err = {1, 0.5, 0.0625};
        ConvergenceFit f = ConvergenceFit.fit(eps, err, 0.1, 0.3);
        assertEquals(3, f.rate(), 1e-12);
        assertTrue(Double.isNaN(f.rateStdError()), "two points have no residual variance");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvergenceFit.fit(eps, err, 0.2, 0.3));
        assertTrue(e.getMessage().contains("study.fitMin"), e.getMessage());
    }

    @Test
    void weightedFitTrustsThePreciseDataAndGivesTheFormalStandardError() {
        // exact line of slope 1 except a point with a huge error bar that is far off: it barely moves the fit
        double[] eps = {0.5, 0.25, 0.125, 0.0625};
        double[] err = {0.5, 0.25, 0.125, 0.5};
        double[] se = {0.005, 0.0025, 0.00125, 5.0};
        ConvergenceFit f = ConvergenceFit.weighted(eps, err, se, 0, 1);
        assertEquals(1, f.rate(), 1e-3);
        // two exact points with 1% errors: se(rate) = sqrt(1/Sxx_w), Sxx_w = sum w (x - mean)^2, w = 1e4
        ConvergenceFit two = ConvergenceFit.weighted(new double[] {1, Math.E}, new double[] {1, Math.E},
                new double[] {0.01, 0.01 * Math.E}, 0, 10);
        assertEquals(1, two.rate(), 1e-12);
        assertEquals(Math.sqrt(1 / (1e4 * 0.5)), two.rateStdError(), 1e-12);
    }
}
