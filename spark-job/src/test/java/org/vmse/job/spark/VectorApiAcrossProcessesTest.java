package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.JavaProcesses;

/**
 * An RK4IP ensemble gives the same bytes in a JVM with the JDK's vector API (the step's passes on SIMD vectors) and
 * in one without it (one mode at a time), as a cluster whose executors lack the option would run it.
 */
@Tag("slow")
class VectorApiAcrossProcessesTest {

    @TempDir
    Path tmp;

    private static final String[] RUN = {"run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set", "T=0.1",
        "--set", "samples=6", "--set", "scheme=rk4ip", "--set", "fft=jtransforms", "--set", "rte.enabled=false",
        "--set", "ensemble.covarianceStride=8", "--master", "local[1]", "-q", "--out"};

    @Test
    void withAndWithoutTheVectorApiTheBytesAreTheSame() throws Exception {
        Path vector = tmp.resolve("vector");
        Path scalar = tmp.resolve("scalar");
        JavaProcesses.Finished a = JavaProcesses.vmse("768m", tmp.resolve("vector.log"), 300, args(vector));
        assertEquals(0, a.code(), a.log());
        JavaProcesses.Finished b = JavaProcesses.vmseWithoutVectorApi("768m", tmp.resolve("scalar.log"), 300,
                args(scalar));
        assertEquals(0, b.code(), b.log());
        // the JVM says so on stderr as it starts when it resolves an incubating module
        assertTrue(a.log().contains("Using incubator modules: jdk.incubator.vector"), a.log());
        assertFalse(b.log().contains("jdk.incubator.vector"), b.log());
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(vector.resolve(file)), Files.readAllBytes(scalar.resolve(file)),
                    file + " differs with and without the vector API");
        }
    }

    private static String[] args(Path out) {
        String[] args = java.util.Arrays.copyOf(RUN, RUN.length + 1);
        args[RUN.length] = out.toString();
        return args;
    }
}
