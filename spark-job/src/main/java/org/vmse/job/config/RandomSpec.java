package org.vmse.job.config;

import java.util.Objects;
import org.vmse.kernel.problem.MassCovariance;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.Sampler;

/**
 * The random mass (3.2), (4.14), (4.20)-(4.26).
 *
 * @param enabled     {@code random.enabled}
 * @param gamma       {@code random.gamma}, in {@code [0, 2]}
 * @param covariance  {@code random.D}, {@code random.a}, {@code random.b}: the covariance (4.14) of {@code m1}
 * @param xi          {@code random.xi}: {@code gaussian} or {@code uniform}
 * @param sampler     {@code random.sampler}
 * @param klThreshold {@code random.klThreshold}, in {@code (0, 1)}
 * @param klTerms     {@code random.klTerms}, 0 when the threshold decides
 * @param antithetic  {@code random.antithetic}
 */
public record RandomSpec(boolean enabled, double gamma, MassCovariance covariance, String xi, Sampler sampler,
                         double klThreshold, int klTerms, boolean antithetic) {

    public RandomSpec {
        if (!(gamma >= 0 && gamma <= 2)) {
            throw new ConfigurationException("random.gamma = " + Require.show(gamma) + " must lie in [0, 2] (the"
                    + " paper uses 0.4, 0.5 and 1)");
        }
        Objects.requireNonNull(covariance, "random.D, random.a, random.b");
        Require.oneOf("random.xi", xi, "gaussian", "uniform");
        Objects.requireNonNull(sampler, "random.sampler");
        if (sampler == Sampler.ORNSTEIN_UHLENBECK && xi.equals("uniform")) {
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
