package org.vmse.job.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The peer programs vmse is timed against, kept in the repository's {@code bench/peers/}: the FFTW timing program
 * and the XMDS2 models with their timing script. The repository root comes from the system property
 * {@value #HOME_PROPERTY}, which {@code submit/vmse} sets.
 *
 * @param directory the {@code bench/peers} folder
 */
public record PeerPrograms(Path directory) {

    /** The system property holding the repository root. */
    public static final String HOME_PROPERTY = "vmse.home";

    /** Why the peers cannot be found when {@value #HOME_PROPERTY} is not set. */
    public static final String NO_HOME = "the repository root is unknown (" + HOME_PROPERTY
            + " is not set: start vmse with submit/vmse, which sets it)";

    /** The peers of the repository named by {@value #HOME_PROPERTY}, or empty when it is not set. */
    public static Optional<PeerPrograms> ofHome() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Optional.empty()
                : Optional.of(new PeerPrograms(Path.of(home, "bench", "peers")));
    }

    /** {@code fftw_bench.c}: FFTW's complex FFT at the benchmark's grid sizes. */
    public Path fftwSource() {
        return directory.resolve("fftw_bench.c");
    }

    /** {@code xmds2/run.sh}: builds and times the XMDS2 models. */
    public Path xmdsScript() {
        return directory.resolve("xmds2").resolve("run.sh");
    }

    /** {@code xmds2/kl.sh}: builds and runs the XMDS2 model of one Karhunen-Loeve realization. */
    public Path klScript() {
        return directory.resolve("xmds2").resolve("kl.sh");
    }
}
