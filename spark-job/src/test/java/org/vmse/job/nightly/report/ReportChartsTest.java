package org.vmse.job.nightly.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vmse.job.nightly.NightJson;
import org.vmse.job.nightly.NightJson.Night;
import org.vmse.job.nightly.NightJson.Study;

/** What the Err(eps) plot draws against the expected rate, checked on the chart's data rather than its pixels. */
class ReportChartsTest {

    @TempDir
    Path root;

    private Study study(String date, String name) throws IOException {
        SyntheticNights.write(root);
        byte[] json = Files.readAllBytes(root.resolve("nights").resolve(date).resolve("night.json"));
        return NightJson.read(json, Night.class, "night.json").studies().stream().filter(s -> s.name().equals(name))
                .findFirst().orElseThrow();
    }

    /** The slope of a two-point line in {@code log Err} against {@code log eps} (the x data are {@code log2 eps}). */
    private static double slope(XYSeries s) {
        double[] x = s.getXData();
        double[] y = s.getYData();
        return Math.log(y[1] / y[0]) / ((x[1] - x[0]) * Math.log(2));
    }

    @Test
    void theLiouvilleBandIsTwoDashedBlackLinesOfSlopes175And225ThroughTheFinestPoint() throws IOException {
        XYChart chart = ReportCharts.err(study(SyntheticNights.BROKEN, "sec41-ex1"));
        List<XYSeries> band = chart.getSeriesMap().values().stream()
                .filter(s -> Color.BLACK.equals(s.getLineColor())).toList();
        assertEquals(2, band.size(), "two lines: " + chart.getSeriesMap().keySet());
        // 2 ± 0.25: the band of the Liouville rate; rounding in log/pow only
        assertEquals(2.25, Math.max(slope(band.get(0)), slope(band.get(1))), 1e-12);
        assertEquals(1.75, Math.min(slope(band.get(0)), slope(band.get(1))), 1e-12);
        // the finest point: eps = 2^-9, Err = 0.7 * 2^(-9 * 1.5) (the night's data, rate 1.5)
        double finestErr = SyntheticNights.LIOUVILLE_C * Math.pow(2, -9 * 1.5);
        for (XYSeries line : band) {
            assertNotNull(line.getLineStyle().getDashArray(), "dashed");
            assertEquals(-9, line.getXData()[0], 1e-15, "from the finest eps, 2^-9");
            assertEquals(finestErr, line.getYData()[0], 1e-12 * finestErr, "through the finest point");
        }
    }

    @Test
    void theFittedLineHasTheFittedRateAndPassesThroughExactPowerLawPoints() throws IOException {
        XYChart chart = ReportCharts.err(study(SyntheticNights.BROKEN, "sec41-ex1"));
        XYSeries fit = chart.getSeriesMap().get("fit: rate 1.50 \u00b1 0.01");
        assertNotNull(fit, "the fit's legend names its rate: " + chart.getSeriesMap().keySet());
        assertEquals(1.5, slope(fit), 1e-12);
        // the data are 0.7 eps^1.5 exactly, so the least-squares intercept is log 0.7 and the line meets them
        for (int i = 0; i < 2; i++) {
            double eps = Math.pow(2, fit.getXData()[i]);
            assertEquals(SyntheticNights.LIOUVILLE_C * Math.pow(eps, 1.5), fit.getYData()[i], 1e-12);
        }
        assertEquals(-9, fit.getXData()[0], 1e-15, "over the fitted range's ends, 2^-9 and 2^-7");
        assertEquals(-7, fit.getXData()[1], 1e-15);
    }

    @Test
    void anEnsembleStudyShowsItsStandardErrorsNoiseFloorsAndOneExpectedLine() throws IOException {
        XYChart chart = ReportCharts.err(study(SyntheticNights.BROKEN, "fig7b"));
        XYSeries gaussian = chart.getSeriesMap().get("err_l1, xi = gaussian \u00b1 se");
        assertNotNull(gaussian, "error bars named in the legend: " + chart.getSeriesMap().keySet());
        // the night's se: a tenth of the error
        assertEquals(0.1 * gaussian.getYData()[0], gaussian.getExtraValues()[0], 1e-15);
        assertNotNull(chart.getSeriesMap().get("noise floor, xi = uniform"));
        XYSeries expected = chart.getSeriesMap().get("expected rate 1");
        assertNotNull(expected);
        assertEquals(1.0, slope(expected), 1e-12);
        assertTrue(chart.getSeriesMap().values().stream().filter(s -> Color.BLACK.equals(s.getLineColor())).count() == 1,
                "one expected line, no band, for the RTE");
    }

    @Test
    void theEpsAxisIsLabelledInPowersOfTwoEvenWithinOneDecade() throws IOException {
        XYChart chart = ReportCharts.err(study(SyntheticNights.BROKEN, "fig7b"));
        // XChart's logarithmic axis labels powers of ten only: 2^-5 .. 2^-4 would carry no label at all
        assertTrue(!chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        var label = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("2^-5", label.apply(-5.0));
        assertEquals("2^-10", label.apply(-10.0));
        assertEquals("", label.apply(-4.5), "no label between powers of two");
        XYSeries gaussian = chart.getSeriesMap().get("err_l1, xi = gaussian \u00b1 se");
        for (double k : gaussian.getXData()) {
            assertEquals(Math.rint(k), k, 1e-12, "the night's eps are powers of two, drawn at log2 eps");
        }
    }
}
