package org.vmse.job.nightly.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.Night;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;
import org.vmse.job.output.Figures;

/**
 * The report's plots, in the style of the run figures ({@link Figures#chart}): a night's {@code Err(eps)} against
 * its expected rate, and the histories across nights of each study's rates and of the run times.
 */
final class ReportCharts {

    /** Series colours, one per random medium or study; the same colour draws a rate and its band. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(23, 190, 207)};

    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 5f}, 0f);
    private static final BasicStroke DOTTED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f);
    private static final BasicStroke THIN = new BasicStroke(1f);

    private ReportCharts() {
    }

    /** The chart as PNG bytes. */
    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code Err(eps)} of one study against {@code log2 eps} on a logarithmic {@code Err} axis
     * ({@link Figures#errChart}): each series with its standard errors as bars, its fitted line over the fitted range,
     * the noise floors where the study has them, and the expected rate through the finest point: for the Liouville
     * limit the band {@code 2 ± 0.25} as two dashed lines, otherwise one dashed line.
     * Points that broke down (non-finite or zero error) cannot be drawn on a log axis and are left out.
     */
    static XYChart err(Study study) {
        XYChart chart = Figures.errChart(study.name() + ": Err(eps)", "Err(eps) (L1)");
        double finestEps = Double.NaN;
        double finestErr = Double.NaN;
        double epsLo = Double.POSITIVE_INFINITY;
        double epsHi = 0;
        for (int k = 0; k < study.series().size(); k++) {
            Series s = study.series().get(k);
            List<Point> drawn = s.points().stream().filter(p -> p.errL1() > 0
                    && p.errL1() < Double.POSITIVE_INFINITY).toList();
            if (drawn.isEmpty()) {
                continue;
            }
            Color color = PALETTE[k % PALETTE.length];
            double[] eps = Figures.log2(drawn.stream().mapToDouble(Point::eps).toArray());
            double[] err = drawn.stream().mapToDouble(Point::errL1).toArray();
            String name = seriesName("err_l1", s.xi());
            XYSeries points;
            if (drawn.stream().anyMatch(p -> p.errL1Se() != null)) {
                double[] se = drawn.stream().mapToDouble(p -> p.errL1Se() == null ? 0 : p.errL1Se()).toArray();
                points = chart.addSeries(name + " \u00b1 se", eps, err, se);
            } else {
                points = chart.addSeries(name, eps, err);
            }
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
            points.setLineColor(color);
            List<Point> floors = drawn.stream().filter(p -> p.noiseFloor() != null && p.noiseFloor() > 0
                    && p.noiseFloor() < Double.POSITIVE_INFINITY).toList();
            if (!floors.isEmpty()) {
                XYSeries floor = chart.addSeries(seriesName("noise floor", s.xi()),
                        Figures.log2(floors.stream().mapToDouble(Point::eps).toArray()),
                        floors.stream().mapToDouble(Point::noiseFloor).toArray());
                floor.setMarker(SeriesMarkers.NONE);
                floor.setLineColor(color);
                floor.setLineStyle(DOTTED);
            }
            Fit fit = s.fit();
            double logC = fit == null ? Double.NaN : fittedIntercept(drawn, fit);
            if (Double.isFinite(logC)) {
                String se = fit.rateSe() == null ? "" : String.format(" \u00b1 %.2f", fit.rateSe());
                XYSeries line = chart.addSeries(String.format("%s: rate %.2f%s", seriesName("fit", s.xi()),
                        fit.rate(), se), Figures.log2(fit.epsMin(), fit.epsMax()),
                        new double[] {Math.exp(logC + fit.rate() * Math.log(fit.epsMin())),
                            Math.exp(logC + fit.rate() * Math.log(fit.epsMax()))});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(THIN);
            }
            for (Point p : drawn) {
                epsLo = Math.min(epsLo, p.eps());
                epsHi = Math.max(epsHi, p.eps());
            }
            if (Double.isNaN(finestEps)) {
                Point finest = drawn.stream().min((a, b) -> Double.compare(a.eps(), b.eps())).orElseThrow();
                finestEps = finest.eps();
                finestErr = finest.errL1();
            }
        }
        if (Double.isNaN(finestEps)) {
            // nothing drawable: an empty log axis would have no range, so the axes say so instead (and name no eps)
            chart.getStyler().setYAxisLogarithmic(false).setxAxisTickLabelsFormattingFunction(x -> "");
            chart.setTitle(study.name() + ": Err(eps): no finite errors to draw");
            chart.addSeries("no data", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            return chart;
        }
        if (study.expectedRate() == null) {
            return chart;
        }
        if (study.rateBand() != null) {
            double lo = study.expectedRate() - study.rateBand();
            double hi = study.expectedRate() + study.rateBand();
            XYSeries upper = rateLine(chart, String.format("expected rate %s \u00b1 %s", rate(study.expectedRate()),
                    rate(study.rateBand())), hi, finestEps, finestErr, epsLo, epsHi);
            XYSeries lower = rateLine(chart, " ", lo, finestEps, finestErr, epsLo, epsHi);
            lower.setShowInLegend(false);
            upper.setLineStyle(DASHED);
            lower.setLineStyle(DASHED);
        } else {
            rateLine(chart, "expected rate " + rate(study.expectedRate()), study.expectedRate(), finestEps, finestErr,
                    epsLo, epsHi).setLineStyle(DASHED);
        }
        return chart;
    }

    /**
     * The line {@code log Err = log C + rate log eps} with the fitted rate through the points of the fitted range:
     * night.json carries the rate, not {@code C}, so {@code log C} is the mean of {@code log Err - rate log eps}
     * over those points (the least-squares intercept for the given slope). NaN where no point is in the range.
     */
    private static double fittedIntercept(List<Point> points, Fit fit) {
        double sum = 0;
        int n = 0;
        for (Point p : points) {
            // the range's ends are eps values of points, written and read as the same decimal
            if (p.eps() >= fit.epsMin() && p.eps() <= fit.epsMax()) {
                sum += Math.log(p.errL1()) - fit.rate() * Math.log(p.eps());
                n++;
            }
        }
        return n == 0 || !Double.isFinite(fit.rate()) ? Double.NaN : sum / n;
    }

    /** A black line of slope {@code rate} through {@code (eps0, err0)} over {@code [lo, hi]}. */
    private static XYSeries rateLine(XYChart chart, String name, double rate, double eps0, double err0, double lo,
                                     double hi) {
        XYSeries s = chart.addSeries(name, Figures.log2(lo, hi),
                new double[] {err0 * Math.pow(lo / eps0, rate), err0 * Math.pow(hi / eps0, rate)});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.BLACK);
        return s;
    }

    /**
     * One study's fitted rates across nights, a line per random medium with its band {@code rate ± rate_se} in
     * thin lines of its colour, the expected band (Liouville) or rate dashed, and the accepted nights ringed.
     *
     * @param nights the finished nights, oldest first
     * @param accepted which of them are baselines
     */
    static XYChart rateHistory(String studyName, List<Night> nights, List<Boolean> accepted) {
        XYChart chart = historyChart(studyName + ": fitted rate across nights", "rate", nights);
        Map<String, List<double[]>> byXi = new LinkedHashMap<>();
        Study last = null;
        List<double[]> ringed = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            Night night = nights.get(i);
            for (Study study : night.studies()) {
                if (!study.name().equals(studyName)) {
                    continue;
                }
                last = study;
                for (Series s : study.series()) {
                    if (s.fit() == null || !Double.isFinite(s.fit().rate())) {
                        continue;
                    }
                    double day = night.date().toEpochDay();
                    double se = s.fit().rateSe() == null ? Double.NaN : s.fit().rateSe();
                    byXi.computeIfAbsent(String.valueOf(s.xi()), k -> new ArrayList<>())
                            .add(new double[] {day, s.fit().rate(), se});
                    if (accepted.get(i)) {
                        ringed.add(new double[] {day, s.fit().rate()});
                    }
                }
            }
        }
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : byXi.entrySet()) {
            Color color = PALETTE[k++ % PALETTE.length];
            String xi = "null".equals(e.getKey()) ? null : e.getKey();
            List<double[]> rows = e.getValue();
            double[] day = rows.stream().mapToDouble(r -> r[0]).toArray();
            XYSeries rate = chart.addSeries(seriesName("rate", xi), day, rows.stream().mapToDouble(r -> r[1]).toArray());
            rate.setMarker(SeriesMarkers.CIRCLE);
            rate.setMarkerColor(color);
            rate.setLineColor(color);
            List<double[]> withSe = rows.stream().filter(r -> Double.isFinite(r[2])).toList();
            if (!withSe.isEmpty()) {
                double[] seDay = withSe.stream().mapToDouble(r -> r[0]).toArray();
                XYSeries hi = chart.addSeries(seriesName("rate \u00b1 se", xi), seDay,
                        withSe.stream().mapToDouble(r -> r[1] + r[2]).toArray());
                XYSeries lo = chart.addSeries(seriesName("rate - se", xi), seDay,
                        withSe.stream().mapToDouble(r -> r[1] - r[2]).toArray());
                for (XYSeries band : List.of(hi, lo)) {
                    band.setMarker(SeriesMarkers.NONE);
                    band.setLineColor(color);
                    band.setLineStyle(THIN);
                }
                lo.setShowInLegend(false);
            }
        }
        if (last != null && last.expectedRate() != null) {
            double[] span = dayRange(nights);
            if (last.rateBand() != null) {
                XYSeries hi = level(chart, String.format("expected %s \u00b1 %s", rate(last.expectedRate()),
                        rate(last.rateBand())), last.expectedRate() + last.rateBand(), span);
                XYSeries lo = level(chart, "  ", last.expectedRate() - last.rateBand(), span);
                lo.setShowInLegend(false);
                hi.setLineStyle(DASHED);
                lo.setLineStyle(DASHED);
            } else {
                level(chart, "expected " + rate(last.expectedRate()), last.expectedRate(), span).setLineStyle(DASHED);
            }
        }
        ringAccepted(chart, ringed);
        return chart;
    }

    /** Each study's run time across nights, the accepted nights ringed. */
    static XYChart runTimeHistory(List<Night> nights, List<Boolean> accepted) {
        XYChart chart = historyChart("run time per study across nights", "seconds", nights);
        chart.getStyler().setYAxisMin(0.0); // from zero, so that the height of a change is its share
        Map<String, List<double[]>> byStudy = new LinkedHashMap<>();
        List<double[]> ringed = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            Night night = nights.get(i);
            for (Study study : night.studies()) {
                if (!Double.isFinite(study.wallSeconds())) {
                    continue;
                }
                double[] row = {night.date().toEpochDay(), study.wallSeconds()};
                byStudy.computeIfAbsent(study.name(), k -> new ArrayList<>()).add(row);
                if (accepted.get(i)) {
                    ringed.add(row);
                }
            }
        }
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : byStudy.entrySet()) {
            Color color = PALETTE[k++ % PALETTE.length];
            XYSeries s = chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(r -> r[0]).toArray(),
                    e.getValue().stream().mapToDouble(r -> r[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
            s.setLineColor(color);
        }
        if (byStudy.isEmpty()) {
            chart.addSeries("no run times", new double[] {dayRange(nights)[0]}, new double[] {0})
                    .setMarker(SeriesMarkers.NONE);
        }
        ringAccepted(chart, ringed);
        return chart;
    }

    /**
     * A chart over nights: {@code x} is the day ({@link LocalDate#toEpochDay}), padded by a day each side, labelled
     * with dates on whole days only (XChart may put ticks between days on a short history).
     */
    private static XYChart historyChart(String title, String yLabel, List<Night> nights) {
        XYChart chart = Figures.chart(title, "night", yLabel);
        double[] span = dayRange(nights);
        chart.getStyler().setXAxisMin(span[0]).setXAxisMax(span[1]);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-6
                ? LocalDate.ofEpochDay((long) Math.rint(x)).toString() : "");
        return chart;
    }

    /** The days of the first and the last night, widened by one day each side. */
    private static double[] dayRange(List<Night> nights) {
        double first = nights.get(0).date().toEpochDay();
        double last = nights.get(nights.size() - 1).date().toEpochDay();
        return new double[] {first - 1, last + 1};
    }

    private static XYSeries level(XYChart chart, String name, double y, double[] span) {
        XYSeries s = chart.addSeries(name, span, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.BLACK);
        return s;
    }

    private static void ringAccepted(XYChart chart, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries("accepted (baseline) night", points.stream().mapToDouble(r -> r[0]).toArray(),
                points.stream().mapToDouble(r -> r[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(Color.BLACK);
    }

    private static String seriesName(String what, String xi) {
        return xi == null ? what : what + ", xi = " + xi;
    }

    /** A rate as people write it: 2, 1.75, 0.25. */
    private static String rate(double r) {
        return new BigDecimal(Double.toString(r)).stripTrailingZeros().toPlainString();
    }
}
