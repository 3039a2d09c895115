package org.vmse.job.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmse.job.config.ExperimentConfig;
import org.vmse.job.output.CsvTable;
import org.vmse.job.output.Figures;
import org.vmse.job.output.Json;
import org.vmse.job.output.Provenance;
import org.vmse.kernel.rte.RteGrid;
import org.vmse.kernel.rte.RteInitialData;
import org.vmse.kernel.rte.RteScheme;
import org.vmse.kernel.rte.RteSolution;

/**
 * The radiative transfer limit alone (Fig. 5): {@code W(t, x, k)} and {@code rho0 = ∫ W dk} at every output time,
 * from the configured initial data, without an ensemble.
 */
public final class RteRun {

    private RteRun() {
    }

    /** Solves and writes {@code summary.json}, {@code profiles.csv} and a phase-space figure per output time. */
    public static Map<String, Object> run(ExperimentConfig cfg, Path dir) {
        long t0 = System.nanoTime();
        RteScheme scheme = RteLimit.scheme(cfg);
        RteGrid grid = scheme.operator().grid();
        double[] w0 = (cfg.rte().epsWigner() ? RteInitialData.wigner(cfg.initial(), cfg.eps())
                : new RteInitialData(cfg.initial(), 0, cfg.rte().deltaWidth())).sample(grid);
        double[] times = cfg.outputTimes();
        CsvTable csv = new CsvTable().column("x", grid.xPoints());
        List<Map<String, Object>> perTime = new ArrayList<>();
        for (double t : times) {
            // one solve per time: the solution keeps W at its final time only
            RteSolution s = scheme.solve(w0, new double[] {t});
            csv.column("rho0@t=" + t, s.rho(0));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", t);
            m.put("method", s.method());
            m.put("mass", s.totalMass()[0]);
            m.put("mass_left_k_window", s.windowLoss()[0]);
            m.put("scatter_leak_estimate", s.scatterLeak()[0]);
            perTime.add(m);
            Figures.phaseSpace(RunReport.file(dir, String.format("figures/phase_space_t=%s.png", t)),
                    "RTE (3.6), " + cfg.name() + ", D = " + cfg.random().covariance().D() + ", t = " + t, grid.xPoints(),
                    grid.kPoints(), s.finalW(), new double[0], new double[0], grid.xPoints(), s.rho(0));
        }
        csv.write(RunReport.file(dir, "profiles.csv"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", cfg.name());
        summary.put("rte_initial", cfg.rte().epsWigner() ? "epsWigner" : "delta");
        summary.put("nx", grid.nx());
        summary.put("nk", grid.nk());
        summary.put("dx", grid.dx());
        summary.put("dk", grid.dk());
        summary.put("k_window", new double[] {grid.kMin(), grid.kMax()});
        summary.put("D", cfg.random().covariance().D());
        summary.put("a", cfg.random().covariance().a());
        summary.put("b", cfg.random().covariance().b());
        summary.put("times", perTime);
        summary.put("wall_seconds", (System.nanoTime() - t0) * 1e-9);
        summary.put("config", Json.parse(cfg.resolvedJson()));
        summary.put("provenance", Provenance.describe());
        Json.write(RunReport.file(dir, "summary.json"), summary);
        return summary;
    }
}
