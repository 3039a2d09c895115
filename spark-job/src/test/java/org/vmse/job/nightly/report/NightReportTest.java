package org.vmse.job.nightly.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages written from hand-made night.json files: what they flag, what they link, what they show. */
class NightReportTest {

    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    @TempDir
    Path root;

    /** Writes the reports of the accepted night, then of the broken one, as two nightly runs would. */
    private void writeBothNights() throws IOException {
        SyntheticNights.write(root);
        NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.ACCEPTED);
        NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.BROKEN);
    }

    private Path page(String date) {
        return root.resolve("nights").resolve(date).resolve("report").resolve("index.html");
    }

    private Path index() {
        return root.resolve("report").resolve("index.html");
    }

    @Test
    void theNightWithRegressionsFlagsThemAtTheTopAndTheOtherDoesNot() throws IOException {
        writeBothNights();
        String broken = Files.readString(page(SyntheticNights.BROKEN));
        String accepted = Files.readString(page(SyntheticNights.ACCEPTED));

        int box = broken.indexOf("<div class=\"regressions\"");
        assertTrue(box > 0, "the red box is on the broken night's page");
        assertTrue(box < broken.indexOf("<h2>Provenance"), "the box comes before everything else");
        assertTrue(broken.contains("3 regressions"), "it counts the three regressions of the file");
        assertTrue(broken.contains("<b>rate</b>") && broken.contains("<b>err_l1</b> at eps = 2^-9")
                && broken.contains("<b>run time</b>"), "each regression is listed with what moved");
        assertFalse(broken.contains("id=\"no-regressions\""));
        assertEquals(1, count(broken, "<tr class=\"flagged\">"), "the one flagged point, 2^-9, is marked in its table");

        assertFalse(accepted.contains("class=\"regressions\""), "no red box on a night without regressions");
        assertTrue(accepted.contains("id=\"no-regressions\""), "the green line instead");
    }

    @Test
    void textFromTheJsonIsEscaped() throws IOException {
        writeBothNights();
        String broken = Files.readString(page(SyntheticNights.BROKEN));
        assertFalse(broken.contains("<script"), "the study title's markup is not markup on the page");
        assertTrue(broken.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"));
        assertTrue(broken.contains("bench&lt;1&gt;"), "provenance values are escaped too");
        assertTrue(broken.contains("&lt;= 130"), "and what the runner expected");
    }

    @Test
    void theIndexHasOneRowPerNightWithItsStatusNewestFirst() throws IOException {
        writeBothNights();
        String index = Files.readString(index());
        int broken = index.indexOf(">" + SyntheticNights.BROKEN + "<");
        int incomplete = index.indexOf(">" + SyntheticNights.INCOMPLETE + "<");
        int accepted = index.indexOf(">" + SyntheticNights.ACCEPTED + "<");
        assertTrue(0 < broken && broken < incomplete && incomplete < accepted, "newest first");
        assertTrue(index.contains("3 regressions"));
        assertTrue(index.contains("incomplete (no night.json)"));
        assertTrue(index.contains(">ok<"));
        assertTrue(index.contains("yes (current baseline)"), "the baseline file's night");
        assertFalse(index.contains("nights/" + SyntheticNights.INCOMPLETE + "/report"),
                "no link to the page an incomplete night does not have");
    }

    @Test
    void everyLinkResolvesAndEveryImageIsAReadablePng() throws IOException {
        writeBothNights();
        int images = 0;
        for (Path html : List.of(index(), page(SyntheticNights.BROKEN), page(SyntheticNights.ACCEPTED))) {
            String text = Files.readString(html);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                assertFalse(target.contains("://") || target.startsWith("/"), "relative links only: " + target);
                if (target.startsWith("#")) {
                    assertTrue(text.contains("id=\"" + target.substring(1) + "\""), "anchor " + target + " in " + html);
                    continue;
                }
                Path file = html.getParent().resolve(target).normalize();
                assertTrue(Files.isRegularFile(file), target + " from " + html + " exists");
                assertTrue(file.startsWith(root), target + " stays inside the root");
            }
            Matcher img = Pattern.compile("<img src=\"([^\"]*)\"").matcher(text);
            while (img.find()) {
                BufferedImage png = ImageIO.read(html.getParent().resolve(img.group(1)).toFile());
                assertNotNull(png, img.group(1) + " is a PNG ImageIO reads");
                assertTrue(png.getWidth() > 0 && png.getHeight() > 0, img.group(1));
                images++;
            }
        }
        // per night page: one Err plot per study (2) + one rate history per study (2) + run time (1); index: 3
        assertEquals(5 + 5 + 3, images);
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        writeBothNights();
        try (Stream<Path> all = Files.walk(root)) {
            List<String> hidden = all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden);
        }
    }

    @Test
    void anUnreadableNightIsListedWithItsReasonAndHasNoPage() throws IOException {
        SyntheticNights.write(root);
        Path json = root.resolve("nights").resolve("2026-12-01").resolve("night.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"date\": \"2026-12-01\", \"wall_seconds\": 1, \"studies\": [{\"name\": \"s\","
                + " \"kind\": \"liouville\", \"expected_rate\": 2, \"wall_seconds\": 1, \"series\": [{\"points\":"
                + " [{\"eps\": -1, \"eps_text\": \"2^-8\", \"err_l1\": 0.1}]}]}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NightReport.writeAll(root.toUri(), new Configuration(), "2026-12-01"));
        assertTrue(e.getMessage().contains("unreadable") && e.getMessage().contains("studies[0].series[0].points[0]")
                && e.getMessage().contains("-1"), e.getMessage());
        String index = Files.readString(index());
        assertTrue(index.contains("unreadable: "), "the index is written anyway and says why");
        assertTrue(index.contains("eps must be positive and finite, got -1.0"));
        assertFalse(Files.exists(page("2026-12-01")));
    }

    @Test
    void aDateThatIsNoDateIsRefusedWithTheFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NightReport.writeAll(root.toUri(), new Configuration(), "30.11.2026"));
        assertTrue(e.getMessage().contains("yyyy-MM-dd") && e.getMessage().contains("30.11.2026"), e.getMessage());
    }

    /** The baseline file is read with the runner's own model of it: a damaged one is named with what it must be. */
    @Test
    void aDamagedBaselineFileIsNamedWithItsFormat() throws IOException {
        SyntheticNights.write(root);
        Path baseline = root.resolve("baseline");
        Files.writeString(baseline, "{\"date\": \"yesterday\"}");
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.ACCEPTED));
        assertTrue(date.getMessage().contains("must be {\"date\": \"yyyy-MM-dd\"}, got date = yesterday"),
                date.getMessage());
        Files.writeString(baseline, "2026-11-30");
        IllegalStateException json = assertThrows(IllegalStateException.class,
                () -> NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.ACCEPTED));
        assertTrue(json.getMessage().contains("baseline") && json.getMessage().contains("is not JSON"),
                json.getMessage());
    }

    @Test
    void theReportOfTheFirstNightOfAnEmptyRootNamesWhatIsMissing() {
        URI empty = root.toUri();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NightReport.writeAll(empty, new Configuration(), SyntheticNights.BROKEN));
        assertTrue(e.getMessage().contains("no folder nights/" + SyntheticNights.BROKEN), e.getMessage());
        assertTrue(Files.exists(index()), "an index of no nights");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
