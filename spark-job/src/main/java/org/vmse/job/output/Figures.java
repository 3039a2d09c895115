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
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vmse.kernel.analysis.ConvergenceFit;

/** The PNG figures of a run, drawn with XChart. */
public final class Figures {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    /** A named curve {@code y(x)}. */
    public record Curve(String name, double[] x, double[] y) {
    }

    /** Curves, each on its own {@code x} (densities, like Figs. 2a and 4a). */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Curve> curves) {
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        for (Curve c : curves) {
            XYSeries s = chart.addSeries(c.name(), c.x(), c.y());
            s.setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
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

        XYChart bottom = chart("rho0(x) = \u222b W0 dk", "x", "rho0");
        bottom.getStyler().setXAxisDecimalPattern("0.00");
        bottom.addSeries("rho0", x, rho0).setMarker(SeriesMarkers.NONE);
        try {
            BitmapEncoder.saveBitmap(List.of(top, bottom), 2, 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** {@code Err(eps)} on log-log axes with the fitted line and an {@code eps^2} reference (Figs. 2b, 4b). */
    public static void convergence(Path png, String title, double[] eps, double[] err, ConvergenceFit fit,
                                   double fitMin, double fitMax) {
        XYChart chart = chart(title, "eps", "Err(eps) = \u222b |rho_eps - rho0| dx");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        XYSeries points = chart.addSeries("err_l1", eps, err);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        if (fit != null) {
            double[] fx = {fitMin, fitMax};
            double[] fy = {fit.predict(fitMin), fit.predict(fitMax)};
            String se = Double.isNaN(fit.rateStdError()) ? "" : String.format(" \u00b1 %.2f", fit.rateStdError());
            chart.addSeries(String.format("fit: rate %.2f%s", fit.rate(), se), fx, fy).setMarker(SeriesMarkers.NONE);
        }
        int last = eps.length - 1;
        double[] rx = new double[eps.length];
        double[] ry = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            rx[i] = eps[i];
            ry[i] = err[last] * (eps[i] / eps[last]) * (eps[i] / eps[last]);
        }
        XYSeries ref = chart.addSeries("O(eps^2) reference", rx, ry);
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
        ref.setLineColor(Color.GRAY);
        save(chart, png);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
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
