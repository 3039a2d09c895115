package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Smoke test of {@code vmse bench}: tiny times, M = 416 only, no FFTW peer; never asserts timings. */
class CrankNicolsonBenchmarkTest {

    @Test
    void smallRunGivesSaneRows() {
        BenchOptions options = new BenchOptions(List.of(416), List.of(BenchOptions.SINE_MASS), 0.2, 0.3, 3,
                false, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<StepTiming> rows = CrankNicolsonBenchmark.run(options, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(1, rows.size(), text);
        StepTiming row = rows.get(0);
        assertEquals(416, row.m());
        assertEquals(Math.pow(2, -6), row.eps(), 1e-15);
        assertEquals(Math.pow(2, -7.2) / 8, row.dt(), 1e-15);
        assertEquals(BenchOptions.SINE_MASS, row.mass());
        assertTrue(row.krylovItersMean() >= 1, "a varying mass needs Krylov iterations: " + row);
        assertTrue(row.krylovItersMax() >= Math.ceil(row.krylovItersMean() - 1e-9), row.toString());
        // each step: one application of A for the right-hand side, one per GMRES iteration, 2 FFTs each
        assertEquals(2 * (row.krylovItersMean() + 1), row.fftsPerStep(), 1e-9, row.toString());
        assertTrue(row.nanosPerStep() > 0 && Double.isFinite(row.nanosPerStep()), row.toString());
        assertTrue(row.nanosPerBareFft() > 0 && Double.isFinite(row.nanosPerBareFft()), row.toString());
        assertTrue(row.stepSpread() >= 0 && row.fftSpread() >= 0, row.toString());
        assertTrue(row.ratio() > 0 && Double.isFinite(row.ratio()), row.toString());
        assertTrue(row.stepsMeasured() >= 3, row.toString());
        assertTrue(text.contains("416") && text.contains("2^-6") && text.contains(BenchOptions.SINE_MASS), text);
    }

    @Test
    void badOptionsAreRefused() {
        try {
            new BenchOptions(List.of(415), List.of(BenchOptions.SINE_MASS), 0, 1, 1, false, null);
            throw new AssertionError("odd M accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("even"), expected.getMessage());
        }
    }
}
