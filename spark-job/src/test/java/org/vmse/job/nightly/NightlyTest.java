package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.JavaProcesses;
import org.vmse.job.checkpoint.OutputLock;
import org.vmse.job.checkpoint.RunCheckpoint;

/**
 * Whole nights through {@code vmse nightly}, in a temporary root, with a night of two tiny studies (example 1 at
 * two eps, a {@code gamma = 1} ensemble of 8 realizations at two eps on a coarse RTE grid): exit codes, the files of
 * the contract, regressions against an accepted night, the lock, the history read back by Spark SQL, and a night
 * killed and continued.
 */
class NightlyTest {

    @TempDir
    Path tmp;

    /** A tiny nightly configuration in {@code dir}, its studies from the repository's conf/. */
    static Path tinyNight(Path dir) throws Exception {
        Path conf = Path.of("..", "conf").toAbsolutePath().normalize();
        Path file = dir.resolve("nightly-tiny.conf");
        Files.writeString(file, """
                root = "unused"
                set = ["rte.dx=2^-8", "rte.dk=2^-8"]
                regressions.wallTimeMinSeconds = 600
                studies = [
                  { name = "ex1", title = "example 1", conf = "%1$s/paper-sec41-ex1-study.conf", expectedRate = 2,
                    set = ["study.eps=[2^-5, 2^-6]", "study.fitMin=2^-6", "study.fitMax=2^-5", "liouville.dx=2^-7",
                      "liouville.dk=2^-7"] }
                  { name = "gamma1", title = "gamma = 1", conf = "%1$s/paper-fig9.conf", expectedRate = null,
                    set = ["scheme=rk4ip", "study.eps=[2^-4, 2^-5]", "samples=8", "study.fitMin=2^-5",
                      "study.fitMax=2^-4"] }
                ]
                """.formatted(conf));
        return file;
    }

    static Result night(Path conf, Path root, String date, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("nightly", conf.toString(), "--root", root.toString(),
                "--date", date, "--quiet"));
        args.addAll(List.of(more));
        return CliRunner.vmse(args.toArray(String[]::new));
    }

    @Test
    void twoNightsTheSecondBrokenAreFlaggedAgainstTheAcceptedOne() throws Exception {
        Path conf = tinyNight(tmp);
        Path root = tmp.resolve("root");
        Result first = night(conf, root, "2026-01-01");
        assertEquals(0, first.code(), first.err() + first.out());
        Path n1 = root.resolve("nights/2026-01-01");
        assertTrue(Files.isRegularFile(n1.resolve("night.json")));
        assertEquals("[ ]", Files.readString(n1.resolve("regressions.json")).trim());
        assertTrue(first.out().contains("report: " + n1.resolve("report/index.html")), first.out());
        NightJson.Night one = NightJson.read(Files.readAllBytes(n1.resolve("night.json")), NightJson.Night.class,
                "night 1");
        assertEquals(List.of("ex1", "gamma1"), one.studies().stream().map(NightJson.Study::name).toList());
        assertEquals(StudyKind.RTE, one.studies().get(1).kind());
        NightJson.Point p = one.studies().get(1).series().get(0).points().get(0);
        assertEquals(8L, p.samples());
        assertNotNull(p.errL1Se());
        assertNotNull(p.nKl());
        assertFalse(one.accepted());

        Result accept = CliRunner.vmse("nightly", "accept", "2026-01-01", "--root", root.toString());
        assertEquals(0, accept.code(), accept.err());
        assertTrue(Files.readString(root.resolve("baseline")).contains("2026-01-01"));
        assertTrue(NightJson.read(Files.readAllBytes(n1.resolve("night.json")), NightJson.Night.class, "night 1")
                .accepted());

        // a wider packet: every err_l1 of example 1 moves far beyond the relative 1e-6 of a deterministic point
        Result second = night(conf, root, "2026-01-02", "--set", "initial.A=100");
        assertEquals(3, second.code(), second.err() + second.out());
        Path n2 = root.resolve("nights/2026-01-02");
        String regressions = Files.readString(n2.resolve("regressions.json"));
        assertTrue(regressions.contains("\"study\" : \"ex1\"") && regressions.contains("\"what\" : \"err_l1\""),
                regressions);
        NightJson.Night two = NightJson.read(Files.readAllBytes(n2.resolve("night.json")), NightJson.Night.class,
                "night 2");
        assertEquals(LocalDate.of(2026, 1, 1), two.baseline());
        assertFalse(two.regressions().isEmpty());
        assertTrue(second.out().contains("REGRESSION ex1, eps = 2^-5: err_l1"), second.out());

        SparkSession spark = HistoryTable.session(RunCheckpoint.hadoopConfiguration());
        try {
            Dataset<Row> h = spark.read().parquet(root.resolve("history").toUri().toString());
            h.createOrReplaceTempView("history");
            List<Row> points = spark.sql("SELECT CAST(date AS STRING) AS d, COUNT(*) FROM history WHERE row = 'point'"
                    + " GROUP BY date ORDER BY d").collectAsList();
            // per night: 2 eps of example 1 + 2 eps of the ensemble
            assertEquals("[[2026-01-01,4], [2026-01-02,4]]", points.toString());
            Row fit = spark.sql("SELECT rate, rate_se, git_revision FROM history WHERE row = 'fit' AND study = 'ex1'"
                    + " AND date = DATE'2026-01-01'").first();
            assertEquals(one.studies().get(0).series().get(0).fit().rate(), fit.getDouble(0));
            assertNotNull(fit.getString(2));
        } finally {
            spark.stop();
        }
        try (Stream<Path> left = Files.list(root.resolve("history"))) {
            assertEquals(List.of("date=2026-01-01", "date=2026-01-02"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no half partition left");
        }

        Result again = night(conf, root, "2026-01-01");
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("is complete"), again.err());
        try (OutputLock held = OutputLock.acquire(root.resolve("lock").toUri(), RunCheckpoint.hadoopConfiguration())) {
            Result refused = night(conf, root, "2026-01-03");
            assertEquals(2, refused.code(), refused.err());
            assertTrue(refused.err().contains("in use"), refused.err());
            assertFalse(Files.exists(root.resolve("nights/2026-01-03/runs")), "refused before any work");
        }
    }

    @Test
    @Tag("slow")
    void aKilledNightIsContinuedByTheNextInvocation() throws Exception {
        Path conf = tinyNight(tmp);
        Path root = tmp.resolve("root");
        Path log = tmp.resolve("killed.log");
        Process p = JavaProcesses.java("2g", log, List.of(), "org.vmse.job.cli.VmseCli", List.of("nightly",
                conf.toString(), "--root", root.toString(), "--date", "2026-02-01", "--quiet")).start();
        Path firstDone = root.resolve("nights/2026-02-01/runs/ex1/study.json");
        for (int i = 0; i < 600 && !Files.exists(firstDone) && p.isAlive(); i++) {
            Thread.sleep(500);
        }
        assertTrue(Files.exists(firstDone), JavaProcesses.tail(log));
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(root.resolve("nights/2026-02-01/night.json")), "killed before the night ended");

        Result r = night(conf, root, "2026-02-01");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("the study ex1 finished in an earlier invocation of this night: kept"), r.err());
        assertTrue(Files.isRegularFile(root.resolve("nights/2026-02-01/night.json")));
        NightJson.Night n = NightJson.read(Files.readAllBytes(root.resolve("nights/2026-02-01/night.json")),
                NightJson.Night.class, "night");
        assertEquals(2, n.studies().size());
    }
}
