package org.knowm.xchart.internal.chartpart;

import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * The x-axis tick labels XChart draws, for tests: XChart keeps a chart's axes package-private, hence this class in
 * that package (test sources only).
 */
public final class RenderedTicks {

    private RenderedTicks() {
    }

    /** Lays {@code chart} out as {@link BitmapEncoder} does and returns its x tick labels, left to right. */
    public static List<String> xLabels(XYChart chart) {
        BitmapEncoder.getBufferedImage(chart);
        return List.copyOf(((Chart<?, ?>) chart).getXAxis().getAxisTickCalculator().getTickLabels());
    }
}
