package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;

/**
 * A finished run's block files merged into one ({@link RunCheckpoint#compact(long)}, here at any size): an extend of
 * the merged checkpoint, and a resume of one whose merge was stopped before the merged ranges were deleted, give the
 * bytes of one undisturbed run (the expected bytes are that run's: the contract is equality, not a value).
 */
@Tag("slow")
class CheckpointCompactionTest {

    /** 12 blocks of 3 realizations in 4 tasks' files, on a coarse grid. */
    private static final String[] SMALL = {"../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set", "T=0.1",
        "--set", "ensemble.blockSize=3", "--set", "ensemble.covarianceStride=8", "--set", "rte.enabled=false",
        "--set", "fft=jtransforms", "--set", "partitions=4", "--master", "local[2]", "--quiet"};
    private static final List<String> RESULTS = List.of("profiles.csv", "covariance.csv");

    @TempDir
    static Path tmp;

    private static Path reference36;

    @BeforeAll
    static void undisturbedRun() {
        reference36 = run("ref36", 36);
    }

    @Test
    void aMergedRunIsExtendedToTheBytesOfOneLargerRun() throws Exception {
        Path out = run("merged", 24);
        assertEquals(4, blockFiles(out).size());
        Optional<String> note = compact(out, 0);
        assertTrue(note.isPresent() && note.get().contains("merged the 4 block files of realizations 0..23"),
                String.valueOf(note));
        assertEquals(List.of("block-0000000000.vmsb"), names(blockFiles(out)));
        Result r = vmse("extend", out.toString(), "--samples", "36", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
    }

    @Test
    void aRangeEndingInAPartialBlockIsKeptAsItIs() throws Exception {
        // 25 = 8 whole blocks and a block of one: the task's file that holds the partial block stays, and an extend
        // redoes that range alone
        Path out = run("partial", 25);
        List<Path> before = blockFiles(out);
        Path last = before.get(before.size() - 1);
        byte[] lastBytes = Files.readAllBytes(last);
        assertTrue(compact(out, 0).isPresent());
        List<Path> after = blockFiles(out);
        assertEquals(List.of("block-0000000000.vmsb", last.getFileName().toString()), names(after));
        assertArrayEquals(lastBytes, Files.readAllBytes(last));
        Result r = vmse("extend", out.toString(), "--samples", "36", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
    }

    @Test
    void aMergeStoppedBeforeItsDeletesIsResumedWithoutCountingTwice() throws Exception {
        Path out = run("stopped", 36);
        Path aside = Files.createDirectories(tmp.resolve("stopped-aside"));
        for (Path f : blockFiles(out)) {
            Files.copy(f, aside.resolve(f.getFileName()));
        }
        assertTrue(compact(out, 0).isPresent());
        // what a driver stopped between writing the merged block 0 and deleting the ranges it holds leaves
        for (Path f : blockFiles(aside)) {
            if (!f.getFileName().toString().equals("block-0000000000.vmsb")) {
                Files.copy(f, out.resolve(RunCheckpoint.FOLDER).resolve("blocks").resolve(f.getFileName()));
            }
        }
        Files.delete(out.resolve("summary.json"));
        assertEquals(4, blockFiles(out).size());
        try (RunCheckpoint cp = RunCheckpoint.open(out.toUri(), List.of(), RunCheckpoint.hadoopConfiguration())) {
            assertEquals(36, cp.storedRealizations(), "the ranges within block 0's are not counted again");
        }
        Result r = vmse("resume", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameResults(reference36, out);
        assertEquals(List.of("block-0000000000.vmsb"), names(blockFiles(out)), "the ranges held twice are deleted");
    }

    @Test
    void smallBlockFilesAreLeftAlone() throws Exception {
        List<Path> before = blockFiles(reference36);
        assertTrue(before.size() > 1);
        assertEquals(Optional.empty(), compact(reference36, RunCheckpoint.COMPACT_BYTES));
        assertEquals(names(before), names(blockFiles(reference36)));
    }

    private static Optional<String> compact(Path out, long minBytes) throws Exception {
        try (RunCheckpoint cp = RunCheckpoint.open(out.toUri(), List.of(), RunCheckpoint.hadoopConfiguration())) {
            return cp.compact(minBytes);
        }
    }

    private static Path run(String name, int samples) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of("--set", "samples=" + samples, "--out", out.toString()));
        Result r = vmse(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    private static void assertSameResults(Path expected, Path actual) throws Exception {
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f + " of " + actual + " differs from the undisturbed run " + expected);
        }
    }

    private static List<Path> blockFiles(Path dir) throws Exception {
        Path blocks = dir.resolve(RunCheckpoint.FOLDER).resolve("blocks");
        try (Stream<Path> s = Files.list(Files.isDirectory(blocks) ? blocks : dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".vmsb")).sorted().toList();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static Result vmse(String... args) {
        return CliRunner.vmse(args);
    }
}
