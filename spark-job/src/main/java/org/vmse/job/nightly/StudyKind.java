package org.vmse.job.nightly;

import com.fasterxml.jackson.annotation.JsonValue;
import org.vmse.job.config.ExperimentConfig;

/** What a nightly study measures, and so which bands its figures are held to. */
public enum StudyKind {
    /** A deterministic mass against the Liouville limit, {@code Err} (4.11): rate 2, repeatable to rounding. */
    LIOUVILLE("liouville", 2.0),
    /** A random-mass ensemble mean against the RTE limit, {@code Err} (4.27): rate 1 (Fig. 7b), with noise. */
    RTE("rte", 1.0);

    private final String key;
    private final double paperRate;

    StudyKind(String key, double paperRate) {
        this.key = key;
        this.paperRate = paperRate;
    }

    /** The kind of the study of {@code cfg}. */
    public static StudyKind of(ExperimentConfig cfg) {
        return cfg.random().enabled() ? RTE : LIOUVILLE;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** The rate the paper reports for this kind of study. */
    public double paperRate() {
        return paperRate;
    }
}
