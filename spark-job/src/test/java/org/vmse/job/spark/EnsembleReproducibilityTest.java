package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;

/**
 * The ensemble's statistics do not depend on the master, the number of partitions or the merge order: the same
 * small ensemble as local[1] with 1 partition and local[2] with 3 and 7 partitions gives byte-identical
 * profiles.csv and covariance.csv.
 */
class EnsembleReproducibilityTest {

    @TempDir
    Path tmp;

    private Path run(String name, String master, int partitions, String sampler) {
        Path out = tmp.resolve(name);
        CliRunner.Result r = CliRunner.vmse("run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
                "T=0.1", "--set", "samples=22", "--set", "ensemble.blockSize=3", "--set", "partitions=" + partitions,
                "--set", "random.sampler=" + sampler, "--set", "ensemble.covarianceStride=8", "--set", "rte.enabled=false",
                "--master", master,
                "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void bitIdenticalWhateverThePartitioning() throws Exception {
        for (String sampler : List.of("kl", "ou")) {
            Path one = run(sampler + "-1", "local[1]", 1, sampler);
            for (int partitions : new int[] {3, 7}) {
                Path other = run(sampler + "-2-" + partitions, "local[2]", partitions, sampler);
                for (String file : List.of("profiles.csv", "covariance.csv")) {
                    assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(other.resolve(file)),
                            sampler + ": " + file + " differs between local[1]x1 and local[2]x" + partitions);
                }
            }
            List<String> profile = Files.readAllLines(one.resolve("profiles.csv"));
            assertEquals("x,rho_mean,rho_std,rho_se", profile.get(0));
            String summary = Files.readString(one.resolve("summary.json"));
            assertTrue(summary.contains("\"samples_used\" : 22") && summary.contains("\"sampler\" : \"" + sampler),
                    summary);
        }
    }
}
