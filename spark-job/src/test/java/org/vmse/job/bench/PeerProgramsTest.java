package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The peer programs are where {@code vmse bench} looks for them: in the repository, under {@code vmse.home}. */
class PeerProgramsTest {

    /** Tests run in spark-job/: the repository root is its parent, which submit/vmse passes as vmse.home. */
    private static final Path ROOT = Path.of("..");

    @Test
    void theRepositoryHoldsTheProgramsItsBenchmarkRuns() {
        PeerPrograms peers = new PeerPrograms(ROOT.resolve("bench").resolve("peers"));
        assertTrue(Files.isRegularFile(peers.fftwSource()), peers.fftwSource().toString());
        assertTrue(Files.isRegularFile(peers.xmdsScript()), peers.xmdsScript().toString());
        assertTrue(Files.isRegularFile(peers.klScript()), peers.klScript().toString());
        for (String model : new String[] {"example1.xmds", "realization42.xmds", "kl42.xmds"}) {
            assertTrue(Files.isRegularFile(peers.xmdsScript().resolveSibling(model)), model);
        }
    }

    @Test
    void theyAreFoundUnderVmseHomeAndNowhereWithoutIt() {
        String saved = System.getProperty(PeerPrograms.HOME_PROPERTY);
        try {
            System.clearProperty(PeerPrograms.HOME_PROPERTY);
            assertEquals(Optional.empty(), PeerPrograms.ofHome());
            System.setProperty(PeerPrograms.HOME_PROPERTY, ROOT.toString());
            assertEquals(ROOT.resolve("bench").resolve("peers").resolve("fftw_bench.c"),
                    PeerPrograms.ofHome().orElseThrow().fftwSource());
        } finally {
            if (saved == null) {
                System.clearProperty(PeerPrograms.HOME_PROPERTY);
            } else {
                System.setProperty(PeerPrograms.HOME_PROPERTY, saved);
            }
        }
    }
}
