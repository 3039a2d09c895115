package org.vmse.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.job.CliRunner;
import org.vmse.job.CliRunner.Result;
import org.vmse.kernel.fft.FftwFft;

/**
 * Bad input that used to slip through or crash later, through the command line: exit code 2 and a message naming the
 * key, before any work. Where the input is accepted, an existing {@code --out} stops the run right after the checks.
 */
class ConfigurationErrorsTest {

    static final String SMALL = "../conf/quickstart.conf";
    static final String ENSEMBLE = "../conf/paper-sec42.conf";

    @TempDir
    Path tmp;

    private Result badInput(String... args) {
        Result r = CliRunner.vmse(args);
        assertEquals(VmseCli.BAD_INPUT, r.code(), r.err());
        return r;
    }

    private String existing() throws Exception {
        return Files.createDirectories(tmp.resolve("exists")).toString();
    }

    @Test
    void aMissingIncludeIsAnErrorNotTheDefaults() throws Exception {
        Path f = tmp.resolve("e.conf");
        Files.writeString(f, "include \"missing.conf\"\nname = m\n");
        Result r = badInput("run", f.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertTrue(r.err().contains("missing.conf") && r.err().contains("include"), r.err());
        assertTrue(!Files.exists(tmp.resolve("o")));
    }

    @Test
    void fftwPlannerAndWisdomAreCheckedBeforeAnyWork() throws Exception {
        String out = tmp.resolve("o").toString();
        Result planner = badInput("run", ENSEMBLE, "--set", "fftw.planner=fastest", "--out", out);
        assertTrue(planner.err().contains("fftw.planner = fastest is not one of estimate, measure"), planner.err());
        Result java = badInput("run", ENSEMBLE, "--set", "fft=jtransforms", "--set", "fftw.planner=measure",
                "--out", out);
        assertTrue(java.err().contains("fftw.planner = measure plans FFTW's transforms, but fft = jtransforms"),
                java.err());
        Result deterministic = badInput("run", SMALL, "--set", "fftw.planner=measure", "--out", out);
        assertTrue(deterministic.err().contains("fftw.planner = measure applies to an ensemble"),
                deterministic.err());
        Result missing = badInput("run", ENSEMBLE, "--set", "fftw.planner=measure", "--set",
                "fftw.wisdom=" + tmp.resolve("none.txt"), "--out", out);
        assertTrue(missing.err().contains("fftw.wisdom = " + tmp.resolve("none.txt") + " cannot be read"),
                missing.err());
        if (FftwFft.available()) {
            Path garbage = Files.writeString(tmp.resolve("garbage.txt"), "these are not plans\n");
            Result notWisdom = badInput("run", ENSEMBLE, "--set", "fftw.planner=measure", "--set",
                    "fftw.wisdom=" + garbage, "--out", out);
            assertTrue(notWisdom.err().contains("fftw.wisdom = " + garbage + ": not FFTW wisdom"), notWisdom.err());
            Path plans = Files.writeString(tmp.resolve("plans.txt"),
                    org.vmse.kernel.fft.FftwWisdom.record(() -> new FftwFft(104)).text());
            Result unused = badInput("run", ENSEMBLE, "--set", "fftw.wisdom=" + plans, "--out", out);
            assertTrue(unused.err().contains("but fftw.planner = estimate would not use them"), unused.err());
        }
        assertTrue(!Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void theBenchmarksFftwPlannerIsCheckedBeforeAnyWork() {
        Result planner = badInput("bench", "--ensemble", "--mesh", "--fftw-planner", "fastest");
        assertTrue(planner.err().contains("--fftw-planner: fftw.planner = fastest is not one of estimate, measure"),
                planner.err());
        Result java = badInput("bench", "--ensemble", "--mesh", "--fft", "jtransforms", "--fftw-planner", "measure");
        assertTrue(java.err().contains("--fftw-planner measure plans FFTW's transforms: use --fft fftw"), java.err());
    }

    @Test
    void theKlPeersExponentsAndRefinementAreCheckedBeforeAnyWork() {
        Result word = badInput("bench", "--ensemble", "--peers", "--kl-peer-eps", "6,eight");
        assertTrue(word.err().contains("--kl-peer-eps: exponents E of eps = 2^-E (3..14) or none, got 'eight'"),
                word.err());
        // at 2^-2 the paper's mesh has 17 steps, fewer than kl.sh's early part needs
        Result range = badInput("bench", "--ensemble", "--peers", "--kl-peer-eps", "2");
        assertTrue(range.err().contains("--kl-peer-eps: exponents E of eps = 2^-E must lie in 3..14, got 2"),
                range.err());
        Result refine = badInput("bench", "--ensemble", "--peers", "--kl-peer-refine", "0");
        assertTrue(refine.err().contains("--kl-peer-refine must be at least 1, got 0"), refine.err());
        Result alone = badInput("bench", "--ensemble", "--kl-peer-eps", "6");
        assertTrue(alone.err().contains("--kl-peer-eps and --kl-peer-refine go with --ensemble --peers"),
                alone.err());
        for (Result r : List.of(word, range, refine, alone)) {
            assertTrue(r.out().isEmpty(), "refused before any table: " + r.out());
        }
    }

    @Test
    void tooManySamplesAreTooLargeWithTheirMaximum() {
        for (String samples : new String[] {"2147483646", "1e12"}) {
            Result r = badInput("run", SMALL, "--set", "samples=" + samples, "--out", tmp.resolve("o").toString());
            assertTrue(r.err().contains("samples = " + samples + " is too large, at most 1073741824"), r.err());
        }
    }

    @Test
    void anEmptyStudyAndAFitRangeWithoutTwoPointsAreRefused() {
        Result empty = badInput("study", SMALL, "--set", "study.eps=[]", "--out", tmp.resolve("a").toString());
        assertTrue(empty.err().contains("study.eps = [] is empty"), empty.err());
        Result range = badInput("study", SMALL, "--set", "study.eps=[2^-4,2^-5,2^-6]", "--out",
                tmp.resolve("b").toString());
        assertTrue(range.err().contains("study.fitMin") && range.err().contains("at least two"), range.err());
    }

    @Test
    void aQuotedSetValueIsAccepted() throws Exception {
        // it used to fail at "position 0" of "2^-6" with its quotes; now the run gets to the output directory
        Result r = badInput("run", SMALL, "--set", "eps=\"2^-6\"", "--set", "study.eps=[2^-6,\"2^-7\"]", "--set",
                "study.fitMin=2^-7", "--set", "study.fitMax=2^-6", "--out", existing(), "-q");
        assertTrue(r.err().contains("already exists"), r.err());
    }

    @Test
    void anUnknownSetKeyIsBlamedOnTheSet() {
        Result r = badInput("run", SMALL, "--set", "mesh.dxx=1", "--out", tmp.resolve("o").toString());
        assertTrue(r.err().contains("--set mesh.dxx: unknown key") && r.err().contains("did you mean mesh.dx?"),
                r.err());
        assertTrue(!r.err().contains("quickstart.conf"), "not blamed on the file: " + r.err());
    }

    @Test
    void runsOutOfReachAreRefusedBeforeAnyWork() {
        Result samples = badInput("run", ENSEMBLE, "--set", "samples=1e9", "--master", "local[2]", "--out",
                tmp.resolve("a").toString(), "-q");
        assertTrue(samples.err().contains("samples") && samples.err().contains("limits.force = true"), samples.err());
        Result eps = badInput("run", SMALL, "--set", "eps=2^-20", "--out", tmp.resolve("b").toString(), "-q");
        assertTrue(eps.err().contains("eps = 2^-20: the run would take about") && eps.err().contains("hours"),
                eps.err());
        Result study = badInput("study", SMALL, "--set", "study.eps=[2^-12,2^-20]", "--set", "study.fitMin=2^-20",
                "--set", "study.fitMax=2^-12", "--out", tmp.resolve("c").toString(), "-q");
        assertTrue(study.err().contains("study.eps = [2^-12, 2^-20]") && study.err().contains("hours"), study.err());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("b")));
    }

    @Test
    void underTheAccuracyRuleWhatCannotFitOnItsCoarsestMeshIsRefusedBeforeThePilots() throws Exception {
        // ResourceEstimateTest: 10^7 samples at 2^-8 take about 59 hours of one core even on the coarsest mesh of the
        // rule (M = 576, 112 steps); 2 10^5 take about 1.2 hours there and pass on to the output check (on the paper's
        // mesh, about 88 hours, they are refused)
        Result r = badInput("run", ENSEMBLE, "--set", "eps=2^-8", "--set", "samples=1e7", "--set", "fft=jtransforms",
                "--set", "mesh.rule=accuracy", "--master", "local[1]", "--out", tmp.resolve("a").toString(), "-q");
        assertTrue(r.err().contains("mesh.rule = accuracy, assuming the coarsest mesh") && r.err().contains("hours")
                && r.err().contains("change samples"), r.err());
        assertTrue(!Files.exists(tmp.resolve("a")));
        Result fits = badInput("run", ENSEMBLE, "--set", "eps=2^-8", "--set", "samples=2e5", "--set",
                "fft=jtransforms", "--set", "mesh.rule=accuracy", "--master", "local[1]", "--out", existing(), "-q");
        assertTrue(fits.err().contains("already exists") && !fits.err().contains("hours"), fits.err());
    }

    @Test
    void limitsForcePassesTheEstimate() throws Exception {
        Result r = badInput("run", SMALL, "--set", "eps=2^-20", "--set", "limits.force=true", "--out", existing(),
                "-q");
        assertTrue(r.err().contains("already exists") && !r.err().contains("hours"), r.err());
    }

    @Test
    void theFftFallbackIsNoticedOnceWhenARunStarts() throws Exception {
        Result r = badInput("run", SMALL, "--set", "fft=auto", "--out", existing(), "-q");
        int notices = r.err().split("FFTW did not load", -1).length - 1;
        assertEquals(FftwFft.available() ? 0 : 1, notices, r.err());
    }
}
