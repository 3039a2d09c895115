package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.checkpoint.RunStatus.State;

class StatusFileTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    private static RunStatus status(State state, long done, Instant updated, DriverProcess driver) {
        return new RunStatus(state, done, 10000, 3, 4.0, START, updated, driver);
    }

    @Test
    void theLastStatusWrittenIsRead() throws Exception {
        StatusFile file = StatusFile.at(tmp.resolve("run/status.json").toUri(), new Configuration());
        assertEquals(Optional.empty(), file.read());
        RunStatus first = status(State.RUNNING, 1200, START.plusSeconds(300), DriverProcess.current());
        file.write(first);
        assertEquals(Optional.of(first), file.read());
        RunStatus last = status(State.FINISHED, 10000, START.plusSeconds(2500), DriverProcess.current());
        file.write(last);
        assertEquals(Optional.of(last), file.read());
        try (var files = Files.list(tmp.resolve("run"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void theEtaIsTheRemainingRealizationsAtTheRate() {
        // (10000 - 1200) / 4.0 per second = 2200 s
        RunStatus s = status(State.RUNNING, 1200, START.plusSeconds(300), DriverProcess.current());
        assertEquals(Optional.of(Duration.ofSeconds(2200)), s.eta());
        assertEquals(Optional.empty(), status(State.FINISHED, 10000, START, DriverProcess.current()).eta());
        assertEquals(Optional.empty(), new RunStatus(State.RUNNING, 0, 10, 0, 0, START, START,
                DriverProcess.current()).eta());
    }

    @Test
    void aRunningStatusOfALiveFreshDriverReadsAsRunning() {
        Instant now = Instant.now();
        RunStatus s = status(State.RUNNING, 1200, now.minusSeconds(5), DriverProcess.current());
        assertFalse(s.isDead(now));
        String line = s.describe(now);
        assertTrue(line.startsWith("running: 1200/10000 realizations (12%), 4.00/s, ETA 36 min, 3 failed; driver pid "
                + ProcessHandle.current().pid()), line);
        assertTrue(line.endsWith("last update 5 s ago"), line);
    }

    @Test
    void aRunningStatusWhoseDriverIsGoneReadsAsDead() throws Exception {
        Instant now = Instant.now();
        RunStatus s = status(State.RUNNING, 1200, now.minusSeconds(5), DeadProcess.onThisHost());
        assertTrue(s.isDead(now));
        String line = s.describe(now);
        assertTrue(line.startsWith("dead (last update " + s.updated() + ", 5 s ago; pid "), line);
        assertTrue(line.contains("is gone"), line);
    }

    @Test
    void aRunningStatusNotUpdatedForLongReadsAsDead() {
        // a live driver (this process) on another host cannot be asked; only the age of its status tells
        DriverProcess elsewhere = new DriverProcess(ProcessHandle.current().pid(), "another-host", null);
        Instant updated = START.plusSeconds(600);
        RunStatus s = status(State.RUNNING, 1200, updated, elsewhere);
        assertFalse(s.isDead(updated.plus(RunStatus.STALE_AFTER)));
        Instant later = updated.plus(RunStatus.STALE_AFTER).plusSeconds(1);
        assertTrue(s.isDead(later));
        assertTrue(s.describe(later).startsWith("dead (last update 2025-03-01T10:10:00Z, 10 min ago; pid "
                + ProcessHandle.current().pid() + " on host another-host stopped writing)"), s.describe(later));
    }

    @Test
    void aRunThatEndedIsNeverDead() throws Exception {
        Instant now = Instant.now();
        RunStatus s = status(State.INTERRUPTED, 1200, START.plusSeconds(60), DeadProcess.onThisHost());
        assertFalse(s.isDead(now));
        assertTrue(s.describe(now).startsWith("interrupted: 1200/10000 realizations (12%), 3 failed;"),
                s.describe(now));
    }

    @Test
    void anInconsistentStatusIsRejected() {
        DriverProcess d = DriverProcess.current();
        assertThrows(IllegalArgumentException.class, () -> new RunStatus(State.RUNNING, 11, 10, 0, 1, START, START, d));
        assertThrows(IllegalArgumentException.class, () -> new RunStatus(State.RUNNING, 5, 10, 6, 1, START, START, d));
        assertThrows(IllegalArgumentException.class,
                () -> new RunStatus(State.RUNNING, 5, 10, 0, Double.NaN, START, START, d));
        assertThrows(IllegalArgumentException.class,
                () -> new RunStatus(State.RUNNING, 5, 10, 0, 1, START, START.minusSeconds(1), d));
    }
}
