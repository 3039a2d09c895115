package org.vmse.job.cli;

import java.io.PrintWriter;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.output.JvmShutdown;
import org.vmse.kernel.liouville.CausticException;
import org.vmse.kernel.vmse.SolverBreakdownException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vmse} command line. */
@Command(name = "vmse", mixinStandardHelpOptions = true, versionProvider = VmseCli.Version.class,
        subcommands = {RunCommand.class, ResumeCommand.class, ExtendCommand.class, StatusCommand.class,
            StudyCommand.class, KlCommand.class, RteCommand.class, BenchCommand.class, NightlyCommand.class,
            CommandLine.HelpCommand.class},
        description = {"Semiclassical limit of the varying-mass Schroedinger equation (Chen, Li, Yang).",
            "Experiment files are HOCON (conf/*.conf); every key can be overridden with --set key=value."})
public final class VmseCli {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a computation that broke down. */
    public static final int FAILED = 1;
    /** Exit code after SIGINT or SIGTERM (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VmseCli());
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (JvmShutdown.inProgress()) {
                return INTERRUPTED; // the run's own hook said what was kept and how to continue
            }
            if (e instanceof ConfigurationException) {
                err.println("vmse: error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof SolverBreakdownException || e instanceof CausticException
                    || e instanceof IllegalStateException) {
                err.println("vmse: failed: " + e.getMessage());
                return FAILED;
            }
            err.println("vmse: internal error (please report it with the command and the experiment file):");
            e.printStackTrace(err);
            return FAILED;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VmseCli.class.getPackage().getImplementationVersion();
            return new String[] {"vmse " + (v != null ? v : "development")};
        }
    }
}
