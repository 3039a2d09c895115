package org.vmse.job.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.config.ConfigurationException;

class OutputLockTest {

    @TempDir
    Path tmp;

    private URI lockFile() {
        return tmp.resolve("out.lock").toUri();
    }

    private void writeHolder(DriverProcess driver) throws Exception {
        Files.write(tmp.resolve("out.lock"), CheckpointJson.write(new OutputLock.Holder(driver,
                Instant.parse("2025-03-01T10:00:00Z"))));
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedNamingTheHolder() throws Exception {
        try (OutputLock lock = OutputLock.acquire(lockFile(), new Configuration())) {
            assertEquals(java.util.Optional.empty(), lock.takeover());
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> OutputLock.acquire(lockFile(), new Configuration()));
            assertTrue(e.getMessage().startsWith("the output is in use: lock "), e.getMessage());
            assertTrue(e.getMessage().contains("is held by the vmse run started "), e.getMessage());
            assertTrue(e.getMessage().contains(" by " + DriverProcess.current()), e.getMessage());
        }
        // released: the next run takes it
        assertTrue(Files.notExists(tmp.resolve("out.lock")));
        OutputLock.acquire(lockFile(), new Configuration()).close();
    }

    @Test
    void ofRunsStartingTogetherExactlyOneGetsTheLock() throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OutputLock>> attempts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            attempts.add(pool.submit(() -> {
                go.await();
                try {
                    return OutputLock.acquire(lockFile(), new Configuration());
                } catch (ConfigurationException refused) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<OutputLock> holders = new ArrayList<>();
        for (Future<OutputLock> f : attempts) {
            if (f.get() != null) {
                holders.add(f.get());
            }
        }
        pool.shutdown();
        // released only after every attempt has ended: a release in between would let a later attempt in, rightly
        for (OutputLock lock : holders) {
            lock.close();
        }
        assertEquals(1, holders.size());
    }

    @Test
    void aLockOfADeadDriverOnThisHostIsTakenOverAndReported() throws Exception {
        DriverProcess dead = DeadProcess.onThisHost();
        writeHolder(dead);
        try (OutputLock lock = OutputLock.acquire(lockFile(), new Configuration())) {
            String report = lock.takeover().orElseThrow();
            assertTrue(report.contains("of the vmse run started 2025-03-01T10:00:00Z by " + dead + ", which is gone"),
                    report);
            OutputLock.Holder now = CheckpointJson.read(Files.readAllBytes(tmp.resolve("out.lock")),
                    OutputLock.Holder.class, "lock");
            assertEquals(ProcessHandle.current().pid(), now.driver().pid());
        }
    }

    @Test
    void aLockHeldFromAnotherHostIsRespected() throws Exception {
        writeHolder(new DriverProcess(4242, "another-host", null));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> OutputLock.acquire(lockFile(), new Configuration()));
        assertTrue(e.getMessage().contains("by pid 4242 on host another-host"), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("out.lock")));
    }

    @Test
    void anUnreadableLockIsRefusedWithTheFix() throws Exception {
        Files.writeString(tmp.resolve("out.lock"), "");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> OutputLock.acquire(lockFile(), new Configuration()));
        assertTrue(e.getMessage().contains("if no vmse run is using this output, remove "), e.getMessage());
    }

    @Test
    void closingALockTakenOverByAnotherRunLeavesTheirs() throws Exception {
        OutputLock mine = OutputLock.acquire(lockFile(), new Configuration());
        writeHolder(new DriverProcess(4242, "another-host", null));
        mine.close();
        assertTrue(Files.exists(tmp.resolve("out.lock")));
        assertFalse(Files.readString(tmp.resolve("out.lock")).isEmpty());
    }
}
