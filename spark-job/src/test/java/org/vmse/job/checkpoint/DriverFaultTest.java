package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.JavaProcesses;
import org.vmse.job.cli.VmseCli;

/**
 * A driver killed with SIGKILL at a random block, or stopped with SIGINT, in a JVM of its own: {@code resume} in
 * another JVM computes only what is missing and writes profiles and covariance byte-identical to an undisturbed run.
 */
@Tag("slow")
class DriverFaultTest {

    /** 20 tasks of one block of 3 realizations, one at a time (local[1]), so a kill lands between blocks. */
    private static final List<String> SMALL = List.of("../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
            "T=0.1", "--set", "samples=60", "--set", "ensemble.blockSize=3", "--set", "partitions=20", "--set",
            "ensemble.covarianceStride=8", "--set", "rte.enabled=false", "--set", "fft=jtransforms", "--master",
            "local[1]", "--quiet");
    private static final int TASKS = 20;

    @TempDir
    static Path tmp;

    private static Path reference;

    @BeforeAll
    static void undisturbed() {
        reference = tmp.resolve("reference");
        CliRunner.Result r = CliRunner.vmse(args("run", "--out", reference.toString()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aDriverKilledAtARandomBlockIsResumedToTheSameBytes() throws Exception {
        long seed = System.nanoTime();
        int killAfter = 2 + new Random(seed).nextInt(TASKS - 6);
        Path out = tmp.resolve("killed");
        Path log = tmp.resolve("killed.log");
        Process driver = JavaProcesses.java("768m", log, List.of(), "org.vmse.job.cli.VmseCli",
                args("run", "--out", out.toString())).start();
        int stored = JavaProcesses.awaitCount(() -> blocks(out), killAfter, driver, log);
        driver.destroyForcibly().waitFor(); // SIGKILL: no hook runs
        int left = blocks(out);
        assertTrue(left >= stored && left < TASKS, "killed mid-run (seed " + seed + "): " + left + " of " + TASKS
                + " blocks stored");
        assertFalse(Files.exists(out.resolve("summary.json")));

        JavaProcesses.Finished resumed = JavaProcesses.vmse("768m", tmp.resolve("resume.log"), 300, "resume",
                out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.log());
        assertTrue(resumed.log().contains("took over the lock"), "the dead driver's lock is taken over: "
                + resumed.log());
        assertSameResults(out, "kill after " + killAfter + " blocks (seed " + seed + ")");
    }

    @Test
    void anInterruptedRunSaysSoAndIsResumedToTheSameBytes() throws Exception {
        Path out = tmp.resolve("interrupted");
        Path log = tmp.resolve("interrupted.log");
        Process driver = JavaProcesses.java("768m", log, List.of(), "org.vmse.job.cli.VmseCli",
                args("run", "--out", out.toString())).start();
        JavaProcesses.awaitCount(() -> blocks(out), 3, driver, log);
        new ProcessBuilder("kill", "-INT", Long.toString(driver.pid())).start().waitFor();
        JavaProcesses.Finished stopped = JavaProcesses.waitFor(driver, log, 120);
        assertEquals(VmseCli.INTERRUPTED, stopped.code(), stopped.log());
        assertTrue(stopped.log().contains("vmse: interrupted after") && stopped.log().contains("vmse resume"),
                stopped.log());
        assertFalse(stopped.log().contains("internal error") || stopped.log().contains("\tat "), stopped.log());
        String status = Files.readString(out.resolve(RunCheckpoint.FOLDER).resolve("status.json"));
        assertTrue(status.contains("\"INTERRUPTED\""), status);
        assertFalse(Files.exists(out.resolve(RunCheckpoint.FOLDER).resolve("lock")), "the lock is released");

        JavaProcesses.Finished resumed = JavaProcesses.vmse("768m", tmp.resolve("resume2.log"), 300, "resume",
                out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.log());
        assertSameResults(out, "after SIGINT");
    }

    private static void assertSameResults(Path out, String what) throws Exception {
        for (String f : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)),
                    f + " differs from the undisturbed run, " + what);
        }
    }

    private static int blocks(Path out) throws Exception {
        Path dir = out.resolve(RunCheckpoint.FOLDER).resolve("blocks");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".vmsb")).count();
        }
    }

    private static List<String> args(String command, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(SMALL);
        all.addAll(List.of(more));
        return all;
    }
}
