package org.vmse.job.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.vmse.kernel.liouville.PhaseSpaceDensity;
import org.vmse.kernel.vmse.StepperStatistics;

/**
 * Writes a {@link DeterministicRun}: {@code summary.json}, {@code profiles.csv} ({@code x, rho_eps, rho0} at
 * {@code T}, then the same per earlier output time), {@code phase_space.csv} ({@code x, k, W0} of the backward
 * particle method at {@code T}, its non-zero entries), {@code figures/density.png} (like Fig. 2a) and
 * {@code figures/phase_space.png} (like Figs. 1 and 3).
 */
public final class RunReport {

    private RunReport() {
    }

    /** The figures of {@code summary.json}, under stable names. */
    /** {@code dir/relative}, its parent directories created. */
    public static Path file(Path dir, String relative) {
        Path p = dir.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The head of every {@code summary.json}: the experiment and its mesh, under stable names. */
    static Map<String, Object> problemSummary(ExperimentConfig cfg, Discretization d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", cfg.name());
        s.put("eps", cfg.eps());
        s.put("eps_text", cfg.epsText());
        s.put("T", cfg.T());
        s.put("M", d.grid().M());
        s.put("L", d.grid().L());
        s.put("dx", d.grid().dx());
        s.put("dt", d.plan().stepLength(d.plan().outputCount() - 1));
        s.put("dt_max", d.dt());
        s.put("steps", d.plan().totalSteps());
        s.put("output_times", cfg.outputTimes());
        s.put("mesh_rule", cfg.mesh().rule().key());
        MeshEstimate e = d.estimate();
        if (e != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tolerance", e.tolerance());
            m.put("discretization_term", e.error());
            m.put("space_part", e.spaceError());
            m.put("time_part", e.timeError());
            m.put("top_wavenumber", e.topWavenumber());
            m.put("pilots", e.pilots());
            m.put("pilot_solves", e.pilotSolves());
            m.put("seconds", e.seconds());
            s.put("mesh_estimate", m);
        }
        return s;
    }

    public static Map<String, Object> summary(DeterministicRun run, double wallSeconds) {
        ExperimentConfig cfg = run.config();
        Discretization d = run.discretization();
        StepperStatistics st = run.vmse().statistics();
        LiouvilleLimit lim = run.limit();
        Map<String, Object> s = problemSummary(cfg, d);
        s.put("err_l1", run.finalErrL1());
        s.put("err_l1_by_time", run.errL1());
        s.put("norm_drift_max", run.vmse().normDriftMax());
        s.put("krylov_iters_mean", st.meanKrylovIterations());
        s.put("krylov_iters_max", st.maxKrylovIterations());
        s.put("rk4ip_substeps", st.substeps());
        s.put("ffts_per_step", st.fftsPerStep());
        s.put("scheme", run.config().scheme().key());
        s.put("fft", run.config().fft().key());
        s.put("mass_min", d.massMin());
        s.put("mass_max", d.massMax());
        s.put("mesh_resolved_check", cfg.mesh().allowUnresolved() ? "skipped (mesh.allowUnresolved = true)" : "passed");
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("rho0_method", lim.method());
        l.put("caustic", lim.caustic());
        l.put("escaped_mass", lim.escapedMass());
        l.put("forward_vs_backward_l1", lim.methodsL1Diff());
        l.put("backward_delta_sigma", lim.phaseSpace().sigma());
        l.put("backward_trajectories", lim.phaseSpace().trajectories());
        l.put("tolerance", cfg.liouville().tolerance());
        s.put("liouville", l);
        s.put("wall_seconds", wallSeconds);
        s.put("vmse_seconds", run.vmseSeconds());
        s.put("liouville_seconds", run.limitSeconds());
        s.put("config", Json.parse(cfg.resolvedJson()));
        s.put("provenance", Provenance.describe(cfg.fft()));
        return s;
    }

    /** Writes the run's files under {@code dir}. */
    public static void write(DeterministicRun run, Path dir, double wallSeconds) {
        Json.write(file(dir, "summary.json"), summary(run, wallSeconds));
        double[] x = run.discretization().grid().points();
        double[] times = run.config().outputTimes();
        int last = times.length - 1;
        CsvTable csv = new CsvTable().column("x", x).column("rho_eps", run.vmse().density(last))
                .column("rho0", run.limit().rho0(last));
        for (int k = 0; k < last; k++) {
            csv.column("rho_eps@t=" + times[k], run.vmse().density(k)).column("rho0@t=" + times[k],
                    run.limit().rho0(k));
        }
        csv.write(file(dir, "profiles.csv"));

        String label = run.config().name() + ", eps = " + run.config().epsText() + ", T = " + run.config().T();
        Figures.lines(file(dir, "figures/density.png"), label + String.format(": Err = %.3g", run.finalErrL1()),
                "x", "density", List.of(new Figures.Curve("rho_eps (VMSE, " + run.config().scheme().title() + ")", x,
                        run.vmse().density(last)), new Figures.Curve("rho0 (Liouville limit)", x,
                        run.limit().rho0(last))));
        PhaseSpaceDensity p = run.limit().phaseSpace();
        writePhaseSpace(p, file(dir, "phase_space.csv"));
        // rays that left the box carry negligible mass (reported as escaped_mass): draw the manifold inside it
        double L = run.discretization().grid().L();
        List<double[]> inside = new ArrayList<>();
        double[] mxAll = run.limit().manifold().x();
        double[] mkAll = run.limit().manifold().k();
        for (int i = 0; i < mxAll.length; i++) {
            if (mxAll[i] >= 0 && mxAll[i] < L) {
                inside.add(new double[] {mxAll[i], mkAll[i]});
            }
        }
        double[] mx = inside.stream().mapToDouble(point -> point[0]).toArray();
        double[] mk = inside.stream().mapToDouble(point -> point[1]).toArray();
        Figures.phaseSpace(file(dir, "figures/phase_space.png"), "Liouville limit, " + run.config().name() + ", t = "
                + run.config().T(), p.x(), p.k(), p.w(), mx, mk, x, run.limit().rho0(last));
    }

    /** The non-zero entries of {@code W0(T, x, k)}: the rest of the grid is exactly zero (outside the delta's band). */
    private static void writePhaseSpace(PhaseSpaceDensity p, Path file) {
        double[] x = p.x();
        double[] k = p.k();
        double[] w = p.w();
        int n = 0;
        for (double v : w) {
            n += v != 0 ? 1 : 0;
        }
        double[] cx = new double[n];
        double[] ck = new double[n];
        double[] cw = new double[n];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            for (int l = 0; l < k.length; l++) {
                double v = w[i * k.length + l];
                if (v != 0) {
                    cx[m] = x[i];
                    ck[m] = k[l];
                    cw[m] = v;
                    m++;
                }
            }
        }
        new CsvTable().column("x", cx).column("k", ck).column("W0", cw).write(file);
    }
}
