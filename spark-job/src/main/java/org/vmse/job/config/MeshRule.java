package org.vmse.job.config;

import java.util.Locale;

/** How the VMSE mesh is chosen ({@code mesh.rule}). */
public enum MeshRule {

    /** {@code mesh.dx} and {@code mesh.dt} as written: by default the paper's rule (4.10), to reproduce it. */
    PAPER,
    /**
     * The coarsest grid and the longest step whose discretization error in the final density stays within
     * {@code mesh.tolerance} in L1, measured on pilot realizations before the ensemble starts.
     */
    ACCURACY;

    /** The configuration spelling, {@code paper} or {@code accuracy}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The rule named {@code value} (any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public static MeshRule parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (MeshRule r : values()) {
            if (r.key().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("mesh.rule = " + value + " is not one of paper, accuracy");
    }
}
