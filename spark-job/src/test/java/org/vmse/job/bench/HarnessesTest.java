package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement harnesses under {@code bench/harness} (single-file programs that docs/performance.md cites, run by
 * {@code bench/harness/run.sh}) still compile against the program: an API they call that changes breaks this test,
 * not a later rerun of the measurement.
 */
class HarnessesTest {

    @TempDir
    Path classes;

    @Test
    void theHarnessesCompileAgainstTheProgram() throws Exception {
        List<String> sources;
        try (Stream<Path> s = Files.list(Path.of("..", "bench", "harness"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertEquals(3, sources.size(), sources.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-Xlint:none"));
        args.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(classes.resolve("FieldInTime.class")));
        assertTrue(Files.isRegularFile(classes.resolve("FftwInPlace.class")));
        assertTrue(Files.isRegularFile(classes.resolve("StepTime.class")));
    }
}
