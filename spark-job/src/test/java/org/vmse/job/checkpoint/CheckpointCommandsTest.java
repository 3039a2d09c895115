package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.cli.VmseCli;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.config.ExperimentFile;
import org.vmse.job.experiment.CheckpointedEnsemble;
import org.vmse.job.experiment.EnsembleRun;
import org.apache.hadoop.conf.Configuration;

/**
 * Resume, extend and status through the command line, in process, on a small ensemble: whatever was stored, damaged,
 * added or redone, the results are byte-identical to one undisturbed run of the same realizations (the expected
 * bytes are those of that run: the contract is equality, not a value).
 */
@Tag("slow")
class CheckpointCommandsTest {

    /** 12 blocks of 3 realizations on a coarse grid: a second or two per run. */
    private static final String[] SMALL = {"../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set", "T=0.1",
        "--set", "ensemble.blockSize=3", "--set", "ensemble.covarianceStride=8", "--set", "rte.enabled=false",
        "--set", "fft=jtransforms", "--set", "partitions=4", "--master", "local[2]", "--quiet"};
    private static final List<String> RESULTS = List.of("profiles.csv", "covariance.csv");
    private static final Configuration CONF = RunCheckpoint.hadoopConfiguration();

    @TempDir
    static Path tmp;

    private static Path reference36;
    private static Path reference24;

    @BeforeAll
    static void undisturbedRuns() {
        reference36 = run("ref36", 36);
        reference24 = run("ref24", 24);
    }

    private static Path run(String name, int samples) {
        Path out = tmp.resolve(name);
        Result r = vmse(concat(new String[] {"run"}, SMALL, new String[] {"--set", "samples=" + samples, "--out",
            out.toString()}));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void aRunWithLostAndDamagedBlocksIsResumedToTheSameBytes() throws Exception {
        Path out = run("damaged", 36);
        List<Path> blocks = blockFiles(out);
        assertEquals(4, blocks.size(), "one file per task's range of blocks");
        Files.delete(blocks.get(1)); // lost: the driver died before it came back
        try (RandomAccessFile f = new RandomAccessFile(blocks.get(2).toFile(), "rw")) {
            f.setLength(f.length() / 2); // half-written under its final name: storage damage
        }
        try (RandomAccessFile f = new RandomAccessFile(blocks.get(3).toFile(), "rw")) {
            f.seek(100);
            f.write(f.read() ^ 1); // one flipped bit
        }
        Files.delete(out.resolve("summary.json")); // the run had not finished
        Result r = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("redoing"), "a damaged block is reported and redone: " + r.err());
        assertSameResults(reference36, out);
    }

    @Test
    void extendingARunGivesWhatOneLargerRunGives() throws Exception {
        Path out = run("extended", 24);
        assertSameResults(reference24, out);
        Result r = vmse("extend", out.toString(), "--samples", "36", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"samples\" : 36"));
    }

    @Test
    void extendingByAPartialBlockRedoesOnlyWhatChanged() throws Exception {
        // 25 = 8 whole blocks and a block of one: extended to 36, that block is redone whole
        Path out = run("partial", 25);
        Result r = vmse("extend", out.toString(), "--samples", "36", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
    }

    @Test
    void aForeignCheckpointIsRefusedAndLeftAlone() throws Exception {
        Path out = run("foreign", 24);
        Files.delete(out.resolve("summary.json"));
        Path experiment = out.resolve(RunCheckpoint.FOLDER).resolve("experiment.json");
        String json = Files.readString(experiment, StandardCharsets.UTF_8);
        Files.writeString(experiment, json.replace("\"seed\":1,", "\"seed\":2,"), StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(blockFiles(out).get(0));
        Result r = vmse("resume", out.toString(), "--quiet");
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("seed differs (checkpoint: 1, this run: 2)"), r.err());
        assertArrayEquals(before, Files.readAllBytes(blockFiles(out).get(0)), "a refused checkpoint is not touched");
    }

    @Test
    void aSecondRunOnTheSameOutputAndAnEmptyResumeAreRefused() {
        Result again = vmse(concat(new String[] {"run"}, SMALL, new String[] {"--set", "samples=36", "--out",
            reference36.toString()}));
        assertEquals(VmseCli.BAD_INPUT, again.code(), again.err());
        assertTrue(again.err().contains("holds a finished run") && again.err().contains("vmse extend"),
                again.err());
        Result nothing = vmse("resume", tmp.resolve("no-such-run").toString());
        assertEquals(VmseCli.BAD_INPUT, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("holds no vmse checkpoint"), nothing.err());
        Result finished = vmse("resume", reference24.toString());
        assertEquals(VmseCli.BAD_INPUT, finished.code(), finished.err());
        assertTrue(finished.err().contains("holds a finished run"), finished.err());
        Result fewer = vmse("extend", reference36.toString(), "--samples", "30");
        assertEquals(VmseCli.BAD_INPUT, fewer.code(), fewer.err());
        assertTrue(fewer.err().contains("must exceed the 36 realizations"), fewer.err());
    }

    @Test
    void aRunKilledBeforeItsManifestIsNamedAsSuchAndNotOfferedForResume() throws Exception {
        // what a run leaves when killed between creating its output and writing its manifest
        Path out = tmp.resolve("killed-at-start");
        Files.createDirectories(out.resolve(RunCheckpoint.FOLDER));
        Result resume = vmse("resume", out.toString());
        assertEquals(VmseCli.BAD_INPUT, resume.code(), resume.err());
        assertTrue(resume.err().contains("stopped before its first realization")
                && resume.err().contains("nothing to resume; remove") && resume.err().contains("killed-at-start"),
                resume.err());
        Result again = vmse(concat(new String[] {"run"}, SMALL, new String[] {"--out", out.toString()}));
        assertEquals(VmseCli.BAD_INPUT, again.code(), again.err());
        assertTrue(again.err().contains("nothing in it can be resumed; remove it"), again.err());
        assertFalse(again.err().contains("vmse resume"), again.err());
        assertTrue(Files.isDirectory(out.resolve(RunCheckpoint.FOLDER)), "a refused output is left alone");
    }

    /**
     * A finished run's block files merged into one ({@link RunCheckpoint#compact}, here at any size): the results and
     * an extend that merges again give the bytes of undisturbed runs.
     */
    @Test
    void aFinishedRunMergesItsBlockFilesAndIsExtendedToTheBytesOfOneLargerRun() throws Exception {
        Path out = tmp.resolve("merged");
        List<String> notes = merging(RunCheckpoint.create(out.toUri(), config(24), CONF));
        assertTrue(notes.stream().anyMatch(n -> n.contains("merged the 4 block files of realizations 0..23")),
                notes.toString());
        assertEquals(List.of("block-0000000000.vmsb"), names(blockFiles(out)));
        assertSameResults(reference24, out);
        // 12 new realizations in 4 tasks, merged with block 0 into one again
        notes = merging(RunCheckpoint.open(out.toUri(), List.of("samples=36"), CONF));
        assertTrue(notes.stream().anyMatch(n -> n.contains("merged the 5 block files of realizations 0..35")),
                notes.toString());
        assertEquals(List.of("block-0000000000.vmsb"), names(blockFiles(out)));
        assertSameResults(reference36, out);
    }

    @Test
    void aRangeEndingInAPartialBlockStaysApartAndAnExtendRedoesItAlone() throws Exception {
        // 25 = 8 whole blocks and a block of one: the last task's file holds the partial block and stays
        Path out = tmp.resolve("merged-partial");
        List<String> notes = merging(RunCheckpoint.create(out.toUri(), config(25), CONF));
        assertTrue(notes.stream().anyMatch(n -> n.contains("merged the 3 block files")), notes.toString());
        List<String> files = names(blockFiles(out));
        assertEquals(2, files.size(), files.toString());
        assertEquals("block-0000000000.vmsb", files.get(0));
        Result r = vmse("extend", out.toString(), "--samples", "36", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
    }

    @Test
    void aMergeStoppedBeforeItsDeletesIsResumedWithoutCountingTwice() throws Exception {
        Path out = tmp.resolve("merge-stopped");
        merging(RunCheckpoint.create(out.toUri(), config(36), CONF));
        // what a driver stopped between writing the merged block 0 and deleting the ranges it holds leaves: those
        // ranges (another run's files of the same ranges), one of them damaged since
        Path blocks = out.resolve(RunCheckpoint.FOLDER).resolve("blocks");
        for (Path f : blockFiles(reference36)) {
            if (!f.getFileName().toString().equals("block-0000000000.vmsb")) {
                Files.copy(f, blocks.resolve(f.getFileName()));
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(blockFiles(out).get(2).toFile(), "rw")) {
            f.seek(100);
            f.write(f.read() ^ 1);
        }
        Files.delete(out.resolve("summary.json"));
        try (RunCheckpoint cp = RunCheckpoint.open(out.toUri(), List.of(), CONF)) {
            assertEquals(36, cp.storedRealizations(), "the ranges within block 0's are not counted again");
        }
        Result r = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("redoing"), "nothing is redone: block 0 holds it all: " + r.err());
        assertSameResults(reference36, out);
        assertEquals(List.of("block-0000000000.vmsb"), names(blockFiles(out)), "the ranges held twice are deleted");
    }

    /** Runs {@code checkpoint}'s ensemble as the commands do, merging its block files at any size; its notes. */
    private static List<String> merging(RunCheckpoint checkpoint) {
        checkpoint.mergeAbove(0);
        List<String> notes = new ArrayList<>();
        CheckpointedEnsemble.run(checkpoint, "local[2]", n -> { }, notes::add);
        return notes;
    }

    /** {@link #SMALL}'s experiment with {@code samples} realizations. */
    private static ExperimentConfig config(int samples) {
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i + 1 < SMALL.length; i++) {
            if (SMALL[i].equals("--set")) {
                overrides.add(SMALL[i + 1]);
            }
        }
        overrides.add("samples=" + samples);
        return ExperimentFile.load(Path.of(SMALL[0]), overrides);
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * {@code mesh.rule = accuracy} chooses its mesh once per run: a resumed run takes the checkpoint's choice (the
     * same {@code mesh_estimate}, to its wall time, which pilots run again would not give), and a kept choice that
     * cannot be read is chosen again, to the same mesh and the same bytes.
     */
    @Test
    void aResumedAccuracyMeshRunTakesTheKeptMeshWithoutPilots() throws Exception {
        Path out = tmp.resolve("accuracy");
        Result first = vmse(concat(new String[] {"run"}, SMALL, new String[] {"--set", "samples=24", "--set",
            "scheme=rk4ip", "--set", "mesh.rule=accuracy", "--set", "mesh.tolerance=1e-4", "--out", out.toString()}));
        assertEquals(0, first.code(), first.err());
        Path kept = out.resolve(RunCheckpoint.FOLDER).resolve(EnsembleRun.ACCURACY_MESH);
        assertTrue(Files.isRegularFile(kept), "the chosen mesh is kept in the checkpoint");
        String estimate = meshEstimate(out);
        Path undisturbed = tmp.resolve("accuracy-undisturbed");
        Files.createDirectories(undisturbed);
        for (String f : RESULTS) {
            Files.copy(out.resolve(f), undisturbed.resolve(f));
        }

        Files.delete(out.resolve("summary.json"));
        Files.delete(blockFiles(out).get(0));
        Result resumed = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("took " + EnsembleRun.ACCURACY_MESH + " from the checkpoint"),
                resumed.err());
        assertEquals(estimate, meshEstimate(out), "the kept estimate, wall time included: no pilots ran again");
        assertSameResults(undisturbed, out);

        Result extended = vmse("extend", out.toString(), "--samples", "27", "--quiet");
        assertEquals(0, extended.code(), extended.err());
        assertTrue(extended.err().contains("took " + EnsembleRun.ACCURACY_MESH + " from the checkpoint"),
                extended.err());
        assertEquals(estimate, meshEstimate(out), "extend takes the kept estimate too");
        Path extendedResults = tmp.resolve("accuracy-extended");
        Files.createDirectories(extendedResults);
        for (String f : RESULTS) {
            Files.copy(out.resolve(f), extendedResults.resolve(f));
        }

        byte[] choice = Files.readAllBytes(kept);
        // a readable choice this run would not make: a grid off the rule's ladder of 2^a 3^b 5^c sizes
        String json = new String(choice, StandardCharsets.UTF_8);
        Files.writeString(kept, json.replaceFirst("\"points\" : \\d+", "\"points\" : 1094"));
        Files.delete(out.resolve("summary.json"));
        Result refused = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, refused.code(), refused.err());
        assertTrue(refused.err().contains("which this run would not choose; computing it again"), refused.err());
        assertSameResults(extendedResults, out);
        assertEquals(json.replaceAll("\"seconds\" : [^,}]*", ""),
                Files.readString(kept).replaceAll("\"seconds\" : [^,}]*", ""), "chosen again, the same mesh");

        Files.writeString(kept, "{\"points\" : 7");
        Files.delete(out.resolve("summary.json"));
        Files.delete(blockFiles(out).get(1));
        Result damaged = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, damaged.code(), damaged.err());
        assertTrue(damaged.err().contains(EnsembleRun.ACCURACY_MESH + " is not a readable MeshEstimate")
                && damaged.err().contains("computing it again"), damaged.err());
        assertSameResults(extendedResults, out);
        String again = new String(Files.readAllBytes(kept), StandardCharsets.UTF_8);
        String before = new String(choice, StandardCharsets.UTF_8);
        assertEquals(before.replaceAll("\"seconds\" : [^,}]*", ""), again.replaceAll("\"seconds\" : [^,}]*", ""),
                "chosen again: the same mesh and measurements, only the wall time differs");
    }

    private static String meshEstimate(Path out) throws Exception {
        String summary = Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
        int at = summary.indexOf("\"mesh_estimate\"");
        assertTrue(at >= 0, "summary.json reports the mesh estimate");
        return summary.substring(at, summary.indexOf('}', at) + 1);
    }

    @Test
    void statusReadsTheFinishedRun() {
        Result r = vmse("status", reference36.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("finished: 36/36 realizations (100%), 0 failed"), r.out());
        Result none = vmse("status", tmp.toString());
        assertEquals(VmseCli.BAD_INPUT, none.code(), none.err());
    }

    private static void assertSameResults(Path expected, Path actual) throws Exception {
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f + " of " + actual + " differs from the undisturbed run " + expected);
        }
        assertFalse(Files.list(actual.resolve(RunCheckpoint.FOLDER).resolve("blocks"))
                .anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary block file is left");
    }

    private static List<Path> blockFiles(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve(RunCheckpoint.FOLDER).resolve("blocks"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".vmsb")).sorted().toList();
        }
    }

    private static Result vmse(String... args) {
        return CliRunner.vmse(args);
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(String[]::new);
    }
}
