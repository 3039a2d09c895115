package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.job.output.Json;

/** The command line end to end, in process: outputs, contracts and every kind of bad input. */
class VmseCliTest {

    static final String SMALL = "../conf/quickstart.conf";

    /**
     * Tolerance of a Crank-Nicolson run on the paper's mesh (4.10) against {@link Example1Reference}: CN's
     * dispersion error moves the density by a few 1e-4 in L1 there (measured 3.8e-4 at 2^-5 and 1.3e-4 at 2^-6,
     * falling 14-fold at dt/4: the second-order time error), so 1e-3, under 1% of Err, separates the scheme's
     * error from a broken solver.
     */
    static final double CN_TOLERANCE = 1e-3;

    @TempDir
    Path tmp;

    static Result vmse(String... args) {
        return CliRunner.vmse(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runWritesTheSummaryProfilesAndFigures() throws Exception {
        Path out = tmp.resolve("run");
        Result r = vmse("run", SMALL, "--set", "eps=2^-5", "--set", "liouville.dx=2^-7", "--set",
                "liouville.dk=2^-7", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        for (String key : List.of("eps", "M", "steps", "dx", "dt", "err_l1", "norm_drift_max", "krylov_iters_mean",
                "wall_seconds", "config", "provenance")) {
            assertTrue(s.containsKey(key), "summary.json lacks " + key);
        }
        assertEquals(Math.pow(2, -5), (double) s.get("eps"));
        assertEquals(160, s.get("M"));
        Map<String, Object> prov = (Map<String, Object>) s.get("provenance");
        assertTrue(prov.containsKey("git_revision") && prov.containsKey("java_version"), prov.toString());
        Map<String, Object> cfg = (Map<String, Object>) s.get("config");
        assertEquals("1 + x^2", ((Map<String, Object>) cfg.get("mass")).get("m0"));
        assertEquals("x,rho_eps,rho0", Files.readAllLines(out.resolve("profiles.csv")).get(0));
        List<String> phase = Files.readAllLines(out.resolve("phase_space.csv"));
        assertEquals("x,k,W0", phase.get(0));
        assertTrue(phase.size() > 100, "W0 has its band of non-zero entries: " + phase.size());
        for (String fig : List.of("figures/density.png", "figures/phase_space.png")) {
            assertTrue(ImageIO.read(out.resolve(fig).toFile()).getWidth() > 100, fig);
        }
        assertAgreesWithTheReference(out, s, Math.pow(2, -5), 160, CN_TOLERANCE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pastACausticTheLimitComesFromTheBackwardMethodAndTheSummarySaysSo() throws Exception {
        // m0 = 1 + 0.5 cos(2 pi x) focuses the rays around x0 = 0.25: the first caustic is at t = 2/pi (p0 = 1)
        Path out = tmp.resolve("caustic");
        Result r = vmse("run", SMALL, "--set", "mass.m0=1 + 0.5*cos(2*pi*x)", "--set", "T=0.7", "--set",
                "eps=2^-5", "--set", "liouville.dx=2^-7", "--set", "liouville.dk=2^-7", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        Map<String, Object> l = (Map<String, Object>) s.get("liouville");
        assertEquals("backward-particle", l.get("rho0_method"));
        assertTrue(String.valueOf(l.get("caustic")).contains("t = 0.6366"), String.valueOf(l.get("caustic")));
    }

    @Test
    void anExistingOutputDirectoryIsRefused() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("exists"));
        Result r = vmse("run", SMALL, "--out", out.toString(), "-q");
        assertEquals(VmseCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
    }

    @Test
    void aNonPositiveMassIsRefusedAndLeavesNothingBehind() throws Exception {
        Path out = tmp.resolve("neg");
        Result r = vmse("run", SMALL, "--set", "mass.m0=1 - x", "--out", out.toString(), "-q");
        assertEquals(VmseCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("mass.m0") && r.err().contains("not positive"), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no staging directory left behind");
        }
    }

    @Test
    void anUnresolvedMeshIsRefusedUnlessAllowed() {
        Result r = vmse("run", SMALL, "--set", "mesh.dx=eps", "--out", tmp.resolve("u").toString(), "-q");
        assertEquals(VmseCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("mesh.dx") && r.err().contains("mesh.allowUnresolved"), r.err());
        Result dt = vmse("run", SMALL, "--set", "mesh.dt=2*eps", "--out", tmp.resolve("v").toString(), "-q");
        assertEquals(VmseCli.BAD_INPUT, dt.code());
        assertTrue(dt.err().contains("mesh.dt") && dt.err().contains("exceeds eps"), dt.err());
        Result ok = vmse("run", SMALL, "--set", "mesh.dt=2*eps", "--set", "mesh.allowUnresolved=true", "--set",
                "T=0.05", "--out", tmp.resolve("w").toString(), "-q");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void badInputFromTheFileIsReportedWithExitCodeTwo() {
        Result unknown = vmse("run", SMALL, "--set", "mesh.dxx=1", "--out", tmp.resolve("a").toString());
        assertEquals(VmseCli.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("unknown key mesh.dxx"), unknown.err());
        Result formula = vmse("run", SMALL, "--set", "mass.m0=1 + sinn(x)", "--out", tmp.resolve("b").toString());
        assertEquals(VmseCli.BAD_INPUT, formula.code());
        assertTrue(formula.err().contains("mass.m0") && formula.err().contains("sinn"), formula.err());
        Result negative = vmse("run", SMALL, "--set", "domain.L=-1", "--out", tmp.resolve("c").toString());
        assertEquals(VmseCli.BAD_INPUT, negative.code());
        assertTrue(negative.err().contains("domain.L"), negative.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void rteSolvesTheLimitAloneAtEveryOutputTime() throws Exception {
        Path out = tmp.resolve("rte");
        Result r = vmse("rte", "../conf/paper-fig5.conf", "--set", "rte.dx=2^-7", "--set", "rte.dk=2^-7", "--out",
                out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        List<Map<String, Object>> times = (List<Map<String, Object>>) s.get("times");
        assertEquals(3, times.size());
        for (Map<String, Object> t : times) {
            // the collision and the exact transport conserve the mass of (4.17), sqrt(pi/(2A)), A = 256
            assertEquals(Math.sqrt(Math.PI / 512), ((Number) t.get("mass")).doubleValue(), 1e-10);
        }
        assertEquals("x,rho0@t=0.05,rho0@t=0.15,rho0@t=0.4", Files.readAllLines(out.resolve("profiles.csv")).get(0));
        for (String t : List.of("0.05", "0.15", "0.4")) {
            assertTrue(ImageIO.read(out.resolve("figures/phase_space_t=" + t + ".png").toFile()).getWidth() > 100);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rk4ipIsRefusedWhereItIsUnstableAndRunsWhereItIsNot() throws Exception {
        // example 1 at eps = 2^-6 on the paper's step: dt (eps/2) max|m - mbar| (pi/dx)^2 = 3.34 > 2.8
        Result bad = vmse("run", SMALL, "--set", "scheme=rk4ip", "--out", tmp.resolve("bad").toString(), "-q");
        assertEquals(VmseCli.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("scheme = rk4ip") && bad.err().contains("mesh.dt <="), bad.err());
        Path out = tmp.resolve("rk4ip");
        Result ok = vmse("run", SMALL, "--set", "scheme=rk4ip", "--set", "mesh.dt=eps^1.2/16", "--set",
                "liouville.dx=2^-7", "--set", "liouville.dk=2^-7", "--out", out.toString(), "-q");
        assertEquals(0, ok.code(), ok.err());
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(out.resolve("summary.json")));
        assertEquals("rk4ip", s.get("scheme"));
        assertEquals(8.0, ((Number) s.get("ffts_per_step")).doubleValue(), 0.0);
        // RK4IP at dt = eps^1.2/16 is far more accurate in time than CN on the paper's mesh (measured 5.7e-6 in L1,
        // 7.2e-7 at dt/2): 1e-4 is the error a rate measurement of Err ~ 1e-3 at small eps can afford
        assertAgreesWithTheReference(out, s, Math.pow(2, -6), 320, 1e-4);
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("run", "study", "kl", "rte")) {
            Result r = vmse(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("--set") && r.out().contains("--quiet"), r.out());
            assertEquals(!cmd.equals("kl"), r.out().contains("--out"), cmd + " (kl prints to standard output)");
        }
        Result top = vmse("--help");
        assertTrue(top.out().contains("run") && top.out().contains("study"), top.out());
    }

    /**
     * Checks a run of example 1 at {@code T = 0.5} against {@link Example1Reference}: the Liouville limit against
     * its closed form to 1e-8 in L1 (the rays are integrated to 1e-10; measured 6e-13), the VMSE density against
     * the exact-in-time semi-discrete solution to {@code tolerance} in L1 (the time error of the scheme), and so
     * Err (4.11) to the sum of the two, by the triangle inequality.
     */
    static void assertAgreesWithTheReference(Path out, Map<String, Object> summary, double eps, int M,
                                             double tolerance) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("profiles.csv"));
        assertEquals(M + 1, lines.size());
        double[] rhoEps = new double[M];
        double[] rho0 = new double[M];
        for (int j = 0; j < M; j++) {
            String[] f = lines.get(j + 1).split(",");
            assertEquals(j * Example1Reference.L / M, Double.parseDouble(f[0]), 1e-12, "grid point " + j);
            rhoEps[j] = Double.parseDouble(f[1]);
            rho0[j] = Double.parseDouble(f[2]);
        }
        double[] refEps = Example1Reference.rhoEps(eps, M, 0.5);
        double[] ref0 = Example1Reference.rho0(M, 0.5);
        double limitError = Example1Reference.l1(rho0, ref0);
        double schemeError = Example1Reference.l1(rhoEps, refEps);
        assertTrue(limitError < 1e-8, "rho0 against its closed form, L1 " + limitError);
        assertTrue(schemeError < tolerance, "rho_eps against the exact-in-time solution, L1 " + schemeError);
        double expected = Example1Reference.l1(refEps, ref0);
        assertEquals(expected, ((Number) summary.get("err_l1")).doubleValue(), tolerance + 1e-8, "Err (4.11)");
    }
}
