package org.vmse.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.cli.VmseCli;

/** An {@code --out} that cannot be created is bad input: exit code 2, a message naming {@code --out}, no trace. */
class OutputLocationErrorsTest {

    private static final String QUICKSTART = "../conf/quickstart.conf";

    @TempDir
    Path tmp;

    @Test
    void anOutUnderARegularFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Result r = CliRunner.vmse("run", QUICKSTART, "--out", file.resolve("run").toString(), "--quiet");
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("is a file"), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
    }

    @Test
    void anOutInAReadOnlyDirectoryIsRefused() throws Exception {
        Path readOnly = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root ignores permission bits: /proc takes no new directories from anyone
        Path parent = Files.isWritable(readOnly) ? Path.of("/proc/vmse-read-only") : readOnly;
        Result r = CliRunner.vmse("run", QUICKSTART, "--out", parent.resolve("run").toString(), "--quiet");
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("choose a writable location"), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
    }
}
