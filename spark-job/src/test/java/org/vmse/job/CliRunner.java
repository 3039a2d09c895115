package org.vmse.job;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.vmse.job.cli.VmseCli;
import picocli.CommandLine;

/** Runs the {@code vmse} command line in process and captures what it prints. */
public final class CliRunner {

    /** Exit code and the two streams. */
    public record Result(int code, String out, String err) {
    }

    private CliRunner() {
    }

    public static Result vmse(String... args) {
        CommandLine cl = VmseCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
