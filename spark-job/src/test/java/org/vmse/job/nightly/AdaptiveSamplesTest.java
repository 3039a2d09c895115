package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.output.Json;

/**
 * An adaptive study point ({@code study.targetSe}) grows through its checkpoint in rounds, and its statistics are
 * those of a fixed-size run of the final count, byte for byte: the blocks are the same blocks, and their sums exact.
 */
class AdaptiveSamplesTest {

    static final String CONF = "../conf/paper-fig9.conf";

    /** A tiny ensemble: rk4ip, blocks of 4, the RTE on a coarse grid. */
    static final List<String> TINY = List.of("--set", "scheme=rk4ip", "--set", "ensemble.blockSize=4", "--set",
            "rte.dx=2^-8", "--set", "rte.dk=2^-8", "--quiet");

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void aGrownPointEqualsTheFixedRunOfItsFinalCount() throws Exception {
        Path study = tmp.resolve("study");
        // a target no 48 realizations reach: 16 grow to min(4 * 16, study.maxSamples = 48) = 48, then stop
        // (SampleGrowth's rule)
        Result s = vmse("study", CONF, "--set", "study.eps=[2^-4, 2^-5]", "--set", "study.fitMin=2^-5", "--set",
                "study.fitMax=2^-4", "--set", "samples=16", "--set", "study.targetSe=1e-9", "--set",
                "study.maxSamples=48", "--out", study.toString());
        assertEquals(0, s.code(), s.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(study.resolve("study.json")));
        Map<String, Object> point = ((List<Map<String, Object>>) ((List<Map<String, Object>>) json.get("series"))
                .get(0).get("points")).get(0);
        assertEquals(List.of(16, 48), point.get("sample_rounds"));
        assertEquals(48, point.get("samples"));

        Path fixed = tmp.resolve("fixed");
        Result r = vmse("run", CONF, "--set", "eps=2^-4", "--set", "samples=48", "--out", fixed.toString());
        assertEquals(0, r.code(), r.err());
        Path grown = study.resolve("runs/xi=gaussian_eps=2^-4");
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(fixed.resolve(file)), Files.readAllBytes(grown.resolve(file)), file);
        }
        Map<String, Object> a = (Map<String, Object>) Json.parse(Files.readString(fixed.resolve("summary.json")));
        Map<String, Object> b = (Map<String, Object>) Json.parse(Files.readString(grown.resolve("summary.json")));
        for (String key : List.of("err_l1", "err_l1_se", "err_l1_noise_floor", "samples_used")) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    private static Result vmse(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(TINY);
        return CliRunner.vmse(all.toArray(String[]::new));
    }
}
