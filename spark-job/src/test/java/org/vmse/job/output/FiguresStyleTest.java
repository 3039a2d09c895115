package org.vmse.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.RenderedTicks;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What the density figures show: round x ticks, the limit apart from the curves, a legend that reads right. */
class FiguresStyleTest {

    /** The quickstart's grid, {@code M = 320} points of {@code [0, 1.25)}: XChart once ticked it 0.00, 0.05, 0.11. */
    private static double[] grid(double length, int m) {
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = j * length / m;
        }
        return x;
    }

    private static double[] bump(double[] x, double centre) {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = Math.exp(-128 * (x[j] - centre) * (x[j] - centre));
        }
        return y;
    }

    /**
     * Ticks are round when they are equally spaced by {@code 1, 2, 2.5 or 5 x 10^k} and each is a multiple of that
     * step (to 1e-9: the labels carry at most three decimals).
     */
    private static void assertRoundTicks(List<String> labels) {
        assertTrue(labels.size() >= 5, "a density axis has a handful of ticks: " + labels);
        double step = Double.parseDouble(labels.get(1)) - Double.parseDouble(labels.get(0));
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
        assertTrue(List.of(1.0, 2.0, 2.5, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
                "round step: " + labels);
        for (int i = 0; i < labels.size(); i++) {
            double v = Double.parseDouble(labels.get(i));
            assertEquals(Math.rint(v / step) * step, v, 1e-9, "tick " + labels.get(i) + " of " + labels);
            if (i > 0) {
                assertEquals(step, v - Double.parseDouble(labels.get(i - 1)), 1e-9, "equal spacing: " + labels);
            }
        }
    }

    private static void assertDrawnAsLimit(XYSeries s) {
        assertEquals(Color.BLACK, s.getLineColor(), s.getName());
        assertNotNull(s.getLineStyle().getDashArray(), s.getName() + " is dashed");
    }

    @Test
    void densitiesOnOneGridGetRoundTicksAndTheLimitIsBlackAndDashed() {
        double[] x = grid(1.25, 320);
        XYChart chart = Figures.linesChart("t", "x", "density", List.of(new Figures.Curve("rho_eps", x, bump(x, 0.8)),
                new Figures.Curve("rho0 (Liouville limit)", x, bump(x, 0.82))));
        assertRoundTicks(RenderedTicks.xLabels(chart));
        assertDrawnAsLimit(chart.getSeriesMap().get("rho0 (Liouville limit)"));
        assertNull(chart.getSeriesMap().get("rho_eps").getLineStyle().getDashArray(), "rho_eps is solid");
    }

    @Test
    void aStudyOverlayOnSeveralGridsGetsRoundTicksAndItsLimitStandsApart() {
        double[] coarse = grid(1.625, 208);
        double[] fine = grid(1.625, 416);
        XYChart chart = Figures.linesChart("t", "x", "density", List.of(
                new Figures.Curve("E[rho_eps], eps = 2^-5", coarse, bump(coarse, 0.9)),
                new Figures.Curve("E[rho_eps], eps = 2^-6", fine, bump(fine, 0.9)),
                new Figures.Curve("rho0, RTE (delta (4.17))", fine, bump(fine, 0.9))));
        assertRoundTicks(RenderedTicks.xLabels(chart));
        assertDrawnAsLimit(chart.getSeriesMap().get("rho0, RTE (delta (4.17))"));
    }

    @Test
    void theMeanWithItsBandDrawsBothLimitsBlackWithDifferentDashesAndKeepsTheirLegendText() {
        double[] x = grid(1.625, 416);
        double[] mean = bump(x, 0.9);
        double[] std = new double[x.length];
        Arrays.fill(std, 0.01);
        String delta = "rho0, RTE from delta (4.17): Err = 0.0920 \u00b1 0.0039";
        String wigner = "rho0, RTE from the eps-Wigner data: Err = 0.0303 \u00b1 0.0053";
        XYChart chart = Figures.meanWithBandChart("t", x, mean, std,
                List.of(new Figures.Curve(delta, x, mean), new Figures.Curve(wigner, x, mean)));
        assertRoundTicks(RenderedTicks.xLabels(chart));
        XYSeries a = chart.getSeriesMap().get(delta);
        XYSeries b = chart.getSeriesMap().get(wigner);
        assertDrawnAsLimit(a);
        assertDrawnAsLimit(b);
        assertFalse(Arrays.equals(a.getLineStyle().getDashArray(), b.getLineStyle().getDashArray()),
                "the two limits are told apart by their dashes");
        // Fig. 8a's legend read "eps-Wgner" at XChart's 11 pt, where the i of "Wi" merges into the W; at 13 pt the
        // i stands apart (both seen in the rendered PNG)
        assertEquals(13f, chart.getStyler().getLegendFont().getSize2D());
    }
}
