package org.vmse.job.config;

import java.util.Locale;

/** How FFTW chooses the algorithm of an ensemble's transforms ({@code fftw.planner}). */
public enum FftwPlanner {

    /** {@code FFTW_ESTIMATE}: from the length alone, the same plan in every process without further ado. */
    ESTIMATE,
    /**
     * {@code FFTW_MEASURE}: the fastest plans, measured once when the run starts and replayed from their wisdom by
     * every task, retry, resume and extend of the run (a new run measures anew unless given {@code fftw.wisdom}).
     */
    MEASURE;

    /** The configuration spelling, {@code estimate} or {@code measure}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The planner named {@code value} (any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public static FftwPlanner parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (FftwPlanner p : values()) {
            if (p.key().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("fftw.planner = " + value + " is not one of estimate, measure");
    }
}
