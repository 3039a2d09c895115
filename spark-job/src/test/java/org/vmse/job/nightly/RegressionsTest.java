package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.Night;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Regression;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;
import org.vmse.job.nightly.NightJson.What;

/**
 * The bands of {@link Regressions}, on figures made up so that the answer is known in closed form: errors
 * {@code C eps^p} have the rate {@code p} exactly.
 */
class RegressionsTest {

    /** The defaults of a nightly configuration: 2 ± 0.25 over eps <= 2^-8, 3 se, 1e-6 relative, 30 %, 0 s. */
    static final RegressionRules RULES = new RegressionRules(2, 0.25, 0x1p-8, 3, 1e-6, 1.3, 0);

    static Point deterministic(double eps, double err) {
        return new Point(eps, "2^" + Math.round(Math.log(eps) / Math.log(2)), err, null, null, null, null, 3.0, 0L,
                null, 1.0);
    }

    static Point ensemble(double eps, double err, double se) {
        return new Point(eps, "2^" + Math.round(Math.log(eps) / Math.log(2)), err, se, se / 2, 64L, 0.1, 3.0, 0L,
                663L, 1.0);
    }

    /** A Liouville study with Err = 0.7 eps^rate at 2^-7 .. 2^-10. */
    static Study liouville(double rate, double wall) {
        List<Point> points = List.of(0x1p-7, 0x1p-8, 0x1p-9, 0x1p-10).stream()
                .map(e -> deterministic(e, 0.7 * Math.pow(e, rate))).toList();
        return new Study("ex1", "example 1", StudyKind.LIOUVILLE, 2.0, 0.25, wall,
                List.of(new Series(null, points, null, List.of())));
    }

    static Study rte(double err, double se, double rate, double rateSe) {
        Series s = new Series("gaussian", List.of(ensemble(0x1p-5, err, se)), new Fit(rate, rateSe, 0x1p-7, 0x1p-5),
                List.of());
        return new Study("fig7b", "Fig. 7b", StudyKind.RTE, 1.0, null, 100, List.of(s));
    }

    static Night night(Study... studies) {
        return new Night(LocalDate.of(2026, 1, 1), "", "", 0, "test", Map.of(), null, List.of(studies), List.of(),
                true);
    }

    @Test
    void aLiouvilleRateIsHeldToItsFixedBandWithoutABaseline() {
        assertEquals(List.of(), Regressions.find(List.of(liouville(2.0, 10)), Optional.empty(), RULES));
        assertEquals(List.of(), Regressions.find(List.of(liouville(1.8, 10)), Optional.empty(), RULES));
        List<Regression> found = Regressions.find(List.of(liouville(1.5, 10)), Optional.empty(), RULES);
        assertEquals(1, found.size(), found.toString());
        assertEquals(What.RATE, found.get(0).what());
        assertEquals(1.5, found.get(0).value(), 1e-12, "the fit of exact power-law errors is their power");
        assertEquals("2 ± 0.25", found.get(0).expected());
    }

    @Test
    void aDeterministicErrorMayMoveByTheRelativeToleranceOnly() {
        Study base = liouville(2.0, 10);
        Point p = base.series().get(0).points().get(1);
        Study within = withPoint(base, 1, deterministic(p.eps(), p.errL1() * (1 + 0.5e-6)));
        Study beyond = withPoint(base, 1, deterministic(p.eps(), p.errL1() * (1 + 2e-6)));
        assertEquals(List.of(), Regressions.find(List.of(within), Optional.of(night(base)), RULES));
        List<Regression> found = Regressions.find(List.of(beyond), Optional.of(night(base)), RULES);
        assertEquals(1, found.size(), found.toString());
        assertEquals(What.ERR_L1, found.get(0).what());
        assertEquals("2^-8", found.get(0).epsText());
    }

    @Test
    void anEnsembleErrorAndRateMayMoveByThreeCombinedStandardErrors() {
        Night base = night(rte(0.10, 0.003, 0.70, 0.03));
        // combined se sqrt(2) 0.003 = 0.00424; 3 of them = 0.0127
        assertEquals(List.of(), Regressions.find(List.of(rte(0.112, 0.003, 0.70, 0.03)), Optional.of(base), RULES));
        List<Regression> err = Regressions.find(List.of(rte(0.114, 0.003, 0.70, 0.03)), Optional.of(base), RULES);
        assertEquals(List.of(What.ERR_L1), err.stream().map(Regression::what).toList(), err.toString());
        // the rate's: 3 sqrt(2) 0.03 = 0.127
        assertEquals(List.of(), Regressions.find(List.of(rte(0.10, 0.003, 0.82, 0.03)), Optional.of(base), RULES));
        List<Regression> rate = Regressions.find(List.of(rte(0.10, 0.003, 0.83, 0.03)), Optional.of(base), RULES);
        assertEquals(List.of(What.RATE), rate.stream().map(Regression::what).toList(), rate.toString());
        assertEquals("gaussian", rate.get(0).xi());
    }

    @Test
    void anEnsembleRateHasNoBandBeforeABaseline() {
        assertEquals(List.of(), Regressions.find(List.of(rte(0.10, 0.003, 5.0, 0.03)), Optional.empty(), RULES));
    }

    @Test
    void aStudyMayRunAtMostThirtyPercentLonger() {
        Night base = night(liouville(2.0, 100));
        assertEquals(List.of(), Regressions.find(List.of(liouville(2.0, 129)), Optional.of(base), RULES));
        List<Regression> found = Regressions.find(List.of(liouville(2.0, 131)), Optional.of(base), RULES);
        assertEquals(List.of(What.WALL_SECONDS), found.stream().map(Regression::what).toList());
        RegressionRules lenient = new RegressionRules(2, 0.25, 0x1p-8, 3, 1e-6, 1.3, 60);
        assertTrue(Regressions.find(List.of(liouville(2.0, 131)), Optional.of(base), lenient).isEmpty(),
                "31 s more is under the 60 s floor");
    }

    private static Study withPoint(Study s, int i, Point p) {
        List<Point> points = new java.util.ArrayList<>(s.series().get(0).points());
        points.set(i, p);
        return new Study(s.name(), s.title(), s.kind(), s.expectedRate(), s.rateBand(), s.wallSeconds(),
                List.of(new Series(null, points, null, List.of())));
    }
}
