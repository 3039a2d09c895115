package org.vmse.kernel.random;

import java.util.Locale;

/**
 * How the fluctuation {@code m1} of the random mass (3.2) is sampled on the grid ({@code random.sampler}), and the
 * {@link RandomMassField} that does it.
 */
public enum Sampler {

    /**
     * The truncated Karhunen-Loeve expansion (4.20) with i.i.d. coefficients {@code xi} of law {@code random.xi}:
     * needs the {@link KarhunenLoeveBasis}, built once on the driver.
     */
    KARHUNEN_LOEVE("kl"),
    /** The exact Ornstein-Uhlenbeck sampler of the Gaussian field with covariance (4.14): no basis, no {@code xi}. */
    ORNSTEIN_UHLENBECK("ou");

    private final String key;

    Sampler(String key) {
        this.key = key;
    }

    /** The configuration spelling, {@code kl} or {@code ou}. */
    public String key() {
        return key;
    }

    /**
     * The sampler named {@code value} ({@code kl} or {@code ou}, any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public static Sampler parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Sampler s : values()) {
            if (s.key.equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("random.sampler = " + value + " is not one of kl, ou");
    }

    /** Whether the sampler expands {@code m1} in a {@link KarhunenLoeveBasis}. */
    public boolean needsBasis() {
        return this == KARHUNEN_LOEVE;
    }

    /**
     * A field of this sampler for {@code problem}, one per task (it owns its workspaces).
     *
     * @param basis the Karhunen-Loeve basis, or {@code null} where {@link #needsBasis()} is false
     * @throws IllegalArgumentException if the basis is needed and missing
     */
    public RandomMassField field(RandomMassProblem problem, KarhunenLoeveBasis basis) {
        return switch (this) {
            case KARHUNEN_LOEVE -> {
                if (basis == null) {
                    throw new IllegalArgumentException("random.sampler = kl needs the Karhunen-Loeve basis");
                }
                yield new KarhunenLoeveMassField(basis, problem.M(), problem.xi(), problem.timePlan(),
                        problem.scheme().samplesStepEnds(), problem.transforms());
            }
            case ORNSTEIN_UHLENBECK -> OrnsteinUhlenbeckField.onGrid(problem.grid(), problem.covariance(),
                    problem.eps());
        };
    }
}
