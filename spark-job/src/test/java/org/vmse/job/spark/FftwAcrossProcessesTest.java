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
 * process plans its own transforms, and the plans must not depend on timing. (With {@code FFTW_MEASURE} in every
 * process this configuration gave different {@code rho_std} bytes in one of three processes.) With
 * {@code fftw.planner = measure} the plans are measured once and replayed: a run given the first run's wisdom, and
 * an extend of the first run (which takes the wisdom from its checkpoint), give the bytes of the first.
 */
@Tag("slow")
class FftwAcrossProcessesTest {

    @TempDir
    Path tmp;

    private Path run(String name, String... more) throws Exception {
        return run(name, 22, "local[1]", more);
    }

    private Path run(String name, int samples, String master, String... more) throws Exception {
        Path out = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("run",
                "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set", "T=0.1", "--set", "samples=" + samples,
                "--set", "ensemble.blockSize=3", "--set", "ensemble.covarianceStride=8", "--set", "rte.enabled=false",
                "--set", "fft=fftw", "--master", master, "--out", out.toString(), "-q"));
        args.addAll(List.of(more));
        JavaProcesses.Finished r = JavaProcesses.vmse("768m", tmp.resolve(name + ".log"), 300,
                args.toArray(String[]::new));
        assertEquals(0, r.code(), r.log());
        return out;
    }

    private static void assertSameResults(Path a, Path b, String what) throws Exception {
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)),
                    file + " differs: " + what);
        }
    }

    @Test
    void twoProcessesGiveTheSameBytes() throws Exception {
        assumeTrue(FftwFft.available(), "libfftw3.so.3 did not load here (Debian: libfftw3-double3): "
                + FftwFft.loadError());
        Path first = run("first");
        Path second = run("second");
        assertSameResults(first, second, "two processes with fft = fftw");
        String summary = Files.readString(first.resolve("summary.json"));
        assertTrue(summary.contains("\"fft_planner\" : \"FFTW_ESTIMATE\""), summary);
    }

    @Test
    void measuredPlansAreReplayedByAnotherProcessAndByAnExtend() throws Exception {
        assumeTrue(FftwFft.available(), "libfftw3.so.3 did not load here (Debian: libfftw3-double3): "
                + FftwFft.loadError());
        // the refined pairs solve on 2M with the run's wisdom, which holds no plan it was not recorded with: the run
        // exits 0 only if their lengths were recorded too (the profiles do not depend on the pairs)
        Path measured = run("measured", 16, "local[2]", "--set", "fftw.planner=measure", "--set",
                "ensemble.refinedRealizations=2");
        Path wisdom = measured.resolve("fftw-wisdom.txt");
        assertTrue(Files.readString(wisdom).startsWith("(fftw-"), "fftw-wisdom.txt holds FFTW's wisdom");
        String summary = Files.readString(measured.resolve("summary.json"));
        assertTrue(summary.contains("FFTW_MEASURE, replayed from fftw-wisdom.txt"), summary);

        Path replayed = run("replayed", 16, "local[1]", "--set", "fftw.planner=measure", "--set",
                "fftw.wisdom=" + wisdom);
        assertSameResults(measured, replayed, "a run given the first run's wisdom, in another process");

        JavaProcesses.Finished extend = JavaProcesses.vmse("768m", tmp.resolve("extend.log"), 300, "extend",
                measured.toString(), "--samples", "22", "--master", "local[1]", "-q");
        assertEquals(0, extend.code(), extend.log());
        Path whole = run("whole", 22, "local[2]", "--set", "fftw.planner=measure", "--set", "fftw.wisdom=" + wisdom);
        assertSameResults(measured, whole, "an extend 16 -> 22 (wisdom from its checkpoint) and one run of 22");
    }
}
