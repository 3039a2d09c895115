package org.vmse.kernel.fft;

/** The FFT implementations behind {@link ComplexFft}, chosen at run time by name ({@code fft} in an experiment). */
public enum FftBackend {

    /** Pure Java, mixed radix, always available. */
    JTRANSFORMS,
    /** The system's FFTW 3 through JNA (4-6x faster at the Section 4.2 sizes; needs libfftw3). */
    FFTW;

    /** A transform of length {@code size}. */
    public ComplexFft create(int size) {
        return this == FFTW ? new FftwFft(size) : new JTransformsFft(size);
    }

    /** The backend named {@code jtransforms} or {@code fftw}. */
    public static FftBackend parse(String name) {
        return switch (name) {
            case "jtransforms" -> JTRANSFORMS;
            case "fftw" -> FFTW;
            default -> throw new IllegalArgumentException("fft must be jtransforms or fftw, got " + name);
        };
    }

    /** The name used in configuration and reports. */
    public String key() {
        return name().toLowerCase();
    }
}
