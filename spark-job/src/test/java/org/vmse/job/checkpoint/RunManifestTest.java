package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;

class RunManifestTest {

    private static final String BASE = "name = ens, random.enabled = true, fft = jtransforms, seed = 11,"
            + " samples = 400, ensemble.blockSize = 8, ";

    @TempDir
    Path tmp;

    private static RunManifest manifest(String keys, String revision) {
        ExperimentConfig cfg = ExperimentFile.fromConfig(ConfigFactory.parseString(BASE + keys), "test");
        return RunManifest.of(cfg, revision);
    }

    private static RunManifest manifest(String keys) {
        return manifest(keys, "abc123");
    }

    private static String refusal(RunManifest checkpoint, RunManifest run) {
        Optional<String> why = checkpoint.compatibleWith(run, "OUT");
        assertTrue(why.isPresent(), "expected a refusal");
        return why.get();
    }

    @Test
    void theSameRunIsCompatible() {
        assertEquals(Optional.empty(), manifest("").compatibleWith(manifest(""), "OUT"));
        assertEquals(manifest("").fingerprint(), manifest("").fingerprint());
    }

    @Test
    void keysThatDoNotChangeTheBlocksMayDiffer() {
        // the excluded keys of the class comment: how many realizations, where they run, what the driver solves
        RunManifest checkpoint = manifest("");
        RunManifest run = manifest("samples = 10000, partitions = 64, spark.master = \"spark://h:7077\","
                + " ensemble.refinedRealizations = 8, rte.dx = \"2^-9\", liouville.rays = 500,"
                + " study.fitMin = \"2^-8\"");
        assertEquals(Optional.empty(), checkpoint.compatibleWith(run, "OUT"));
    }

    @Test
    void aForeignManifestIsRefusedNamingTheFirstDifference() {
        RunManifest checkpoint = manifest("");
        String seed = refusal(checkpoint, manifest("seed = 12"));
        assertTrue(seed.startsWith("checkpoint at OUT was made by experiment ens / seed 11 / block size 8 / fft"
                + " jtransforms / code version abc123 (checkpoint format 1); this run is experiment ens / seed 12 /"
                + " block size 8"), seed);
        assertTrue(seed.contains("the seed differs (checkpoint: 11, this run: 12)"), seed);

        assertTrue(refusal(checkpoint, manifest("ensemble.blockSize = 16")).contains(
                "the block size (ensemble.blockSize) differs (checkpoint: 8, this run: 16)"));
        assertTrue(refusal(checkpoint, manifest("name = other")).contains(
                "the experiment differs (checkpoint: ens, this run: other)"));
        assertTrue(refusal(checkpoint, manifest("", "def456")).contains(
                "the code version differs (checkpoint: abc123, this run: def456)"));
        assertTrue(refusal(checkpoint, manifest("mesh.dt = \"eps^1.2/16\"")).contains(
                "the configuration key mesh.dt differs (checkpoint: \"eps^1.2/8\", this run: \"eps^1.2/16\")"));
        // keys that shape a block's sums or decide what it may leave out
        assertTrue(refusal(checkpoint, manifest("ensemble.covarianceStride = 2")).contains(
                "ensemble.covarianceStride differs"));
        assertTrue(refusal(checkpoint, manifest("ensemble.batches = 10")).contains("ensemble.batches differs"));
        assertTrue(refusal(checkpoint, manifest("ensemble.onFailure = exclude")).contains(
                "ensemble.onFailure differs"));
    }

    @Test
    void theResolvedFftBackendIsCompared() {
        RunManifest checkpoint = manifest("");
        RunManifest fftw = new RunManifest(checkpoint.formatVersion(), checkpoint.experiment(), checkpoint.seed(),
                checkpoint.blockSize(), "fftw", checkpoint.gitRevision(), checkpoint.fingerprint(),
                checkpoint.configuration());
        assertTrue(refusal(checkpoint, fftw).contains("the FFT backend differs (checkpoint: jtransforms, this run:"
                + " fftw)"));
    }

    @Test
    void aManifestRoundTripsThroughItsFile() throws Exception {
        Path file = tmp.resolve("ck/manifest.json");
        Configuration conf = new Configuration();
        assertEquals(Optional.empty(), RunManifest.read(file.toUri(), conf));
        RunManifest m = manifest("outputTimes = [0.1, 0.2]");
        m.write(file.toUri(), conf);
        assertEquals(Optional.of(m), RunManifest.read(file.toUri(), conf));
        RunManifest again = manifest("seed = 3");
        again.write(file.toUri(), conf);
        assertEquals(Optional.of(again), RunManifest.read(file.toUri(), conf));
    }

    @Test
    void anAlteredManifestIsNotRead() throws Exception {
        Path file = tmp.resolve("manifest.json");
        manifest("").write(file.toUri(), new Configuration());
        String json = Files.readString(file);
        assertTrue(json.contains("eps^1.2/8"), json);
        Files.writeString(file, json.replace("eps^1.2/8", "eps^1.2/16"));
        IOException e = assertThrows(IOException.class, () -> RunManifest.read(file.toUri(), new Configuration()));
        assertTrue(e.getMessage().contains("checkpoint manifest") && e.getMessage().contains("altered"),
                e.getMessage());
        Files.writeString(file, "{\"formatVersion\": 1, \"exp");
        assertThrows(IOException.class, () -> RunManifest.read(file.toUri(), new Configuration()));
    }

    @Test
    void theFingerprintCoversTheKeptKeysOnly() {
        RunManifest m = manifest("");
        for (String excluded : RunManifest.EXCLUDED_KEYS) {
            assertFalse(m.configuration().keySet().stream().anyMatch(k -> k.equals(excluded)
                    || k.startsWith(excluded + ".")), excluded);
        }
        assertTrue(m.configuration().containsKey("mesh.dt"));
        assertTrue(m.configuration().containsKey("random.D"));
        assertEquals(64, m.fingerprint().length());
    }
}
