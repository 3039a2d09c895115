package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' own setting of the JDK's vector API, {@code VMSE_VECTOR_API}, as {@code submit/common.sh} (which
 * every launcher sources before it builds or starts anything) reads it: the JVM options it leaves, or a clear error
 * with exit code 2.
 */
class LauncherTest {

    /** Tests run in spark-job/: the repository root is its parent. */
    private static final Path COMMON = Path.of("..", "submit", "common.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** The exit code and output of sourcing common.sh with {@code VMSE_VECTOR_API = value} (unset if null). */
    private String[] source(String value) throws Exception {
        Path out = tmp.resolve("out-" + value);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source \"$0\"; echo \"options: ${vector_api[*]-}\"", COMMON.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        if (value == null) {
            pb.environment().remove("VMSE_VECTOR_API");
        } else {
            pb.environment().put("VMSE_VECTOR_API", value);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sourcing common.sh did not end");
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out)};
    }

    @Test
    void theVectorApiIsOnUnlessTurnedOff() throws Exception {
        assertEquals("options: --add-modules=jdk.incubator.vector\n", source(null)[1]);
        assertEquals("options: --add-modules=jdk.incubator.vector\n", source("on")[1]);
        assertEquals("options: \n", source("off")[1]);
    }

    @Test
    void aBadVectorApiSettingStopsTheLauncherWithExitCode2() throws Exception {
        String[] r = source("yes");
        assertEquals("2", r[0], r[1]);
        assertEquals("VMSE_VECTOR_API must be on or off, got 'yes'\n", r[1]);
    }
}
