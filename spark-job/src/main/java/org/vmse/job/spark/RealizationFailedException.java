package org.vmse.job.spark;

/** A realization whose solve failed, with its index and seed; the run stops unless failures are excluded. */
public final class RealizationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RealizationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
