package org.vmse.kernel.random;

/** The field of a problem's sampler, for callers that name it by this class. */
public final class RandomMassFields {

    private RandomMassFields() {
    }

    /** {@code problem.sampler().field(problem, basis)}: see {@link Sampler#field}. */
    public static RandomMassField create(RandomMassProblem problem, KarhunenLoeveBasis basis) {
        return problem.sampler().field(problem, basis);
    }
}
