package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's own settings, checked before it builds or starts anything. */
class LauncherTest {

    /** Tests run in spark-job/: the repository root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aBadVectorApiSettingStopsTheLauncherWithExitCode2() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("submit/vmse").toString(), "--help")
                .redirectErrorStream(true);
        pb.environment().put("VMSE_VECTOR_API", "yes");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(2, p.exitValue(), out);
        assertEquals("VMSE_VECTOR_API must be on or off, got 'yes'\n", out);
    }
}
