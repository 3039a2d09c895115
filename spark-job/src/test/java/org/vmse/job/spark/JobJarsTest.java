package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.config.ConfigurationException;

/** Which jars a cluster's executors are sent, on class paths laid out here as the build and the tests lay them out. */
class JobJarsTest {

    @TempDir
    Path tmp;

    private Path file(String path, long mtimeMillis) throws Exception {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeMillis));
        return p;
    }

    @Test
    void theAssemblyIsShippedAloneWhenItIsNotOlderThanTheJar() throws Exception {
        Path jar = file("target/spark-job.jar", 1_000_000);
        Path assembly = file("target/" + JobJars.ASSEMBLY, 1_000_000);
        assertEquals(List.of(assembly.toString()), JobJars.toShip(jar, List.of(jar), null));
        // run from the assembly itself (spark-submit's driver)
        assertEquals(List.of(assembly.toString()), JobJars.toShip(assembly, List.of(assembly), null));
    }

    @Test
    void aStaleAssemblyIsNotShipped() throws Exception {
        Path jar = file("target/spark-job.jar", 2_000_000);
        file("target/" + JobJars.ASSEMBLY, 1_000_000);
        Path lib = file("target/lib/JTransforms-3.1.jar", 1_000_000);
        Path spark = file("target/lib/spark-core_2.13-4.2.0.jar", 1_000_000);
        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.write(home.resolve("jars").resolve(spark.getFileName()), new byte[] {1});
        // the cluster has Spark: vmse's jar and its other library go
        assertEquals(List.of(jar.toString(), lib.toString()), JobJars.toShip(jar, List.of(jar, lib, spark), home));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> JobJars.toShip(jar, List.of(jar, lib, spark), null));
        assertTrue(e.getMessage().contains("-Pcluster") && e.getMessage().contains("SPARK_HOME"), e.getMessage());
    }

    @Test
    void classDirectoriesArePackedUnderDistinctNames() throws Exception {
        Path kernel = tmp.resolve("solver-kernel/target/classes");
        Path job = tmp.resolve("spark-job/target/classes");
        file("solver-kernel/target/classes/org/vmse/kernel/A.class", 1_000_000);
        file("spark-job/target/classes/org/vmse/job/B.class", 1_000_000);
        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        List<String> shipped = JobJars.toShip(job, List.of(job, kernel), home);
        assertEquals(2, shipped.size(), shipped.toString());
        assertTrue(!Path.of(shipped.get(0)).getFileName().equals(Path.of(shipped.get(1)).getFileName()),
                shipped.toString());
        try (JarFile first = new JarFile(shipped.get(0)); JarFile second = new JarFile(shipped.get(1))) {
            assertTrue(first.getEntry("org/vmse/job/B.class") != null, shipped.get(0));
            assertTrue(second.getEntry("org/vmse/kernel/A.class") != null, shipped.get(1));
        }
    }
}
