package org.vmse.job.nightly.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser, Debian's headless {@code chromium}, from {@code file://} as someone opening it
 * offline would: the pages load without errors, every plot decodes to an image with a width, and a screenshot of
 * the page can be taken. Skipped where no {@code /usr/bin/chromium} is installed.
 */
@Tag("slow")
class NightReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * Added to a copy of a page, never to the page itself: it records every resource that fails to load (from the
     * head, before any image starts) and, once the page has loaded, each image's {@code naturalWidth}, into the DOM
     * that {@code --dump-dom} prints.
     */
    private static final String PROBE = """
            <script>
            var failures = [];
            window.addEventListener('error', function (e) {
              failures.push((e.target && e.target.src) || e.message);
            }, true);
            window.addEventListener('load', function () {
              var lines = ['failures=' + failures.length];
              for (var i = 0; i < document.images.length; i++) {
                var img = document.images[i];
                lines.push('image ' + img.getAttribute('src') + ' ' + img.naturalWidth);
              }
              var pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = lines.join('\\n');
              document.body.appendChild(pre);
            });
            </script>
            """;

    /** Chromium starts in a few seconds; a minute is for a loaded machine, not a measurement. */
    private static final long BROWSER_SECONDS = 120;

    @TempDir
    Path root;

    @TempDir
    Path profile;

    /** The browser's output, log and screenshot. */
    @TempDir
    Path scratch;

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no browser at " + CHROMIUM + " (Debian: apt-get install chromium)");
    }

    @Test
    void theNightPageLoadsWithoutErrorsAndShowsItsPlots() throws Exception {
        writeReport();
        assertLoadsWithAllImages(root.resolve("nights").resolve(SyntheticNights.BROKEN).resolve("report"), 5);
    }

    @Test
    void theIndexLoadsWithoutErrorsAndShowsItsPlots() throws Exception {
        writeReport();
        assertLoadsWithAllImages(root.resolve("report"), 3);
    }

    @Test
    void theNightPageCanBeScreenshot() throws Exception {
        writeReport();
        Path shot = scratch.resolve("screenshot.png");
        run("--hide-scrollbars", "--window-size=1100,2400", "--screenshot=" + shot,
                root.resolve("nights").resolve(SyntheticNights.BROKEN).resolve("report").resolve("index.html")
                        .toUri().toString());
        BufferedImage png = ImageIO.read(shot.toFile());
        assertNotNull(png, "chromium wrote a PNG screenshot");
        assertEquals(1100, png.getWidth(), "the width of the window asked for");
    }

    private void writeReport() throws IOException {
        SyntheticNights.write(root);
        NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.ACCEPTED);
        NightReport.writeAll(root.toUri(), new Configuration(), SyntheticNights.BROKEN);
    }

    /** Opens a probed copy of {@code dir/index.html} beside it (so relative links hold) and reads the probe. */
    private void assertLoadsWithAllImages(Path dir, int images) throws Exception {
        String page = Files.readString(dir.resolve("index.html"));
        Path copy = dir.resolve("probe.html");
        Files.writeString(copy, page.replace("</head>", PROBE + "</head>"));
        String dom = run("--dump-dom", "--virtual-time-budget=10000", copy.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the page loaded and the probe ran; the DOM was:\n" + dom);
        List<String> lines = List.of(m.group(1).split("\n"));
        assertEquals("failures=0", lines.get(0), "no resource failed to load: " + lines);
        List<String> shown = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ");
            assertTrue(Integer.parseInt(parts[2]) > 0, parts[1] + " decoded to an image with a width: " + line);
            shown.add(parts[1]);
        }
        assertEquals(images, shown.size(), "every plot of the page is there: " + shown);
    }

    /** Runs headless chromium with {@code args} and returns what it printed on stdout. */
    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = scratch.resolve("stdout.txt");
        Path log = scratch.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in " + BROWSER_SECONDS + " s: " + command);
        }
        assertEquals(0, p.exitValue(), "chromium's exit status; its stderr:\n" + Files.readString(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
