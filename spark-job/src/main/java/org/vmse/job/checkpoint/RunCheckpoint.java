package org.vmse.job.checkpoint;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.spark.BlockRange;
import org.vmse.job.spark.EnsembleAccumulation;
import org.vmse.job.spark.EnsembleBlocks;
import org.vmse.job.spark.EnsembleJob;
import org.vmse.job.spark.EnsembleWork;
import org.vmse.kernel.fft.FftwWisdom;

/**
 * The checkpoint of one ensemble run in its output directory {@code OUT} (any Hadoop URI):
 * <pre>
 *   OUT/_checkpoint/lock             one run at a time ({@link OutputLock})
 *   OUT/_checkpoint/manifest.json    what the blocks were computed from ({@link RunManifest})
 *   OUT/_checkpoint/experiment.json  the resolved experiment, which resume and extend run again
 *   OUT/_checkpoint/status.json      where the run stands ({@link StatusFile})
 *   OUT/_checkpoint/fftw-wisdom.txt  FFTW's measured plans, where the run measures them ({@link #wisdom})
 *   OUT/_checkpoint/NAME             a record the run chose before its blocks ({@link #kept}), such as its mesh
 *   OUT/_checkpoint/blocks/          one verified file per finished task's range of blocks ({@link BlockStore}),
 *                                    merged into one when the run finishes ({@link #compact})
 *   OUT/summary.json, profiles.csv, covariance.csv, figures/   the results, summary.json written last
 * </pre>
 * A run is finished when {@code OUT/summary.json} exists. The blocks are exact sums, so whatever was stored,
 * resumed, redone or added merges into the bits of one undisturbed run of the same realizations.
 */
public final class RunCheckpoint implements EnsembleBlocks, AutoCloseable {

    /** The checkpoint's folder inside the output. */
    public static final String FOLDER = "_checkpoint";
    /** The file whose presence says the run finished. */
    public static final String SUMMARY = "summary.json";
    /** The FFTW plans the run's blocks were computed with, in its checkpoint folder and beside its results. */
    public static final String WISDOM = "fftw-wisdom.txt";
    private static final long STATUS_SECONDS = 10;
    /** Block files above this many bytes in all are merged when the run finishes ({@link #compact}). */
    static final long MERGE_ABOVE_BYTES = 16L << 20;

    private final FileSystem fs;
    private final Path out;
    private final Path folder;
    private final OutputLock lock;
    private final StatusFile status;
    private final BlockStore store;
    private final ExperimentConfig config;
    private final Instant started = Instant.now();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long resumedDone;
    private volatile long total;
    private final List<String> notes = new ArrayList<>();
    private boolean created;
    private long mergeAbove = MERGE_ABOVE_BYTES;
    /** Set by {@link #accumulate} once every range is stored, for {@link #compact}. */
    private volatile WholeRanges wholeRanges;

    private RunCheckpoint(FileSystem fs, Path out, OutputLock lock, ExperimentConfig config, Configuration conf)
            throws IOException {
        this.fs = fs;
        this.out = out;
        this.folder = new Path(out, FOLDER);
        this.lock = lock;
        this.config = config;
        this.status = StatusFile.at(new Path(folder, "status.json").toUri(), conf);
        this.store = BlockStore.open(new Path(folder, "blocks").toUri(), conf);
        this.total = config.ensemble().samples();
        lock.takeover().ifPresent(notes::add);
    }

    /**
     * Starts the checkpoint of a new run of {@code cfg} at {@code out}, which must not exist: vmse never overwrites
     * a result, and a run that was stopped is continued with {@code resume}, not started again.
     *
     * @throws ConfigurationException if {@code out} exists or another run holds it
     */
    public static RunCheckpoint create(URI out, ExperimentConfig cfg, Configuration conf) {
        try {
            FileSystem fs = HadoopFiles.fileSystem(out, conf);
            Path dir = fs.makeQualified(new Path(out));
            if (fs.exists(dir)) {
                throw new ConfigurationException("--out " + out + " already exists"
                        + (fs.exists(new Path(dir, SUMMARY)) ? " and holds a finished run (add realizations with"
                        + " vmse extend " + out + " --samples N)"
                        : fs.exists(new Path(dir, FOLDER)) && unstarted(fs, dir) ? " and holds only the start of a"
                        + " run stopped before its first realization: nothing in it can be resumed; remove it"
                        : fs.exists(new Path(dir, FOLDER)) ? " and holds an unfinished run: continue it with vmse"
                        + " resume " + out : "")
                        + "; choose another --out (vmse never overwrites a result)");
            }
            fs.mkdirs(new Path(dir, FOLDER));
            OutputLock lock = OutputLock.acquire(new Path(new Path(dir, FOLDER), "lock").toUri(), conf);
            RunCheckpoint cp = new RunCheckpoint(fs, dir, lock, cfg, conf);
            cp.created = true;
            RunManifest.of(cfg).write(new Path(cp.folder, "manifest.json").toUri(), conf);
            HadoopFiles.replace(fs, new Path(cp.folder, "experiment.json"),
                    cfg.resolvedJson().getBytes(StandardCharsets.UTF_8));
            cp.writeStatus(RunStatus.State.RUNNING);
            return cp;
        } catch (IOException e) {
            throw new ConfigurationException("--out " + out + ": cannot create the run's output ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable location", e);
        }
    }

    /**
     * Removes {@code out} if a run was killed while creating it: a folder with no manifest and no results holds no
     * block either (blocks are stored only after the manifest), so it is only what that run had begun.
     *
     * @return whether it was removed
     */
    public static boolean clearIfUnstarted(URI out, Configuration conf) {
        try {
            FileSystem fs = HadoopFiles.fileSystem(out, conf);
            Path dir = fs.makeQualified(new Path(out));
            return unstarted(fs, dir) && fs.delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code dir} holds only what a run killed while creating it had begun: no manifest and no results (blocks
     * are stored only after the manifest).
     */
    private static boolean unstarted(FileSystem fs, Path dir) throws IOException {
        return fs.exists(dir) && !fs.exists(new Path(new Path(dir, FOLDER), "manifest.json"))
                && !fs.exists(new Path(dir, SUMMARY));
    }

    /**
     * Opens the checkpoint at {@code out} to resume or extend it: takes its lock (from a run that is gone, too),
     * reads its experiment and refuses a checkpoint that this code would not continue bit for bit.
     *
     * @param overrides {@code key=value} applied to the stored experiment (e.g. {@code samples} for extend)
     * @throws ConfigurationException if there is no checkpoint, it is held, or it is of another experiment, version
     *                                or layout
     */
    public static RunCheckpoint open(URI out, List<String> overrides, Configuration conf) {
        try {
            FileSystem fs = HadoopFiles.fileSystem(out, conf);
            Path dir = fs.makeQualified(new Path(out));
            Path folder = new Path(dir, FOLDER);
            Optional<RunManifest> stored = RunManifest.read(new Path(folder, "manifest.json").toUri(), conf);
            if (stored.isEmpty() && fs.exists(folder) && unstarted(fs, dir)) {
                throw new ConfigurationException(out + " holds only the start of a run that was stopped before its"
                        + " first realization (" + folder + " has no manifest.json): there is nothing to resume;"
                        + " remove " + out + " and start the run again");
            }
            if (stored.isEmpty() || !fs.exists(new Path(folder, "experiment.json"))) {
                throw new ConfigurationException(out + " holds no vmse checkpoint (" + folder + "/manifest.json and"
                        + " experiment.json); only ensemble runs (random.enabled = true) can be resumed or extended");
            }
            ExperimentConfig cfg = ExperimentFile.fromConfig(ExperimentFile.applyOverrides(ConfigFactory.parseString(
                    new String(HadoopFiles.read(fs, new Path(folder, "experiment.json")), StandardCharsets.UTF_8)),
                    overrides), folder + "/experiment.json");
            Optional<String> refusal = stored.get().compatibleWith(RunManifest.of(cfg), out.toString());
            if (refusal.isPresent()) {
                throw new ConfigurationException(refusal.get());
            }
            OutputLock lock = OutputLock.acquire(new Path(folder, "lock").toUri(), conf);
            RunCheckpoint cp = new RunCheckpoint(fs, dir, lock, cfg, conf);
            int removed = cp.store.removeTemporaries();
            if (removed > 0) {
                cp.notes.add("removed " + removed + " half-written block file(s) of the run that stopped");
            }
            HadoopFiles.replace(fs, new Path(folder, "experiment.json"),
                    cfg.resolvedJson().getBytes(StandardCharsets.UTF_8));
            return cp;
        } catch (IOException e) {
            throw new ConfigurationException("cannot open the checkpoint at " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Hadoop configuration of the outputs: Hadoop's defaults and, where {@code HADOOP_CONF_DIR} is set, its
     * {@code core-site.xml} and {@code hdfs-site.xml} (name nodes, {@code s3a} credentials and endpoints).
     */
    public static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        String dir = System.getenv("HADOOP_CONF_DIR");
        if (dir != null) {
            for (String name : List.of("core-site.xml", "hdfs-site.xml")) {
                java.nio.file.Path site = java.nio.file.Path.of(dir, name);
                if (Files.isRegularFile(site)) {
                    conf.addResource(new Path(site.toUri()));
                }
            }
        }
        return conf;
    }

    /** The experiment of this run. */
    public ExperimentConfig config() {
        return config;
    }

    /** The output directory, qualified. */
    public URI location() {
        return out.toUri();
    }

    /** Whether the output holds a finished run's results. */
    public boolean finished() throws IOException {
        return fs.exists(new Path(out, SUMMARY));
    }

    /**
     * What the checkpoint did that the user should hear of (a lock taken over, half-written files removed, damaged
     * blocks redone) since the last call.
     */
    public synchronized List<String> takeNotes() {
        List<String> taken = List.copyOf(notes);
        notes.clear();
        return taken;
    }

    /**
     * Reads back every stored range that belongs to {@code work} (a damaged one is deleted and computed again, as is
     * one whose last block was partial when the run had fewer samples), computes the blocks no range holds, storing
     * each task's range as it finishes, and merges all of them.
     */
    @Override
    public EnsembleAccumulation accumulate(JavaSparkContext sc, EnsembleWork work, LongConsumer progress) {
        total = work.samples();
        WholeRanges whole = new WholeRanges(work);
        try {
            EnsembleAccumulation merged = null;
            boolean[] covered = new boolean[work.blocks()];
            long resumed = 0;
            for (int first : store.blocks()) {
                StoredBlock block;
                try {
                    block = store.read(first);
                } catch (CorruptBlockException e) {
                    store.discard(first);
                    if (!(first < covered.length && covered[first])) { // else held by a merged range
                        note("redoing " + e.getMessage());
                    }
                    continue;
                }
                BlockRange range = rangeOf(block, work);
                if (range == null) {
                    store.discard(first); // its last block is partial for this sample count: redone whole
                    continue;
                }
                if (covered[range.first()]) {
                    store.discard(first); // within the merged range of an interrupted compact(): held there
                    continue;
                }
                EnsembleAccumulation acc = decode(block.payload());
                whole.add(range, acc);
                merged = merged == null ? acc : merged.merge(acc);
                for (int b = range.first(); b < range.end(); b++) {
                    covered[b] = true;
                }
                resumed += block.realizations();
                failures.addAndGet(acc.failed());
            }
            resumedDone = resumed;
            done.set(resumed);
            List<BlockRange> missing = missing(covered, EnsembleJob.partitions(sc, work));
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vmse-status");
                t.setDaemon(true);
                return t;
            });
            writer.scheduleAtFixedRate(this::writeRunningQuietly, 0, STATUS_SECONDS, TimeUnit.SECONDS);
            EnsembleAccumulation computed;
            try {
                long base = resumed;
                // done counts what is stored: the progress reported as tasks end may run ahead of it
                computed = EnsembleJob.run(sc, work, missing, (range, acc) -> {
                    store(work, range, acc);
                    whole.add(range, acc);
                    failures.addAndGet(acc.failed());
                    done.addAndGet(work.realizationsIn(range));
                }, n -> progress.accept(base + n));
            } finally {
                writer.shutdownNow();
            }
            wholeRanges = whole;
            return merged == null ? computed : merged.merge(computed);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The wisdom kept in {@code _checkpoint/fftw-wisdom.txt}; where there is none yet, {@code measure}'s, stored there
     * before any block is computed with it.
     */
    @Override
    public FftwWisdom wisdom(Supplier<FftwWisdom> measure) {
        Path file = new Path(folder, WISDOM);
        try {
            if (fs.exists(file)) {
                String text = new String(HadoopFiles.read(fs, file), StandardCharsets.US_ASCII);
                try {
                    return new FftwWisdom(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("checkpoint at " + out + ": " + WISDOM + " is damaged ("
                            + e.getMessage() + "); its blocks cannot be continued with the same plans", e);
                }
            }
            FftwWisdom measured = measure.get();
            HadoopFiles.replace(fs, file, measured.text().getBytes(StandardCharsets.US_ASCII));
            return measured;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record kept in {@code _checkpoint/NAME} if it fits; where there is none yet, or it cannot be read or does not
     * fit (then with a note), {@code choose}'s, stored there before any block is computed with it.
     */
    @Override
    public <T extends Record> T kept(String name, Class<T> type, Predicate<T> fits, Supplier<T> choose) {
        Path file = new Path(folder, name);
        try {
            if (fs.exists(file)) {
                try {
                    T value = CheckpointJson.read(HadoopFiles.read(fs, file), type, name);
                    if (fits.test(value)) {
                        note("took " + name + " from the checkpoint (not computed again)");
                        return value;
                    }
                    note(name + " holds " + value + ", which this run would not choose; computing it again");
                } catch (IOException e) {
                    note(e.getMessage() + "; computing it again");
                }
            }
            T chosen = choose.get();
            HadoopFiles.replace(fs, file, CheckpointJson.write(chosen));
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at " + out + ": " + e.getMessage(), e);
        }
    }

    /** Realizations the stored blocks hold, whatever the sample count now asked for. */
    public long storedRealizations() throws IOException {
        long n = 0;
        long coveredEnd = 0;
        for (int first : store.blocks()) {
            try {
                StoredBlock block = store.read(first);
                if (block.first() >= coveredEnd) { // else within a merged range (see compact)
                    n += block.realizations();
                    coveredEnd = block.end();
                }
            } catch (CorruptBlockException e) {
                // redone when the run goes on
            }
        }
        return n;
    }

    /**
     * Merges the ranges of whole blocks that this run's {@link #accumulate} stored or read back into one file, under
     * block 0, once the run has finished and its block files hold more than {@link #mergeAbove} bytes ({@value
     * #MERGE_ABOVE_BYTES} unless set). Each task's file holds the covariance's exact sums whatever its realization
     * count, so a run of many tasks keeps many times the bytes its results need (64 files of 26.7 MB at
     * {@code eps = 2^-10} on the paper's grid). A finished run is only extended, which merges every range anyway, and
     * the merge is exact: the same sums. A range that ends in a partial block is kept as it is, so that an extend
     * redoes only that range. The merged file is written before the ranges it holds are deleted: a run stopped in
     * between leaves ranges within block 0's, which the next run deletes unread.
     *
     * @return what was merged, for the user; empty if nothing was
     */
    public Optional<String> compact() throws IOException {
        WholeRanges whole = wholeRanges;
        if (whole == null || whole.files.size() < 2 || !whole.files.contains(0)) {
            return Optional.empty();
        }
        long before = store.bytes();
        if (before <= mergeAbove) {
            return Optional.empty();
        }
        // the whole ranges run from realization 0 without a gap: with at most one partial range after them they tile
        // the finished run
        store.write(new StoredBlock(0, 0, whole.realizations, encode(whole.merged)));
        for (int first : whole.files) {
            if (first != 0) {
                store.discard(first);
            }
        }
        wholeRanges = null;
        return Optional.of(String.format(Locale.ROOT, "merged the %d block files of realizations 0..%d into one:"
                + " %.1f MB of blocks instead of %.1f MB", whole.files.size(), whole.realizations - 1,
                store.bytes() / 1e6, before / 1e6));
    }

    /** Sets the size of the block files above which {@link #compact} merges them (tests merge small runs). */
    void mergeAbove(long bytes) {
        mergeAbove = bytes;
    }

    /**
     * What {@link #compact} merges: the ranges whose last block is whole, as {@link #accumulate} stores or reads them
     * back (on the driver thread that Spark hands finished tasks to).
     */
    private static final class WholeRanges {
        private final EnsembleWork work;
        private final EnsembleAccumulation merged;
        /** Their files' block indices. */
        private final List<Integer> files = new ArrayList<>();
        private long realizations;

        WholeRanges(EnsembleWork work) {
            this.work = work;
            this.merged = new EnsembleAccumulation(work);
        }

        synchronized void add(BlockRange range, EnsembleAccumulation acc) {
            if (work.firstRealization(range.end()) <= work.samples()) {
                merged.merge(acc);
                files.add(range.first());
                realizations += work.realizationsIn(range);
            }
        }
    }

    /** Realizations found stored when the run started (0 for a new run). */
    public long resumedRealizations() {
        return resumedDone;
    }

    /**
     * Publishes the results written under the local directory {@code results} into the output, {@code summary.json}
     * last (after removing an older one), so a reader sees a finished run only when all of it is there.
     */
    public void publish(java.nio.file.Path results) {
        try {
            fs.delete(new Path(out, SUMMARY), false);
            List<java.nio.file.Path> files;
            try (Stream<java.nio.file.Path> walk = Files.walk(results)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            java.nio.file.Path summary = null;
            for (java.nio.file.Path f : files) {
                String rel = results.relativize(f).toString().replace('\\', '/');
                if (rel.equals(SUMMARY)) {
                    summary = f;
                    continue;
                }
                HadoopFiles.replace(fs, new Path(out, rel), Files.readAllBytes(f));
            }
            if (summary != null) {
                HadoopFiles.replace(fs, new Path(out, SUMMARY), Files.readAllBytes(summary));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the output of a new run that stored nothing (refused before its first block, e.g. for bad input), so
     * nothing is left where a result is expected; an output that was resumed or holds blocks stays.
     */
    public void abandon() {
        try {
            if (created && store.blocks().isEmpty()) {
                close();
                fs.delete(out, true);
            }
        } catch (IOException e) {
            // best effort: what is left holds no block and no result
        }
    }

    /** Records how the run ended. */
    public void end(RunStatus.State state) {
        try {
            writeStatus(state);
        } catch (IOException e) {
            // the status is advisory; the blocks and results are what count
        }
    }

    /** Realizations finished so far, resumed ones included. */
    public long done() {
        return done.get();
    }

    /** Realizations of the run. */
    public long total() {
        return total;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // a lock left behind is taken over by the next run on this host, whose driver finds this one gone
        }
    }

    private void store(EnsembleWork work, BlockRange range, EnsembleAccumulation acc) {
        long first = work.firstRealization(range.first());
        long end = Math.min(work.samples(), work.firstRealization(range.end()));
        try {
            store.write(new StoredBlock(range.first(), first, end, encode(acc)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blocks " + range.first() + ".." + (range.end() - 1)
                    + " in " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /** The blocks a stored range holds for {@code work}, or {@code null} if it does not hold whole blocks of it. */
    private static BlockRange rangeOf(StoredBlock block, EnsembleWork work) {
        int first = block.block();
        if (block.first() != work.firstRealization(first)) {
            return null;
        }
        int end = (int) ((block.end() + work.blockSize() - 1) / work.blockSize());
        if (end > work.blocks() || block.end() != Math.min(work.samples(), work.firstRealization(end))) {
            return null;
        }
        return new BlockRange(first, end);
    }

    /** The uncovered blocks, as ranges cut so that about {@code tasks} tasks share them. */
    private static List<BlockRange> missing(boolean[] covered, int tasks) {
        List<BlockRange> gaps = new ArrayList<>();
        int count = 0;
        for (int b = 0; b < covered.length; b++) {
            if (!covered[b]) {
                int e = b;
                while (e < covered.length && !covered[e]) {
                    e++;
                }
                gaps.add(new BlockRange(b, e));
                count += e - b;
                b = e;
            }
        }
        List<BlockRange> ranges = new ArrayList<>();
        for (BlockRange g : gaps) {
            int parts = (int) Math.max(1, Math.round((double) tasks * g.size() / Math.max(1, count)));
            ranges.addAll(BlockRange.split(g.first(), g.end(), parts));
        }
        return ranges;
    }

    private synchronized void note(String text) {
        notes.add(text);
    }

    private void writeRunningQuietly() {
        try {
            writeStatus(RunStatus.State.RUNNING);
        } catch (IOException | RuntimeException e) {
            // advisory: the next rewrite tries again
        }
    }

    private synchronized void writeStatus(RunStatus.State state) throws IOException {
        Instant now = Instant.now();
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        long thisSession = done.get() - resumedDone;
        double rate = seconds > 1 && thisSession > 0 ? thisSession / seconds : 0;
        long d = Math.min(done.get(), total);
        status.write(new RunStatus(state, d, total, Math.min(failures.get(), d), rate, started, now,
                DriverProcess.current()));
    }

    private static byte[] encode(EnsembleAccumulation acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(acc);
        }
        return bytes.toByteArray();
    }

    private static EnsembleAccumulation decode(byte[] payload) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            return (EnsembleAccumulation) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("a stored block does not hold an ensemble accumulation: " + e.getMessage(), e);
        }
    }
}
