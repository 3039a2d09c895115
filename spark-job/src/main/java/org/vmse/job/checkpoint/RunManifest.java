package org.vmse.job.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.output.Provenance;

/**
 * What a checkpoint's blocks were computed from, written when a checkpointed run starts and compared by a run that
 * would resume it: blocks are merged only into a run that would have computed the same bits.
 *
 * <p>The configuration is kept as every resolved key that determines a block's accumulation, with its value as
 * written, and a SHA-256 fingerprint of them. Left out ({@link #EXCLUDED_KEYS}):
 * <ul>
 *   <li>{@code name}, {@code seed}, {@code ensemble.blockSize} and {@code fft}: compared on their own, so that a
 *       refusal names them ({@code fft} as the backend it resolved to, since {@code auto} differs between hosts);
 *   <li>{@code samples}, {@code study.samples}: how many realizations, which {@code extend} grows; the blocks
 *       already done stay valid (a last block that was partial is recognized by its stored realization range);
 *   <li>{@code partitions}, {@code spark.master}: how the fixed blocks are spread over Spark, not what they hold;
 *   <li>{@code ensemble.refinedRealizations}: the discretization estimate, a separate paired run outside the blocks;
 *   <li>{@code rte}, {@code liouville}, {@code study}: limits solved on the driver and the eps list and fit window
 *       of a study (each study point is a run with its own {@code eps}), none of them in the blocks.
 * </ul>
 * Every other key is kept, including {@code ensemble.covarianceStride} and {@code ensemble.batches} (the shape of a
 * block's sums) and {@code ensemble.onFailure} (a block of an {@code exclude} run may leave realizations out). A key
 * added to vmse later is kept unless it is added here: an unneeded refusal rather than a wrong merge. Values are
 * compared as written, so {@code 0.4} and {@code "0.4"} differ.
 *
 * <p>The code version is the git revision ({@code vmse.gitRevision}, set by the launcher) and
 * {@link #FORMAT_VERSION}; a checkpoint is resumed only by the revision that wrote it, since another revision may
 * compute other bits. Two builds outside git both read {@code unknown} and are not told apart.
 *
 * @param formatVersion  {@link #FORMAT_VERSION} of the vmse that wrote the checkpoint
 * @param experiment     {@code name}
 * @param seed           {@code seed}
 * @param blockSize      {@code ensemble.blockSize}
 * @param fftBackend     the FFT backend the run resolved {@code fft} to
 * @param gitRevision    the git revision of the code
 * @param fingerprint    SHA-256 (hex) of the {@code configuration} lines {@code key=value}, in key order
 * @param configuration  the keys that determine the blocks, with their values as written (JSON)
 */
public record RunManifest(int formatVersion, String experiment, long seed, int blockSize, String fftBackend,
                          String gitRevision, String fingerprint, SortedMap<String, String> configuration) {

    /** The version of the checkpoint layout: this manifest, the block files ({@link BlockStore}), the status. */
    public static final int FORMAT_VERSION = 1;

    /** Configuration keys (and subtrees) outside the fingerprint; see the class comment for why. */
    public static final List<String> EXCLUDED_KEYS = List.of("name", "seed", "ensemble.blockSize", "fft", "samples",
            "partitions", "spark.master", "ensemble.refinedRealizations", "rte", "liouville", "study");

    public RunManifest {
        if (!(formatVersion > 0)) {
            throw new IllegalArgumentException("manifest formatVersion must be positive, got " + formatVersion);
        }
        Objects.requireNonNull(experiment, "manifest experiment");
        Objects.requireNonNull(fftBackend, "manifest fftBackend");
        Objects.requireNonNull(gitRevision, "manifest gitRevision");
        if (!(blockSize > 0)) {
            throw new IllegalArgumentException("manifest blockSize must be positive, got " + blockSize);
        }
        configuration = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(configuration,
                "manifest configuration")));
        String computed = fingerprintOf(configuration);
        if (!computed.equals(fingerprint)) {
            throw new IllegalArgumentException("manifest fingerprint " + fingerprint + " does not match its"
                    + " configuration (" + computed + "): the manifest was altered");
        }
    }

    /** The manifest of a run of {@code cfg} by this code (git revision from {@code vmse.gitRevision} or git). */
    public static RunManifest of(ExperimentConfig cfg) {
        return of(cfg, String.valueOf(Provenance.describe().get("git_revision")));
    }

    /** The manifest of a run of {@code cfg} by the code at {@code gitRevision}. */
    public static RunManifest of(ExperimentConfig cfg, String gitRevision) {
        Config kept = cfg.resolved();
        for (String key : EXCLUDED_KEYS) {
            kept = kept.withoutPath(key);
        }
        SortedMap<String, String> configuration = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : kept.entrySet()) {
            configuration.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
        }
        return new RunManifest(FORMAT_VERSION, cfg.name(), cfg.ensemble().seed(), cfg.ensemble().blockSize(),
                cfg.fft().key(), gitRevision, fingerprintOf(configuration), configuration);
    }

    /**
     * Whether a run described by {@code run} may resume this checkpoint, found at {@code location}.
     *
     * @return empty if it may; else the first difference, in a message that describes both and what to do
     */
    public Optional<String> compatibleWith(RunManifest run, String location) {
        String difference = formatVersion != run.formatVersion
                ? differs("checkpoint format", formatVersion, run.formatVersion)
                : !experiment.equals(run.experiment) ? differs("experiment", experiment, run.experiment)
                : !configuration.equals(run.configuration) ? configurationDifference(run)
                : seed != run.seed ? differs("seed", seed, run.seed)
                : blockSize != run.blockSize ? differs("block size (ensemble.blockSize)", blockSize, run.blockSize)
                : !fftBackend.equals(run.fftBackend) ? differs("FFT backend", fftBackend, run.fftBackend)
                : !gitRevision.equals(run.gitRevision) ? differs("code version", gitRevision, run.gitRevision)
                : null;
        if (difference == null) {
            return Optional.empty();
        }
        return Optional.of("checkpoint at " + location + " was made by " + describe() + "; this run is "
                + run.describe() + ": " + difference + ". Its blocks would not merge into the same result: run with"
                + " the checkpoint's settings and code, or choose another output");
    }

    /** {@code experiment X / seed S / block size B / fft F / code version V (format N)}. */
    public String describe() {
        return "experiment " + experiment + " / seed " + seed + " / block size " + blockSize + " / fft " + fftBackend
                + " / code version " + gitRevision + " (checkpoint format " + formatVersion + ")";
    }

    /** Writes this manifest to {@code file}, atomically. */
    public void write(URI file, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(file, conf);
        HadoopFiles.replace(fs, fs.makeQualified(new Path(file)), CheckpointJson.write(this));
    }

    /**
     * The manifest at {@code file}, or empty if there is none.
     *
     * @throws IOException naming the file if it is not a readable manifest
     */
    public static Optional<RunManifest> read(URI file, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(file, conf);
        Path path = fs.makeQualified(new Path(file));
        try {
            return Optional.of(CheckpointJson.read(HadoopFiles.read(fs, path), RunManifest.class,
                    "checkpoint manifest " + path));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The first key, in key order, whose value differs; called only when the configurations differ. */
    private String configurationDifference(RunManifest run) {
        TreeSet<String> keys = new TreeSet<>(configuration.keySet());
        keys.addAll(run.configuration.keySet());
        for (String key : keys) {
            String mine = configuration.get(key);
            String theirs = run.configuration.get(key);
            if (!Objects.equals(mine, theirs)) {
                return "the configuration key " + key + " differs (checkpoint: " + (mine == null ? "absent" : mine)
                        + ", this run: " + (theirs == null ? "absent" : theirs) + ")";
            }
        }
        throw new IllegalStateException("configurations differ in no key");
    }

    private static String differs(String what, Object checkpoint, Object run) {
        return "the " + what + " differs (checkpoint: " + checkpoint + ", this run: " + run + ")";
    }

    static String fingerprintOf(SortedMap<String, String> configuration) {
        MessageDigest sha = Sha256.create();
        for (Map.Entry<String, String> e : configuration.entrySet()) {
            sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
