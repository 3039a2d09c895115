package org.vmse.job.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.vmse.job.config.ConfigurationException;

/**
 * The jars a cluster's executors need to run vmse's tasks ({@code spark.jars}): executors in other JVMs start with
 * Spark's class path only, and without vmse's classes the first task fails with "unread block data".
 *
 * <ol>
 *   <li>The assembly ({@code spark-job-cluster.jar}: vmse and its libraries, not Spark; {@code mvn -Pcluster}) beside
 *       the {@code spark-job.jar} vmse runs from, when it is at least as new as that jar.</li>
 *   <li>Otherwise the driver's class path less what the cluster's Spark has: the entries whose file names are not in
 *       {@code $SPARK_HOME/jars}, class directories (a build tree, tests) packed into jars. Without a
 *       {@code SPARK_HOME} that says what Spark has, the run stops with how to build the assembly.</li>
 * </ol>
 */
final class JobJars {

    /** The assembly's file name ({@code spark-job/pom.xml}, profile {@code cluster}). */
    static final String ASSEMBLY = "spark-job-cluster.jar";

    private JobJars() {
    }

    /** What to ship, for a driver whose vmse classes come from {@code codeSource}. */
    static List<String> toShip(Path codeSource, List<Path> classPath, Path sparkHome) {
        if (Files.isRegularFile(codeSource)) {
            if (codeSource.getFileName().toString().equals(ASSEMBLY)) {
                return List.of(codeSource.toString());
            }
            Path assembly = codeSource.resolveSibling(ASSEMBLY);
            if (Files.isRegularFile(assembly) && !(lastModified(assembly) < lastModified(codeSource))) {
                return List.of(assembly.toString());
            }
        }
        Path sparkJars = sparkHome == null ? null : sparkHome.resolve("jars");
        if (sparkJars == null || !Files.isDirectory(sparkJars)) {
            throw new ConfigurationException("a cluster's executors need vmse's classes, and there is no "
                    + ASSEMBLY + " beside " + codeSource + " to ship to them: build it (mvn -B -Pcluster -DskipTests"
                    + " -Dmdep.skip=true package; submit/vmse does so for a cluster --master), or set SPARK_HOME to"
                    + " the cluster's Spark so that the class path less $SPARK_HOME/jars can be shipped");
        }
        Set<String> provided = new HashSet<>();
        try (Stream<Path> s = Files.list(sparkJars)) {
            s.forEach(p -> provided.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sparkJars, e);
        }
        List<String> ship = new ArrayList<>();
        Path packed = null;
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                try {
                    if (packed == null) {
                        packed = Files.createTempDirectory("vmse-jars");
                        packed.toFile().deleteOnExit();
                    }
                    // spark.jars are served by file name: the index keeps two "classes" directories apart
                    ship.add(pack(entry, packed.resolve(ship.size() + "-" + entry.getParent().getFileName() + "-"
                            + entry.getFileName() + ".jar")).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot pack " + entry + " into a jar for the executors", e);
                }
            } else if (Files.isRegularFile(entry) && !provided.contains(entry.getFileName().toString())) {
                ship.add(entry.toString());
            }
        }
        return ship;
    }

    /** As {@link #toShip(Path, List, Path)} for this JVM: its class path and {@code SPARK_HOME}. */
    static List<String> toShip() {
        Path codeSource;
        try {
            codeSource = Path.of(JobJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where vmse's classes come from", e);
        }
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath());
            }
        }
        String home = System.getenv("SPARK_HOME");
        return toShip(codeSource, classPath, home == null || home.isBlank() ? null : Path.of(home));
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files under {@code dir} as a jar at {@code jar}. */
    private static Path pack(Path dir, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        jar.toFile().deleteOnExit();
        return jar;
    }
}
