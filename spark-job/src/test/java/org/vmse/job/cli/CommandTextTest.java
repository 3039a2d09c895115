package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import picocli.CommandLine;

/** What the commands say about themselves, and the options they refuse. */
class CommandTextTest {

    @TempDir
    Path tmp;

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /**
     * picocli lists each command in {@code vmse --help} by one line of its usage text: that line must be a
     * whole sentence (capital first, full stop last) and must appear there in full.
     */
    @Test
    void everyCommandsSummaryInVmseHelpIsOneWholeSentence() {
        String help = oneLine(CliRunner.vmse("--help").out());
        Map<String, CommandLine> commands = VmseCli.commandLine().getSubcommands();
        assertTrue(commands.keySet().containsAll(List.of("run", "study", "kl", "rte", "bench")),
                commands.keySet().toString());
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = e.getValue().getCommandSpec().usageMessage();
            // picocli's rule for the command list: the header's first line if there is one, else the description's
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
            assertTrue(Character.isUpperCase(summary.charAt(0)), e.getKey() + ": " + summary);
            assertTrue(summary.endsWith("."), e.getKey() + " ends its summary mid-sentence: " + summary);
            assertTrue(help.contains(e.getKey() + " " + summary), "vmse --help cuts " + e.getKey() + ": " + help);
        }
    }

    @Test
    void helpForACommandOpensWithItsSummaryAndGoesOnWithTheDetails() {
        Result r = CliRunner.vmse("help", "run");
        assertEquals(0, r.code(), r.err());
        String text = oneLine(r.out());
        assertTrue(text.contains("Run one experiment and write its results and figures. Deterministic mass:"), text);
    }

    @Test
    void klTakesNoOutputDirectory() {
        Path out = tmp.resolve("kl-out");
        Result r = CliRunner.vmse("kl", "../conf/paper-sec42.conf", "--out", out.toString());
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Unknown option") && r.err().contains("--out"), r.err());
        assertFalse(Files.exists(out));
        assertFalse(oneLine(CliRunner.vmse("kl", "--help").out()).contains("--out"),
                "kl's help offers no --out");
    }
}
