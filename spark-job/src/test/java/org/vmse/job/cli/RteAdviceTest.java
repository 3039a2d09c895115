package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;

/** A bad RTE grid is refused with advice that fits the command: {@code rte.enabled} means nothing to {@code vmse rte}. */
class RteAdviceTest {

    /** 0.3 does not divide domain.L = 1.625. */
    private static final String[] BAD_GRID = {"--set", "rte.dx=0.3", "--set", "eps=2^-5", "--set", "samples=4",
        "--quiet"};

    @TempDir
    Path tmp;

    @Test
    void theRteCommandDoesNotAdviseSwitchingTheLimitOff() {
        Result r = CliRunner.vmse(concat("rte", "../conf/paper-sec42.conf", "--out", tmp.resolve("rte").toString()));
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("rte:"), r.err());
        assertFalse(r.err().contains("rte.enabled"), r.err());
    }

    @Test
    void anEnsembleRunMayGoWithoutTheLimit() {
        Result r = CliRunner.vmse(concat("run", "../conf/paper-sec42.conf", "--out", tmp.resolve("run").toString()));
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("rte:") && r.err().contains("rte.enabled = false"), r.err());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("run")), "bad input leaves nothing behind");
    }

    private static String[] concat(String command, String conf, String outFlag, String out) {
        String[] all = new String[4 + BAD_GRID.length];
        all[0] = command;
        all[1] = conf;
        all[2] = outFlag;
        all[3] = out;
        System.arraycopy(BAD_GRID, 0, all, 4, BAD_GRID.length);
        return all;
    }
}
