package org.vmse.kernel.fft;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * FFTW's record of measured plans ({@code FFTW_MEASURE}): the algorithm FFTW found fastest for each transform length,
 * as text ({@code fftw_export_wisdom_to_string}). Transforms {@linkplain #create made} from it use those plans and no
 * others, so every process that holds the same wisdom rounds the same way, while each plan is the one measured
 * fastest instead of {@code FFTW_ESTIMATE}'s guess (up to twice as fast at some lengths: docs/performance.md).
 *
 * <p>Made once, where a run starts ({@link #record}), then shipped with the run's problem, kept in its checkpoint and
 * written beside its results, so that its executors, retries, resumes and a later run given the same text all plan
 * alike. Wisdom measured on one CPU type may name code another lacks: then {@link #create} fails rather than fall
 * back to other plans.
 *
 * @param text the wisdom as FFTW exports it
 */
public record FftwWisdom(String text) implements FftFactory, Serializable {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if {@code text} is blank or FFTW does not accept it as wisdom */
    public FftwWisdom {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("FFTW wisdom is empty");
        }
        if (!FftwFft.acceptsWisdom(text)) {
            throw new IllegalArgumentException("not FFTW wisdom (fftw_import_wisdom_from_string refused it): "
                    + text.strip().lines().findFirst().orElse(""));
        }
    }

    /**
     * Measures the plans of every FFTW transform that {@code build} makes (on this thread, with {@code FFTW_MEASURE};
     * other threads' planning waits meanwhile) and returns them as wisdom. The transforms {@code build} made use the
     * measured plans, so a process may keep them, but another process gets the same plans only through the wisdom.
     */
    public static FftwWisdom record(Runnable build) {
        return new FftwWisdom(FftwFft.recordWisdom(build));
    }

    /** An FFTW transform of length {@code size} planned from this wisdom. */
    @Override
    public ComplexFft create(int size) {
        return new FftwFft(size, this);
    }

    /** The SHA-256 of the text, hex: what provenance records. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "FftwWisdom[sha256=" + sha256() + "]";
    }
}
