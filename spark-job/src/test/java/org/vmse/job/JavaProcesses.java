package org.vmse.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Separate JVMs for tests that need more than one process: the test JVM's own class path, the module opens Spark
 * needs and the JDK's vector API (taken from this JVM's arguments, which the build sets), output to a log file, never
 * to the test's stdout.
 */
public final class JavaProcesses {

    /** A finished process: exit code and what it wrote (stdout and stderr together). */
    public record Finished(int code, String log) {
    }

    private JavaProcesses() {
    }

    /**
     * {@code java -Xmx<heap> <opens> <jvmOptions> -cp <test class path> mainClass args}, output appended to
     * {@code log}, {@code SPARK_LOCAL_IP} 127.0.0.1.
     */
    public static ProcessBuilder java(String heap, Path log, List<String> jvmOptions, String mainClass,
                                      List<String> args) {
        return java(heap, log, jvmOptions, mainClass, args, true);
    }

    /**
     * As {@link #java(String, Path, List, String, List)}, with this JVM's {@code --add-modules} (the JDK's vector
     * API) only where {@code vectorApi}.
     */
    private static ProcessBuilder java(String heap, Path log, List<String> jvmOptions, String mainClass,
                                       List<String> args, boolean vectorApi) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Djava.awt.headless=true");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect.useDirectMethodHandle")
                    || vectorApi && arg.startsWith("--add-modules")) {
                command.add(arg);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb;
    }

    /** {@code vmse args} in a JVM of its own with {@code heap}, waited for at most {@code timeoutSeconds}. */
    public static Finished vmse(String heap, Path log, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return waitFor(java(heap, log, List.of(), "org.vmse.job.cli.VmseCli", List.of(args)).start(), log,
                timeoutSeconds);
    }

    /** {@link #vmse} in a JVM without the vector API: the RK4IP step's passes then run one mode at a time. */
    public static Finished vmseWithoutVectorApi(String heap, Path log, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return waitFor(java(heap, log, List.of(), "org.vmse.job.cli.VmseCli", List.of(args), false).start(), log,
                timeoutSeconds);
    }

    /** Waits for {@code p} at most {@code timeoutSeconds} (then kills it): its exit code and its log's end. */
    public static Finished waitFor(Process p, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Finished(-1, "timed out after " + timeoutSeconds + " s:\n" + tail(log));
        }
        return new Finished(p.exitValue(), tail(log));
    }

    /** A count read from outside a process (stored blocks, files), which may fail to read. */
    @FunctionalInterface
    public interface Count {
        int get() throws Exception;
    }

    /**
     * Waits until {@code count} reaches {@code atLeast} while {@code p} runs (at most 180 s): the count then.
     *
     * @throws AssertionError if {@code p} ends first or the time runs out (then {@code p} is killed), with its log
     */
    public static int awaitCount(Count count, int atLeast, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            int n = count.get();
            if (n >= atLeast) {
                return n;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the process ended before the count reached " + atLeast + ": " + tail(log));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("the count did not reach " + atLeast + " within 180 s: " + tail(log));
    }

    /** The last 4000 characters of a log, for a failure message. */
    public static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log) : "(no log)";
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
