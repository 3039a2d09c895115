package org.vmse.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.JavaProcesses;
import org.vmse.kernel.fft.FftwFft;

/**
 * A real Spark standalone cluster on loopback (a master and two one-core workers, each a JVM of its own, as
 * {@code submit/cluster up} starts them): an ensemble run on it from a driver in another JVM, with vmse's classes
 * shipped to executors that start without them, gives the same profiles.csv and covariance.csv bytes as
 * {@code local[2]}; so does a run in which one executor JVM is killed (SIGKILL) while it runs a task, its tasks
 * rerun elsewhere. A closed master port fails within the connect timeout, naming {@code --master}.
 *
 * <p>The workers' {@code SPARK_HOME/jars} holds every jar of the test class path and none of its class directories:
 * vmse's own classes reach the executors only through {@code spark.jars} ({@link JobJars}).
 */
@Tag("cluster")
@Tag("slow")
class StandaloneClusterTest {

    /** The ensemble: 48 realizations in 24 blocks (24 tasks), so that a task is running when the executor dies. */
    private static final String[] RUN = {"run", "../conf/paper-sec42.conf", "--set", "eps=2^-5", "--set",
        "samples=48", "--set", "ensemble.blockSize=2", "--set", "rte.enabled=false", "--set", "fft=jtransforms",
        "-q"};

    @TempDir
    static Path tmp;

    private static Path sparkHome;
    private static int masterPort;
    private static int uiPort;
    private static final List<Process> DAEMONS = new ArrayList<>();
    private static final List<Process> WORKERS = new ArrayList<>();
    private static final List<Path> WORK_DIRS = new ArrayList<>();
    private static Path localRun;

    @BeforeAll
    static void startCluster() throws Exception {
        try {
            freePort();
        } catch (IOException e) {
            Assumptions.abort("no TCP port can be bound on 127.0.0.1 here, so no cluster can run: " + e);
        }
        sparkHome = Files.createDirectories(tmp.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && entry.endsWith(".jar") && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        // the executors' logging (conf/ comes first on their class path): "Running task" tells that one is at work
        Files.writeString(Files.createDirectories(sparkHome.resolve("conf")).resolve("log4j2.properties"),
                String.join("\n", "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = console",
                        "appender.console.type = Console", "appender.console.name = console",
                        "appender.console.target = SYSTEM_ERR", "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %p %c{1}: %m%n",
                        "logger.executor.name = org.apache.spark.executor.Executor", "logger.executor.level = info",
                        ""));
        masterPort = freePort();
        uiPort = freePort();
        DAEMONS.add(daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(uiPort)));
        awaitJson("\"status\" : \"ALIVE\"", "the master", tmp.resolve("master.log"));
        for (int i = 1; i <= 2; i++) {
            Path work = Files.createDirectories(tmp.resolve("work-" + i));
            Process worker = daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "600m", "--work-dir",
                    work.toString(), master());
            WORKERS.add(worker);
            WORK_DIRS.add(work);
            DAEMONS.add(worker);
        }
        awaitJson("\"aliveworkers\" : 2", "two workers", tmp.resolve("worker-1.log"));
        // the reference: the same ensemble on local[2], in this JVM
        localRun = tmp.resolve("local");
        CliRunner.Result r = CliRunner.vmse(withOptions("--master", "local[2]", "--out", localRun.toString()));
        assertEquals(0, r.code(), r.err());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : DAEMONS) {
            p.descendants().forEach(all::add); // executors
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        if (sparkHome == null) {
            return;
        }
        // the links to the test class path's jars, removed here so that cleaning the temporary directory has none
        try (DirectoryStream<Path> links = Files.newDirectoryStream(sparkHome.resolve("jars"))) {
            for (Path link : links) {
                Files.delete(link);
            }
        }
    }

    @Test
    void aRunOnTheClusterGivesTheBytesOfLocal() throws Exception {
        Path out = tmp.resolve("cluster");
        JavaProcesses.Finished r = JavaProcesses.waitFor(driver(out, "driver").start(), tmp.resolve("driver.log"),
                240);
        assertEquals(0, r.code(), r.log());
        assertSameBytes(out, "on the cluster");
    }

    @Test
    void measuredPlansTravelToTheExecutorsAndRepeatInAnotherProcess() throws Exception {
        Assumptions.assumeTrue(FftwFft.available(), "libfftw3.so.3 did not load here: " + FftwFft.loadError());
        Path out = tmp.resolve("cluster-measured");
        JavaProcesses.Finished r = JavaProcesses.waitFor(driver(out, "measured", "--set", "fft=fftw", "--set",
                "fftw.planner=measure").start(), tmp.resolve("driver-measured.log"), 240);
        assertEquals(0, r.code(), r.log());
        // the executors planned from the driver's wisdom: the same run on local[2] given that wisdom, in this JVM
        Path local = tmp.resolve("local-measured");
        CliRunner.Result again = CliRunner.vmse(withOptions("--set", "fft=fftw", "--set", "fftw.planner=measure",
                "--set", "fftw.wisdom=" + out.resolve("fftw-wisdom.txt"), "--master", "local[2]", "--out",
                local.toString()));
        assertEquals(0, again.code(), again.err());
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file + " with measured plans differs between the cluster and local[2]");
        }
    }

    @Test
    void anExecutorKilledMidJobChangesNoByte() throws Exception {
        Path out = tmp.resolve("cluster-killed");
        Path log = tmp.resolve("driver-killed.log");
        Process driver = driver(out, "killed").start();
        ProcessHandle executor = awaitRunningExecutor(driver, log);
        assertTrue(executor.destroyForcibly(), "SIGKILL to executor " + executor.pid());
        JavaProcesses.Finished r = JavaProcesses.waitFor(driver, log, 240);
        assertEquals(0, r.code(), r.log());
        String driverLog = Files.readString(log);
        assertTrue(driverLog.contains("Lost executor"), "the driver did not see the executor go:\n" + r.log());
        assertSameBytes(out, "with an executor killed");
    }

    @Test
    void aClosedMasterPortFailsFastNamingTheMaster() throws Exception {
        String url = "spark://127.0.0.1:" + freePort();
        CliRunner.Result r = CliRunner.vmse(withOptions("--master", url, "--out", tmp.resolve("closed").toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--master " + url + ": no Spark master answers at 127.0.0.1:"), r.err());
    }

    private static String master() {
        return "spark://127.0.0.1:" + masterPort;
    }

    private static String[] withOptions(String... options) {
        String[] all = new String[RUN.length + options.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(options, 0, all, RUN.length, options.length);
        return all;
    }

    /** A vmse driver on the cluster; SPARK_HOME tells it which class path entries the executors lack. */
    private static ProcessBuilder driver(Path out, String name, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--master", master(), "--out", out.toString()));
        ProcessBuilder pb = JavaProcesses.java("768m", tmp.resolve(name.equals("driver") ? "driver.log"
                        : "driver-" + name + ".log"), List.of("-Dspark.executor.memory=512m"),
                "org.vmse.job.cli.VmseCli", List.of(withOptions(args.toArray(String[]::new))));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        return pb;
    }

    /** A Spark daemon in its own JVM, with the environment a standalone worker needs to launch executors. */
    private static Process daemon(String name, String mainClass, String... args) throws IOException {
        ProcessBuilder pb = JavaProcesses.java("256m", tmp.resolve(name + ".log"),
                List.of("-Dspark.master.rest.enabled=false"), mainClass, List.of(args));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        // Spark's launcher asks for the Scala version where SPARK_HOME is not a Spark build tree
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    /** Waits (at most 90 s) until the master's JSON status contains {@code expected}. */
    private static void awaitJson(String expected, String what, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "(no answer)";
        for (int i = 0; i < 450; i++) {
            for (Process d : DAEMONS) {
                if (!d.isAlive()) {
                    fail("a cluster daemon exited (" + d.exitValue() + ") while waiting for " + what + ":\n"
                            + JavaProcesses.tail(log));
                }
            }
            try {
                last = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains(expected)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        fail(what + " not up within 90 s; the master said " + last + "\n" + JavaProcesses.tail(log));
    }

    /**
     * The executor JVM (a child of a worker) that has started a task of the driver's job, once one has: its stderr,
     * {@code <work dir>/<app id>/<executor id>/stderr}, says "Running task".
     */
    private static ProcessHandle awaitRunningExecutor(Process driver, Path driverLog) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (!driver.isAlive()) {
                fail("the driver ended before an executor ran a task:\n" + JavaProcesses.tail(driverLog));
            }
            for (int w = 0; w < WORKERS.size(); w++) {
                for (ProcessHandle child : (Iterable<ProcessHandle>) WORKERS.get(w).children()::iterator) {
                    List<String> args = List.of(child.info().arguments().orElse(new String[0]));
                    int app = args.indexOf("--app-id");
                    int id = args.indexOf("--executor-id");
                    if (app < 0 || id < 0) {
                        continue;
                    }
                    Path stderr = WORK_DIRS.get(w).resolve(args.get(app + 1)).resolve(args.get(id + 1))
                            .resolve("stderr");
                    if (Files.exists(stderr) && Files.readString(stderr).contains("Running task")) {
                        return child;
                    }
                }
            }
            Thread.sleep(50);
        }
        fail("no executor ran a task within 60 s:\n" + JavaProcesses.tail(driverLog));
        return null;
    }

    private static void assertSameBytes(Path out, String how) throws IOException {
        for (String file : List.of("profiles.csv", "covariance.csv")) {
            assertArrayEquals(Files.readAllBytes(localRun.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file + " " + how + " differs from local[2]");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
