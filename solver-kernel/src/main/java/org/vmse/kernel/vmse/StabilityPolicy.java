package org.vmse.kernel.vmse;

/**
 * What an explicit scheme does with a step beyond its stability bound ({@link InteractionPictureRk4Stepper}'s
 * {@code z > }{@value InteractionPictureRk4Stepper#STABILITY_LIMIT}). An implicit scheme has no such bound and
 * ignores the policy.
 */
public enum StabilityPolicy {

    /** Throw {@link UnstableStepException} before taking the step: the run is refused where it would blow up. */
    REFUSE,
    /**
     * Take the step as {@code ceil(z / limit)} equal substeps, each within the bound; the substeps are counted
     * ({@link StepperStatistics#substeps()}).
     */
    SUBSTEP
}
