package org.vmse.job.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmse.job.nightly.NightJson.Fit;
import org.vmse.job.nightly.NightJson.LocalRate;
import org.vmse.job.nightly.NightJson.Night;
import org.vmse.job.nightly.NightJson.Point;
import org.vmse.job.nightly.NightJson.Regression;
import org.vmse.job.nightly.NightJson.Series;
import org.vmse.job.nightly.NightJson.Study;
import org.vmse.job.nightly.NightJson.What;

/** The one model of night.json: what the runner writes the report reads back, and a bad file is named by its key. */
class NightJsonTest {

    @Test
    void aNightReadsBackAsTheRunnerWroteIt() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("git_revision", "0123abc");
        provenance.put("cores", 16);
        provenance.put("cpu_model", null);
        Point broke = new Point(0x1p-3, "2^-3", Double.NaN, null, null, null, null, Double.POSITIVE_INFINITY, 0L, null,
                1.5);
        Point ensemble = new Point(0x1p-4, "2^-4", 1e-3, 1e-4, 2e-5, 64L, 0.25, 3.0, 2L, 663L, 2.0);
        Study liouville = new Study("ex1", "example 1", StudyKind.LIOUVILLE, 2.0, 0.25, 12.5, List.of(new Series(null,
                List.of(broke, ensemble), new Fit(2.0, null, 0x1p-4, 0x1p-3), List.of(new LocalRate("2^-3", "2^-4",
                        Double.NaN)))));
        Study rte = new Study("fig7b", "Fig. 7b", StudyKind.RTE, null, null, 30,
                List.of(new Series("gaussian", List.of(ensemble), null, List.of())));
        Night night = new Night(LocalDate.of(2026, 1, 2), "2026-01-02T01:00:00Z", "2026-01-02T02:00:00Z", 3600,
                "nightly", provenance, LocalDate.of(2026, 1, 1), List.of(liouville, rte),
                List.of(new Regression("ex1", null, What.RATE, null, Double.NaN, "2 ± 0.25", "no rate")), false);

        // every component, the non-finite ones and the order of the provenance included (records compare NaN equal)
        Night read = NightJson.read(NightJson.write(night), Night.class, "night.json");
        assertEquals(night, read);
        assertEquals(List.copyOf(provenance.keySet()), List.copyOf(read.provenance().keySet()));
    }

    @Test
    void aBadValueIsNamedByTheRecordOrKeyItIsAt() {
        assertEquals("f: studies[0].series[0].points[0].err_l1: missing; it must be a number", problem(
                "{'date': '2026-01-01', 'wall_seconds': 1, 'studies': [{'name': 's', 'kind': 'rte', 'wall_seconds': 1,"
                        + " 'series': [{'points': [{'eps': 0.5, 'eps_text': '2^-1'}]}]}]}"));
        assertEquals("f: studies[0].kind: must be one of [liouville, rte], got 'lio'", problem(
                "{'date': '2026-01-01', 'wall_seconds': 1, 'studies': [{'name': 's', 'kind': 'lio'}]}"));
        assertEquals("f: studies[0].series[0].points[0].samples: must be a whole number, got '2.5'", problem(
                "{'date': '2026-01-01', 'wall_seconds': 1, 'studies': [{'name': 's', 'kind': 'rte', 'wall_seconds': 1,"
                        + " 'series': [{'points': [{'eps': 0.5, 'eps_text': '2^-1', 'err_l1': 1,"
                        + " 'samples': 2.5}]}]}]}"));
        assertEquals("f: date: must be a date yyyy-MM-dd, got '30.11.2026'",
                problem("{'date': '30.11.2026', 'wall_seconds': 1}"));
        assertEquals("f: regressions[0]: regression needs a study and a 'what', got study = s, what = null",
                problem("{'date': '2026-01-01', 'wall_seconds': 1, 'regressions': [{'study': 's', 'value': 1}]}"));
    }

    /** The message of reading {@code json} (single quotes for double) from the file {@code f}. */
    private static String problem(String json) {
        byte[] text = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        return assertThrows(IllegalStateException.class, () -> NightJson.read(text, Night.class, "f")).getMessage();
    }
}
