package org.vmse.job.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vmse.kernel.analysis.ConvergenceFit;

/** The PNG figures of a run, drawn with XChart. */
public final class Figures {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    /**
     * Legend text size, two points above XChart's 11: at 11 the "Wi" of "eps-Wigner" renders as one glyph and
     * the legend reads "eps-Wgner".
     */
    private static final float LEGEND_POINTS = 13f;

    /** Round tick labels: 0.1 rather than 0.10, 1.25 where a step of 0.25 is chosen. */
    private static final String TICK_PATTERN = "0.0##";

    /** The strokes of limit curves, in order: black, dashed, then dash-dotted (they stand apart from colours). */
    private static final BasicStroke[] LIMIT_STROKES = {
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 5f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 4f, 2f, 4f}, 0f)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    /** A named curve {@code y(x)}. */
    public record Curve(String name, double[] x, double[] y) {
    }

    /**
     * Curves, each on its own {@code x} (densities, like Figs. 2a and 4a); the last one is the limit the others
     * tend to, drawn black and dashed so that it stands apart from them.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Curve> curves) {
        save(linesChart(title, xLabel, yLabel, curves), png);
    }

    /** The chart of {@link #lines}. */
    static XYChart linesChart(String title, String xLabel, String yLabel, List<Curve> curves) {
        XYChart chart = chart(title, xLabel, yLabel);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            XYSeries s = chart.addSeries(c.name(), c.x(), c.y());
            s.setMarker(SeriesMarkers.NONE);
            if (i == curves.size() - 1) {
                drawAsLimit(s, 0);
            }
        }
        roundXTicks(chart, curves);
        return chart;
    }

    /**
     * The Liouville solution in phase space (like Figs. 1 and 3): level sets of {@code W0} on the backward
     * method's {@code (x, k)} grid, with the Lagrangian manifold from the forward characteristics drawn through them;
     * below, {@code rho0}.
     *
     * @param w row-major {@code w[i * k.length + l] = W0(x_i, k_l)}
     */
    public static void phaseSpace(Path png, String title, double[] xGrid, double[] kGrid, double[] w,
                                  double[] manifoldX, double[] manifoldK, double[] x, double[] rho0) {
        XYChart top = chart(title + ": W0(x, k)", "x", "k");
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        double[] levels = {0.01, 0.1, 0.5};
        Color[] colors = {new Color(190, 215, 240), new Color(90, 150, 210), new Color(10, 60, 140)};
        for (int lv = 0; lv < levels.length; lv++) {
            double lo = levels[lv] * max;
            double hi = lv + 1 < levels.length ? levels[lv + 1] * max : Double.POSITIVE_INFINITY;
            List<Double> px = new ArrayList<>();
            List<Double> pk = new ArrayList<>();
            for (int i = 0; i < xGrid.length; i++) {
                for (int l = 0; l < kGrid.length; l++) {
                    double v = w[i * kGrid.length + l];
                    if (v >= lo && v < hi) {
                        px.add(xGrid[i]);
                        pk.add(kGrid[l]);
                    }
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = top.addSeries(String.format("W0 >= %.0f%% of max", 100 * levels[lv]), px, pk);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.SQUARE);
                s.setMarkerColor(colors[lv]);
            }
        }
        if (manifoldX.length > 0) {
            XYSeries manifold = top.addSeries("forward characteristics k = K(t, x)", manifoldX, manifoldK);
            manifold.setMarker(SeriesMarkers.NONE);
            manifold.setLineColor(Color.RED);
            manifold.setLineStyle(new BasicStroke(1.2f));
        }
        top.getStyler().setMarkerSize(3);
        // both panels on the x range of the density, so that they line up
        List<Curve> density = List.of(new Curve("rho0", x, rho0));
        roundXTicks(top, density);

        XYChart bottom = chart("rho0(x) = \u222b W0 dk", "x", "rho0");
        bottom.addSeries("rho0", x, rho0).setMarker(SeriesMarkers.NONE);
        roundXTicks(bottom, density);
        try {
            BitmapEncoder.saveBitmap(List.of(top, bottom), 2, 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code Err(eps)} on log-log axes ({@link #errChart}) with the fitted line and an {@code eps^2} reference
     * (Figs. 2b, 4b).
     */
    public static void convergence(Path png, String title, double[] eps, double[] err, ConvergenceFit fit,
                                   double fitMin, double fitMax) {
        XYChart chart = errChart(title, "Err(eps) = \u222b |rho_eps - rho0| dx");
        XYSeries points = chart.addSeries("err_l1", log2(eps), err);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        if (fit != null) {
            double[] fx = {fitMin, fitMax};
            double[] fy = {fit.predict(fitMin), fit.predict(fitMax)};
            String se = Double.isNaN(fit.rateStdError()) ? "" : String.format(" \u00b1 %.2f", fit.rateStdError());
            chart.addSeries(String.format("fit: rate %.2f%s", fit.rate(), se), log2(fx), fy)
                    .setMarker(SeriesMarkers.NONE);
        }
        int last = eps.length - 1;
        double[] ry = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            ry[i] = err[last] * (eps[i] / eps[last]) * (eps[i] / eps[last]);
        }
        XYSeries ref = chart.addSeries("O(eps^2) reference", log2(eps), ry);
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
        ref.setLineColor(Color.GRAY);
        save(chart, png);
    }

    /** One {@code Err(eps)} series with error bars and its fit (or {@code null}). */
    public record ErrorSeries(String name, double[] eps, double[] err, double[] se, ConvergenceFit fit) {
    }

    /** {@code Err(eps)} with Monte Carlo error bars and weighted fits, log-log ({@link #errChart}) (Fig. 7b). */
    public static void convergenceWithErrors(Path png, String title, List<ErrorSeries> series) {
        XYChart chart = errChart(title, "Err(eps) = \u222b |rho0 - E[rho_eps]| dx");
        for (ErrorSeries s : series) {
            XYSeries points = chart.addSeries(s.name(), log2(s.eps()), s.err(), s.se());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            if (s.fit() != null) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (double e : s.eps()) {
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
                chart.addSeries(String.format("%s fit: rate %.2f \u00b1 %.2f", s.name(), s.fit().rate(),
                        s.fit().rateStdError()), log2(lo, hi),
                        new double[] {s.fit().predict(lo), s.fit().predict(hi)}).setMarker(SeriesMarkers.NONE);
            }
        }
        save(chart, png);
    }

    /**
     * The ensemble mean with a band of one standard deviation, and the limits if given, black, dashed then
     * dash-dotted (Figs. 7a, 8a, 9, 10).
     */
    public static void meanWithBand(Path png, String title, double[] x, double[] mean, double[] std,
                                    List<Curve> limits) {
        save(meanWithBandChart(title, x, mean, std, limits), png);
    }

    /** The chart of {@link #meanWithBand}. */
    static XYChart meanWithBandChart(String title, double[] x, double[] mean, double[] std, List<Curve> limits) {
        XYChart chart = chart(title, "x", "density");
        double[] lo = new double[x.length];
        double[] hi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            lo[i] = mean[i] - std[i];
            hi[i] = mean[i] + std[i];
        }
        XYSeries band = chart.addSeries("mean \u00b1 standard deviation", x, hi, null);
        band.setMarker(SeriesMarkers.NONE);
        band.setLineColor(new Color(120, 160, 220));
        XYSeries low = chart.addSeries(" ", x, lo, null);
        low.setMarker(SeriesMarkers.NONE);
        low.setLineColor(new Color(120, 160, 220));
        low.setShowInLegend(false);
        chart.addSeries("E[rho_eps] (ensemble mean)", x, mean).setMarker(SeriesMarkers.NONE);
        for (int i = 0; i < limits.size(); i++) {
            Curve c = limits.get(i);
            XYSeries s = chart.addSeries(c.name(), c.x(), c.y());
            s.setMarker(SeriesMarkers.NONE);
            drawAsLimit(s, i);
        }
        roundXTicks(chart, List.of(new Curve("mean", x, mean)));
        return chart;
    }

    private static void drawAsLimit(XYSeries s, int index) {
        s.setLineColor(Color.BLACK);
        s.setLineStyle(LIMIT_STROKES[index % LIMIT_STROKES.length]);
        // XChart strokes a plain line segment by segment, restarting the dash pattern on every segment of a
        // pixel or two (the curve then looks solid); a smooth series is stroked as one path, through the points
        s.setSmooth(true);
    }

    /**
     * Puts the x ticks at round values. XChart places its ticks on the data points themselves when the x values of
     * all series, with the axis ends, are equally spaced (to 1e-4), as one grid's are: 0.05, 0.11, 0.16 ... on a
     * grid of {@code 1.25 / 320}. The axis is therefore set to the data's range widened to multiples of a round
     * step ({@code 1, 2 or 5 x 10^k}, about 20 to the range), its upper end kept off the grid's lattice; XChart then
     * picks round ticks itself.
     */
    private static void roundXTicks(XYChart chart, List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double lastSpacing = 0;
        for (Curve c : curves) {
            int n = c.x().length;
            lo = Math.min(lo, c.x()[0]);
            if (c.x()[n - 1] >= hi) {
                hi = c.x()[n - 1];
                lastSpacing = n > 1 ? c.x()[n - 1] - c.x()[n - 2] : 0;
            }
        }
        if (!(hi > lo)) {
            return;
        }
        double step = roundStep((hi - lo) / 20);
        double min = step * Math.floor(lo / step);
        double max = step * Math.ceil(hi / step);
        double tail = max - hi;
        if (Math.abs(tail) < 1e-4 || Math.abs(tail - lastSpacing) < 1e-4) {
            max += step;
        }
        chart.getStyler().setXAxisMin(min).setXAxisMax(max).setXAxisDecimalPattern(TICK_PATTERN)
                .setYAxisDecimalPattern(TICK_PATTERN);
        // XChart looks only at the series for that lattice, so when all share one grid an invisible series at the
        // widened axis ends takes them off it
        XYSeries ends = chart.addSeries("\u0000axis ends", new double[] {min, max},
                new double[] {curves.get(0).y()[0], curves.get(0).y()[0]});
        ends.setMarker(SeriesMarkers.NONE);
        ends.setLineStyle(SeriesLines.NONE);
        ends.setShowInLegend(false);
    }

    /** The least of {@code 1, 2, 5 x 10^k} not below {@code atLeast}. */
    private static double roundStep(double atLeast) {
        double decade = Math.pow(10, Math.floor(Math.log10(atLeast)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * decade >= atLeast) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * A heat map of a symmetric matrix on a grid (the covariance, Fig. 8b), drawn with Java2D: blue below zero,
     * red above, white at zero, with a colour bar.
     *
     * @param c row-major {@code n x n}
     */
    public static void heatMap(Path png, String title, double[] axis, double[] c) {
        int n = axis.length;
        int plot = 560;
        int left = 80;
        int top = 50;
        int width = left + plot + 140;
        int height = top + plot + 70;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double max = 0;
        for (double v : c) {
            max = Math.max(max, Math.abs(v));
        }
        double scale = max > 0 ? max : 1;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                g.setColor(diverging(c[p * n + q] / scale));
                int x0 = left + p * plot / n;
                int x1 = left + (p + 1) * plot / n;
                int y0 = top + plot - (q + 1) * plot / n;
                int y1 = top + plot - q * plot / n;
                g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plot, plot);
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 13f));
        int cut = title.length() > 60 ? title.indexOf(", ", 40) : -1;
        if (cut > 0) {
            g.drawString(title.substring(0, cut + 1), 10, top - 30);
            g.drawString(title.substring(cut + 2), 10, top - 12);
        } else {
            g.drawString(title, 10, top - 20);
        }
        g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 12f));
        for (int t = 0; t <= 5; t++) {
            double v = axis[0] + (axis[n - 1] - axis[0]) * t / 5.0;
            int px = left + (int) Math.round(plot * t / 5.0);
            int py = top + plot - (int) Math.round(plot * t / 5.0);
            g.drawLine(px, top + plot, px, top + plot + 5);
            g.drawString(String.format("%.2f", v), px - 12, top + plot + 20);
            g.drawLine(left - 5, py, left, py);
            g.drawString(String.format("%.2f", v), left - 40, py + 4);
        }
        g.drawString("x", left + plot / 2, top + plot + 45);
        g.drawString("y", left - 65, top + plot / 2);
        int barX = left + plot + 30;
        for (int i = 0; i < plot; i++) {
            g.setColor(diverging(1 - 2.0 * i / plot));
            g.fillRect(barX, top + i, 20, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(barX, top, 20, plot);
        g.drawString(String.format("%.3g", scale), barX + 25, top + 10);
        g.drawString("0", barX + 25, top + plot / 2 + 4);
        g.drawString(String.format("%.3g", -scale), barX + 25, top + plot);
        g.dispose();
        try {
            javax.imageio.ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** -1 blue, 0 white, +1 red. */
    private static Color diverging(double v) {
        double a = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(a)));
        return a >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    /**
     * An empty {@code Err(eps)} chart: {@code Err} on a logarithmic axis, {@code eps} on a linear axis of
     * {@code log2 eps} (give x values through {@link #log2}) labelled {@code 2^k}. XChart's logarithmic axis labels
     * powers of ten only, so a study of {@code 2^-4, 2^-5} would show no eps at all.
     */
    public static XYChart errChart(String title, String yLabel) {
        XYChart chart = chart(title, "eps", yLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisLogarithmic(true).setxAxisTickLabelsFormattingFunction(
                k -> Math.abs(k - Math.rint(k)) < 1e-9 ? "2^" + (long) Math.rint(k) : "");
        return chart;
    }

    /** {@code log2} of each value: the x data of an {@link #errChart}. */
    public static double[] log2(double... eps) {
        double[] k = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            k[i] = Math.log(eps[i]) / Math.log(2);
        }
        return k;
    }

    /** An empty chart in the style of every figure: size, legend font, white background. */
    public static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(LEGEND_POINTS));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void save(XYChart chart, Path png) {
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
