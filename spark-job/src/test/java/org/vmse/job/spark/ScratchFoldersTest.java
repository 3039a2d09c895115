package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drivers' scratch folders: a gone driver's folder is removed when the next one starts; a live one's is kept. */
class ScratchFoldersTest {

    @TempDir
    Path root;

    /** A process that stays alive during the test, its pid a live driver's. */
    private Process live;

    @BeforeEach
    void startLiveProcess() throws Exception {
        live = new ProcessBuilder("sleep", "600").start();
    }

    @AfterEach
    void stopLiveProcess() throws Exception {
        live.destroyForcibly().waitFor();
    }

    @Test
    void aGoneDriversFolderIsRemovedAtTheNextStartAndALiveOneIsKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.createDirectories(root.resolve(Long.toString(gone.pid()))
                .resolve("blockmgr-1").resolve("0c"));
        Files.write(dead.resolve("shuffle_0_0_0.data"), new byte[100]);
        Path alive = Files.createDirectories(root.resolve(Long.toString(live.pid())).resolve("spark-1"));
        Path other = Files.createDirectories(root.resolve("notes"));

        SparkConf conf = new SparkConf(false);
        ScratchFolders.use(conf, null, root);

        Path mine = root.resolve(Long.toString(ProcessHandle.current().pid()));
        assertEquals(mine.toString(), conf.get(ScratchFolders.LOCAL_DIR));
        assertTrue(Files.isDirectory(mine));
        assertFalse(Files.exists(root.resolve(Long.toString(gone.pid()))), "the exited process's folder");
        assertTrue(Files.isDirectory(alive), "the live process's folder");
        assertTrue(Files.isDirectory(other), "a folder that is not named for a pid");
    }

    @Test
    void aFolderLastChangedBeforeItsPidsProcessStartedIsOfAnEarlierProcessAndRemoved() throws Exception {
        Path reused = Files.createDirectories(root.resolve(Long.toString(live.pid())));
        Instant started = live.info().startInstant().orElseThrow();
        Files.setLastModifiedTime(reused, FileTime.from(started.minus(1, ChronoUnit.HOURS)));

        assertEquals(1, ScratchFolders.removeGone(root));
        assertFalse(Files.exists(reused));
    }

    @Test
    void theUsersScratchSpaceIsKept() throws Exception {
        Path gone = Files.createDirectories(root.resolve(Long.toString(deadPid())));
        SparkConf chosen = new SparkConf(false).set(ScratchFolders.LOCAL_DIR, "/data/spark");
        ScratchFolders.use(chosen, null, root);
        assertEquals("/data/spark", chosen.get(ScratchFolders.LOCAL_DIR));

        SparkConf fromEnvironment = new SparkConf(false);
        ScratchFolders.use(fromEnvironment, "/data/a,/data/b", root);
        assertFalse(fromEnvironment.contains(ScratchFolders.LOCAL_DIR));
        assertTrue(Files.isDirectory(gone), "nothing is removed when vmse does not use the folders");
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
