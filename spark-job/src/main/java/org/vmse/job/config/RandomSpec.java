package org.vmse.job.config;

import org.vmse.kernel.random.KarhunenLoeveBasis;

/**
 * The random mass (3.2), (4.14), (4.20)-(4.26).
 *
 * @param enabled     {@code random.enabled}
 * @param gamma       {@code random.gamma}, in {@code [0, 2]}
 * @param D           {@code random.D}, the standard deviation of {@code m1}, {@code >= 0}
 * @param a           {@code random.a}, correlation time, positive
 * @param b           {@code random.b}, correlation length, positive
 * @param xi          {@code random.xi}: {@code gaussian} or {@code uniform}
 * @param sampler     {@code random.sampler}: {@code kl} or {@code ou}
 * @param klThreshold {@code random.klThreshold}, in {@code (0, 1)}
 * @param klTerms     {@code random.klTerms}, 0 when the threshold decides
 * @param antithetic  {@code random.antithetic}
 */
public record RandomSpec(boolean enabled, double gamma, double D, double a, double b, String xi, String sampler,
                         double klThreshold, int klTerms, boolean antithetic) {

    public RandomSpec {
        if (!(gamma >= 0 && gamma <= 2)) {
            throw new ConfigurationException("random.gamma = " + Require.show(gamma) + " must lie in [0, 2] (the"
                    + " paper uses 0.4, 0.5 and 1)");
        }
        if (!(D >= 0 && D < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("random.D = " + Require.show(D) + " must be >= 0 (it is the"
                    + " standard deviation of m1)");
        }
        Require.positive("random.a", a);
        Require.positive("random.b", b);
        Require.oneOf("random.xi", xi, "gaussian", "uniform");
        Require.oneOf("random.sampler", sampler, "kl", "ou");
        if (sampler.equals("ou") && xi.equals("uniform")) {
            throw new ConfigurationException("random.sampler = ou samples a Gaussian field exactly and has no xi"
                    + " coefficients: set random.xi = gaussian, or random.sampler = kl for uniform xi");
        }
        if (!(klThreshold > 0 && klThreshold < 1)) {
            throw new ConfigurationException("random.klThreshold = " + Require.show(klThreshold) + " must lie in"
                    + " (0, 1) (the paper uses 2^-9)");
        }
        if (klTerms < 0) {
            throw new ConfigurationException("random.klTerms = " + klTerms + " must be >= 0 (0 lets"
                    + " random.klThreshold decide)");
        }
        if (klTerms > KarhunenLoeveBasis.MAX_PAIRS) {
            throw new ConfigurationException("random.klTerms = " + klTerms + " is too large, at most "
                    + KarhunenLoeveBasis.MAX_PAIRS + " (the basis's memory guard)");
        }
    }
}
