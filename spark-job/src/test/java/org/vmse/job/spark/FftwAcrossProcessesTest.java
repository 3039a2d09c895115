package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.JavaProcesses;
import org.vmse.kernel.fft.FftwFft;

/**
 * With {@code fft = fftw} the same ensemble run in two JVMs gives byte-identical profiles.csv and covariance.csv: each
 * process plans its own transforms, and the plans must not depend on timing. (With {@code FFTW_MEASURE} this
 * configuration gave different {@code rho_std} bytes in one of three processes.)
 */
@Tag("slow")
class FftwAcrossProcessesTest {

    @TempDir
    Path tmp;

    private Path run(String name) throws Exception {
        Path out = tmp.resolve(name);
        JavaProcesses.Finished r = JavaProcesses.vmse("768m", tmp.resolve(name + ".log"), 300, "run",
                "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set", "T=0.1", "--set", "samples=22",
                "--set", "ensemble.blockSize=3", "--set", "ensemble.covarianceStride=8", "--set", "rte.enabled=false",
                "--set", "fft=fftw", "--master", "local[1]", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.log());
        return out;
    }

    @Test
    void twoProcessesGiveTheSameBytes() throws Exception {
        assumeTrue(FftwFft.available(), "libfftw3.so.3 did not load here (Debian: libfftw3-double3): "
                + FftwFft.loadError());
        Path first = run("first");
        Path second = run("second");
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file + " differs between two processes with fft = fftw");
        }
        String summary = Files.readString(first.resolve("summary.json"));
        assertTrue(summary.contains("\"fft_planner\" : \"FFTW_ESTIMATE\""), summary);
    }
}
