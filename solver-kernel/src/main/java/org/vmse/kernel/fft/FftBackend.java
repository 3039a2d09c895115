package org.vmse.kernel.fft;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/** The FFT implementations behind {@link ComplexFft}, chosen at run time by name ({@code fft} in an experiment). */
public enum FftBackend implements FftFactory {

    /** Pure Java, mixed radix, always available. */
    JTRANSFORMS,
    /** The system's FFTW 3 through JNA (4-6x faster at the Section 4.2 sizes; needs libfftw3). */
    FFTW;

    /** A transform of length {@code size}, with the backend's default plans. */
    @Override
    public ComplexFft create(int size) {
        return this == FFTW ? new FftwFft(size) : new JTransformsFft(size);
    }

    /** The backend named {@code jtransforms} or {@code fftw} ({@code auto} is resolved by {@link #auto}). */
    public static FftBackend parse(String name) {
        return switch (name) {
            case "jtransforms" -> JTRANSFORMS;
            case "fftw" -> FFTW;
            default -> throw new IllegalArgumentException("fft must be auto, jtransforms or fftw, got " + name);
        };
    }

    /** What {@code fft = auto} means: FFTW where it loaded ({@code fftwLoaded}), JTransforms otherwise. */
    public static FftBackend auto(boolean fftwLoaded) {
        return fftwLoaded ? FFTW : JTRANSFORMS;
    }

    /** The name used in configuration and reports. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How the transform's algorithm is chosen, for provenance: FFTW's planner flag (its plans, and so the rounding,
     * depend only on the size, the library build and the CPU's instruction set), or JTransforms' fixed algorithm.
     */
    public String planner() {
        return this == FFTW ? FftwFft.PLANNER : "fixed (mixed radix)";
    }

    /** The library and its version, for provenance: e.g. {@code fftw-3.3.10-sse2-avx}, {@code JTransforms 3.1}. */
    public String library() {
        if (this == FFTW) {
            return FftwFft.available() ? FftwFft.version() : "FFTW (not loaded)";
        }
        try (InputStream in = JTransformsFft.class.getResourceAsStream(
                "/META-INF/maven/com.github.wendykierp/JTransforms/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return "JTransforms " + p.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "JTransforms (version unknown)";
        }
    }
}
