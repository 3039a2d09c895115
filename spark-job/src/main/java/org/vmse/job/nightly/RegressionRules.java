package org.vmse.job.nightly;

import org.vmse.job.config.ConfigurationException;

/**
 * The bands a night's figures are held to ({@code regressions.*} of a nightly configuration).
 *
 * @param liouvilleRate          {@code liouvilleRate}: the rate of {@code Err} (4.11), 2 in the paper
 * @param liouvilleTolerance     {@code liouvilleTolerance}: the band's half width
 * @param liouvilleEpsMax        {@code liouvilleEpsMax}: the rate is fitted over the eps at most this (where the
 *                               Liouville studies are asymptotic); fewer than two there skip the check
 * @param standardErrors         {@code standardErrors}: how many combined standard errors an ensemble figure may
 *                               move from the baseline's
 * @param deterministicTolerance {@code deterministicTolerance}: the relative change a deterministic {@code err_l1}
 *                               may show against the baseline's (rounding across machines and FFT libraries)
 * @param wallTimeFactor         {@code wallTimeFactor}: a study slower than this times the baseline's is flagged
 * @param wallTimeMinSeconds     {@code wallTimeMinSeconds}: ... unless it is slower by fewer seconds than this
 */
public record RegressionRules(double liouvilleRate, double liouvilleTolerance, double liouvilleEpsMax,
                              double standardErrors, double deterministicTolerance, double wallTimeFactor,
                              double wallTimeMinSeconds) {

    public RegressionRules {
        positive("liouvilleRate", liouvilleRate);
        positive("liouvilleTolerance", liouvilleTolerance);
        positive("liouvilleEpsMax", liouvilleEpsMax);
        positive("standardErrors", standardErrors);
        positive("deterministicTolerance", deterministicTolerance);
        if (!(wallTimeFactor > 1 && wallTimeFactor < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("regressions.wallTimeFactor = " + wallTimeFactor + " must exceed 1"
                    + " (1.3 flags a study 30 % slower than the baseline's)");
        }
        if (!(wallTimeMinSeconds >= 0 && wallTimeMinSeconds < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("regressions.wallTimeMinSeconds = " + wallTimeMinSeconds
                    + " must be 0 or more seconds");
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("regressions." + key + " = " + v + " must be positive and finite");
        }
    }
}
