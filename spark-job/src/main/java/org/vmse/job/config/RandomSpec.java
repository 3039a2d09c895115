package org.vmse.job.config;

import org.vmse.kernel.random.Sampler;

/**
 * The random mass (3.2), (4.14), (4.20)-(4.26).
 *
 * @param enabled     {@code random.enabled}
 * @param gamma       {@code random.gamma}
 * @param D           {@code random.D}
 * @param a           {@code random.a}
 * @param b           {@code random.b}
 * @param xi          {@code random.xi}: {@code gaussian} or {@code uniform}
 * @param sampler     {@code random.sampler}
 * @param klThreshold {@code random.klThreshold}
 * @param klTerms     {@code random.klTerms}, 0 when the threshold decides
 * @param antithetic  {@code random.antithetic}
 */
public record RandomSpec(boolean enabled, double gamma, double D, double a, double b, String xi, Sampler sampler,
                         double klThreshold, int klTerms, boolean antithetic) {
}
