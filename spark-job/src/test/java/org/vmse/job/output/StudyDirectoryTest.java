package org.vmse.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.cli.VmseCli;

/** A deterministic study keeps its finished runs: one that stopped is continued, one refused leaves nothing. */
class StudyDirectoryTest {

    private static final String[] SMALL = {"study", "../conf/quickstart.conf", "--set", "study.eps=[2^-4, 2^-5]",
        "--set", "study.fitMin=2^-5", "--set", "study.fitMax=2^-4", "--set", "liouville.dx=2^-7", "--set",
        "liouville.dk=2^-7", "--quiet"};

    @TempDir
    Path tmp;

    @Test
    void aStudyThatStoppedIsContinuedFromItsRuns() throws Exception {
        Path out = tmp.resolve("study");
        Result first = CliRunner.vmse(with(SMALL, "--out", out.toString()));
        assertEquals(0, first.code(), first.err());
        String studyJson = Files.readString(out.resolve("study.json"));
        Files.delete(out.resolve("study.json")); // as if it had stopped after its runs
        assertTrue(Files.isDirectory(out.resolve("runs")));

        Result again = CliRunner.vmse(with(SMALL, "--out", out.toString()));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("continuing the study"), again.err());
        assertTrue(Files.exists(out.resolve("study.json")));
        // the same err_l1 per eps: the continued study is the same study
        assertEquals(errors(studyJson), errors(Files.readString(out.resolve("study.json"))));

        Result finished = CliRunner.vmse(with(SMALL, "--out", out.toString()));
        assertEquals(VmseCli.BAD_INPUT, finished.code(), finished.err());
        assertTrue(finished.err().contains("holds a finished study"), finished.err());
    }

    @Test
    void aStudyRefusedBeforeItsFirstRunLeavesNothing() {
        Path out = tmp.resolve("refused");
        Result r = CliRunner.vmse(with(SMALL, "--out", out.toString(), "--set", "mass.m0=-1"));
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("mass.m0"), r.err());
        assertFalse(Files.exists(out), "nothing is left where a result is expected");
    }

    private static String errors(String json) {
        int at = json.indexOf("\"err_l1\"");
        return json.substring(at, json.indexOf(']', at));
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
