package org.vmse.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU lines of provenance, read from cpuinfo files written here. */
class ProvenanceTest {

    @TempDir
    Path tmp;

    @Test
    void modelAndSimdSetsComeFromTheFirstProcessor() throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Example CPU 9000\n"
                + "flags\t\t: fpu sse sse2 ssse3 fma avx avx2 avx512f avx512dq\n\n"
                + "processor\t: 1\nmodel name\t: Other\nflags\t\t: sse2\n");
        // the flags above that FFTW dispatches on, sorted; avx512dq and ssse3 are not among them
        assertEquals(Map.of("cpu_model", "Example CPU 9000", "cpu_simd", "avx avx2 avx512f fma sse2"),
                Provenance.cpu(cpuinfo));
    }

    @Test
    void aMissingFileSaysUnknown() {
        assertEquals(Map.of("cpu_model", "unknown", "cpu_simd", "unknown"),
                Provenance.cpu(tmp.resolve("no-such-file")));
    }
}
