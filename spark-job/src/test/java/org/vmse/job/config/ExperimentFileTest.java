package org.vmse.job.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;

class ExperimentFileTest {

    /** The repository's conf/ directory (tests run in the module directory). */
    static final Path CONF = Path.of("..", "conf");

    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("e.conf");
        Files.writeString(f, text);
        return f;
    }

    private ConfigurationException fails(String text, String... overrides) throws Exception {
        Path f = write(text);
        return assertThrows(ConfigurationException.class, () -> ExperimentFile.load(f, List.of(overrides)));
    }

    @Test
    void thePaperFilesLoadWithTheirSection41Parameters() {
        ExperimentConfig c = ExperimentFile.load(CONF.resolve("paper-sec41-ex1.conf"), List.of());
        assertEquals(Math.pow(2, -8), c.eps());
        assertEquals(1.25, c.L());
        assertEquals(0.5, c.T());
        assertEquals(128, c.initial().A());
        assertEquals(0.25, c.initial().x0());
        assertEquals(1, c.initial().p0());
        assertEquals(1 + 0.25, c.mass().value(0.0, 0.5));
        ExperimentConfig s = ExperimentFile.load(CONF.resolve("paper-sec41-ex2-study.conf"), List.of());
        assertEquals(7, s.study().eps().length);
        assertTrue(s.mass().dependsOn("t"));
    }

    @Test
    void epsAcceptsPowersOfTwoAndDecimals() throws Exception {
        Path f = write("eps = \"2^-6\"");
        assertEquals(0.015625, ExperimentFile.load(f, List.of()).eps());
        assertEquals(0.015625, ExperimentFile.load(f, List.of("eps=0.015625")).eps());
        assertEquals(Math.pow(2, -9), ExperimentFile.load(f, List.of("eps=2^-9")).eps());
    }

    @Test
    void setOverridesAnyKeyIncludingListsAndTheMeshRule() throws Exception {
        ExperimentConfig c = ExperimentFile.load(write("T = 0.5"), List.of("outputTimes=[0.1, 0.25]",
                "mesh.dx=eps/8", "initial.p0=2", "eps=2^-5"));
        assertArrayEquals(new double[] {0.1, 0.25, 0.5}, c.outputTimes());
        assertEquals(Math.pow(2, -8), c.mesh().dx(c.eps()));
        assertEquals(2, c.initial().p0());
        assertEquals(Math.pow(2, -5 * 1.2) / 8, c.mesh().dt(c.eps()), 1e-18);
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() throws Exception {
        ConfigurationException e = fails("mesh.dxx = 0.1");
        assertTrue(e.getMessage().contains("unknown key mesh.dxx"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean mesh.dx?"), e.getMessage());
        ConfigurationException e2 = fails("", "initial.p00=1");
        assertTrue(e2.getMessage().contains("initial.p00"), e2.getMessage());
    }

    @Test
    void negativeLengthsAreRefused() throws Exception {
        ConfigurationException e = fails("domain.L = -1.25");
        assertTrue(e.getMessage().contains("domain.L") && e.getMessage().contains("positive"), e.getMessage());
        ConfigurationException t = fails("T = 0");
        assertTrue(t.getMessage().startsWith("T = 0 must be positive"), t.getMessage());
        ConfigurationException a = fails("", "initial.A=-3");
        assertTrue(a.getMessage().contains("initial.A"), a.getMessage());
    }

    @Test
    void malformedFormulasNameTheKey() throws Exception {
        ConfigurationException e = fails("mass.m0 = \"1 + * x\"");
        assertTrue(e.getMessage().startsWith("mass.m0: cannot parse"), e.getMessage());
        ConfigurationException v = fails("potential.V = \"sin(t)\"");
        assertTrue(v.getMessage().contains("potential.V") && v.getMessage().contains("t"), v.getMessage());
        ConfigurationException eps = fails("eps = \"2^^-6\"");
        assertTrue(eps.getMessage().startsWith("eps"), eps.getMessage());
    }

    @Test
    void outputTimesMustLieInsideTheRun() throws Exception {
        ConfigurationException e = fails("T = 0.4\noutputTimes = [0.5]");
        assertTrue(e.getMessage().contains("outputTimes[0]") && e.getMessage().contains("(0, T]"), e.getMessage());
    }

    @Test
    void theInitialPacketMustStartInsideTheBox() throws Exception {
        ConfigurationException e = fails("initial.x0 = 2");
        assertTrue(e.getMessage().contains("initial.x0"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ExperimentFile.load(tmp.resolve("nope.conf"), List.of()));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    @Test
    void setWithoutEqualsIsAnError() throws Exception {
        ConfigurationException e = fails("", "eps");
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void randomMassAndEnsembleKeysAreValidated() throws Exception {
        ConfigurationException d = fails("random.D = -1");
        assertTrue(d.getMessage().startsWith("random.D = -1") && d.getMessage().contains("must be >= 0"),
                d.getMessage());
        ConfigurationException a = fails("random.a = -100");
        assertTrue(a.getMessage().contains("random.a") && a.getMessage().contains("positive"), a.getMessage());
        ConfigurationException b = fails("random.b = 0");
        assertTrue(b.getMessage().contains("random.b"), b.getMessage());
        ConfigurationException n = fails("samples = 0");
        assertTrue(n.getMessage().startsWith("samples = 0 must be at least 1"), n.getMessage());
        ConfigurationException s = fails("random.sampler = fft");
        assertTrue(s.getMessage().contains("random.sampler") && s.getMessage().contains("kl, ou"), s.getMessage());
        ConfigurationException x = fails("random.xi = cauchy");
        assertTrue(x.getMessage().contains("random.xi"), x.getMessage());
        ConfigurationException ou = fails("random { sampler = ou, xi = uniform }");
        assertTrue(ou.getMessage().contains("random.xi = gaussian"), ou.getMessage());
        ConfigurationException t = fails("random.klThreshold = 2");
        assertTrue(t.getMessage().contains("random.klThreshold"), t.getMessage());
        ConfigurationException f = fails("ensemble.onFailure = ignore");
        assertTrue(f.getMessage().contains("ensemble.onFailure") && f.getMessage().contains("exclude"),
                f.getMessage());
    }

    @Test
    void theSection42FileHasThePapersParameters() {
        ExperimentConfig c = ExperimentFile.load(CONF.resolve("paper-sec42.conf"), List.of());
        assertTrue(c.random().enabled());
        assertEquals(0.5, c.random().gamma());
        assertEquals(1.5, c.random().covariance().D());
        assertEquals(100, c.random().covariance().a());
        assertEquals(10000, c.ensemble().samples());
        assertEquals(1.625, c.L());
        assertEquals(0.4, c.T());
        assertEquals(256, c.initial().A());
    }

    @Test
    void schemeAndFftBackendAreChecked() throws Exception {
        ConfigurationException s = fails("scheme = euler");
        assertTrue(s.getMessage().contains("scheme") && s.getMessage().contains("cn, rk4ip"), s.getMessage());
        ConfigurationException f = fails("fft = cufft");
        assertTrue(f.getMessage().contains("fft") && f.getMessage().contains("jtransforms, fftw"), f.getMessage());
        ConfigurationException r = fails("rte.initial = wigner");
        assertTrue(r.getMessage().contains("rte.initial") && r.getMessage().contains("epsWigner"), r.getMessage());
        ConfigurationException b = fails("ensemble.batches = 1");
        assertTrue(b.getMessage().contains("ensemble.batches"), b.getMessage());
    }

    @Test
    void fftAutoTakesFftwWhereItLoadsAndJTransformsElsewhere() throws Exception {
        ExperimentConfig auto = ExperimentFile.load(write("name = a\nfft = auto"), List.of());
        assertEquals(FftwFft.available() ? FftBackend.FFTW : FftBackend.JTRANSFORMS, auto.fft());
        ExperimentConfig byDefault = ExperimentFile.load(write("name = d"), List.of());
        assertEquals(auto.fft(), byDefault.fft(), "auto is the default");
        ExperimentConfig pinned = ExperimentFile.load(write("name = j"), List.of("fft=jtransforms"));
        assertEquals(FftBackend.JTRANSFORMS, pinned.fft());
    }

    @Test
    void fftAutoResolvesWithoutPrintingAndLeavesTheNoticeToTheCommandLayer() throws Exception {
        Path f = write("name = quiet\nfft = auto");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ExperimentConfig c;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            c = ExperimentFile.load(f, List.of());
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "the parser prints nothing");
        // the notice exists exactly when auto fell back to JTransforms
        assertEquals(!FftwFft.available(), c.fftFallbackNotice().isPresent());
        c.fftFallbackNotice().ifPresent(n -> assertTrue(n.contains("FFTW did not load") && n.contains("JTransforms"),
                n));
        assertTrue(ExperimentFile.load(f, List.of("fft=jtransforms")).fftFallbackNotice().isEmpty());
    }

    @Test
    void includesAreReadAndAMissingOneIsAnError() throws Exception {
        Files.writeString(tmp.resolve("base.conf"), "T = 0.25\ninitial.p0 = 2");
        ExperimentConfig c = ExperimentFile.load(write("include \"base.conf\"\nname = inc"), List.of());
        assertEquals(0.25, c.T(), "the value written in base.conf");
        assertEquals(2, c.initial().p0());
        for (String include : List.of("include \"missing.conf\"", "include file(\"missing.conf\")",
                "include required(\"missing.conf\")", "random { include \"missing.conf\" }")) {
            ConfigurationException e = fails(include + "\nname = m");
            assertTrue(e.getMessage().contains("missing.conf") && e.getMessage().contains("include"), e.getMessage());
        }
        Files.writeString(tmp.resolve("nested.conf"), "include \"missing.conf\"");
        ConfigurationException nested = fails("include \"nested.conf\"");
        assertTrue(nested.getMessage().contains("missing.conf"), nested.getMessage());
    }

    @Test
    void aQuotedSetValueMeansTheTextInside() throws Exception {
        Path f = write("name = q");
        for (String set : List.of("eps=\"2^-7\"", "eps='2^-7'", "eps=2^-7", "eps = \"2^-7\"")) {
            ExperimentConfig c = ExperimentFile.load(f, List.of(set));
            assertEquals(Math.pow(2, -7), c.eps(), set);
            assertEquals("2^-7", c.epsText(), set);
        }
    }

    @Test
    void setListItemsMayBeQuotedOrNot() throws Exception {
        Path f = write("name = l");
        double[] expected = {Math.pow(2, -6), Math.pow(2, -7)};
        for (String set : List.of("study.eps=[\"2^-6\",\"2^-7\"]", "study.eps=[2^-6,2^-7]", "study.eps=[2^-6, '2^-7']",
                "study.eps=[ 2^-6 , \"2^-7\" ]")) {
            StudySpec s = ExperimentFile.load(f, List.of(set, "study.fitMin=2^-7", "study.fitMax=2^-6")).study();
            assertArrayEquals(expected, s.eps(), set);
            assertArrayEquals(new String[] {"2^-6", "2^-7"}, s.epsText(), set);
        }
        StudySpec samples = ExperimentFile.load(f, List.of("study.samples=[2000, 400, 100, 50, 20, 10]")).study();
        assertArrayEquals(new int[] {2000, 400, 100, 50, 20, 10}, samples.samples());
    }

    @Test
    void anUnknownSetKeyIsBlamedOnTheSet() throws Exception {
        ConfigurationException e = fails("name = u", "mesh.dxx=1");
        assertTrue(e.getMessage().startsWith("--set mesh.dxx: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean mesh.dx?"), e.getMessage());
        ConfigurationException o = fails("name = u", "random={D = 1, aa = 2}");
        assertTrue(o.getMessage().startsWith("--set random.aa: unknown key"), o.getMessage());
        ExperimentConfig ok = ExperimentFile.load(write("name = u"), List.of("random={D = 1, a = 2}"));
        assertEquals(2, ok.random().covariance().a(), "an object value sets the keys under it");
    }

    @Test
    void countsBeyondWhatTheEnsembleIndexesAreTooLargeNotFractional() throws Exception {
        for (String samples : List.of("2147483646", "1e12", "1073741825")) {
            ConfigurationException e = fails("name = s", "samples=" + samples);
            assertTrue(e.getMessage().startsWith("samples = " + samples + " is too large, at most 1073741824"),
                    e.getMessage());
        }
        assertEquals(1 << 30, ExperimentFile.load(write("name = s"), List.of("samples=2^30")).ensemble().samples(),
                "2^30 itself is allowed");
        ConfigurationException fraction = fails("name = s", "samples=2.5");
        assertTrue(fraction.getMessage().contains("must be a whole number"), fraction.getMessage());
        ConfigurationException rays = fails("name = s", "liouville.rays=1e10");
        assertTrue(rays.getMessage().startsWith("liouville.rays = 1e10 is too large, at most 2147483647"),
                rays.getMessage());
        ConfigurationException study = fails("name = s", "study.samples=[10, 10, 10, 10, 10, 1e12]");
        // HOCON reads the list's 1e12 as the number 1000000000000
        assertTrue(study.getMessage().startsWith("study.samples[5] = 1000000000000 is too large"),
                study.getMessage());
    }

    @Test
    void aStudyMustListEpsAndItsFitRangeMustHoldTwoOfThem() throws Exception {
        ConfigurationException empty = fails("name = e", "study.eps=[]");
        assertTrue(empty.getMessage().startsWith("study.eps = [] is empty"), empty.getMessage());
        // the defaults fit over [2^-9, 2^-7]: 2^-4 and 2^-5 lie outside
        ConfigurationException range = fails("name = e", "study.eps=[2^-4, 2^-5]");
        assertTrue(range.getMessage().contains("study.fitMin") && range.getMessage().contains("holds 0"),
                range.getMessage());
        ConfigurationException one = fails("name = e", "study.eps=[2^-4, 2^-8]");
        assertTrue(one.getMessage().contains("holds 1"), one.getMessage());
        ConfigurationException samples = fails("name = e", "study.samples=[100, 100]");
        assertTrue(samples.getMessage().contains("study.samples has 2 entries"), samples.getMessage());
    }

    @Test
    void withEpsValidatesTheNewPoint() throws Exception {
        ExperimentConfig c = ExperimentFile.load(write("name = w\nmesh.dx = \"0.1 - eps\""), List.of());
        ConfigurationException negative = assertThrows(ConfigurationException.class, () -> c.withEps(-1, "-1"));
        assertTrue(negative.getMessage().startsWith("eps = -1 must be positive"), negative.getMessage());
        // 0.1 - 0.25 < 0: the mesh formula is evaluated when the point is built, not when it is run
        ConfigurationException mesh = assertThrows(ConfigurationException.class, () -> c.withEps(0.25, "1/4"));
        assertTrue(mesh.getMessage().startsWith("mesh.dx = \"0.1 - eps\" gives"), mesh.getMessage());
        assertEquals(0.05, c.withEps(0.05, "0.05").mesh().dx(0.05), 1e-15);
    }

    @Test
    void limitsForceIsAKeyWithDefaultFalse() throws Exception {
        assertTrue(!ExperimentFile.load(write("name = f"), List.of()).limitsForce());
        assertTrue(ExperimentFile.load(write("name = f\nlimits.force = true"), List.of()).limitsForce());
    }

    @Test
    void everyExperimentFileOfTheRepositoryLoads() throws Exception {
        try (var files = Files.list(CONF)) {
            // conf/nightly*.conf are nightly configurations, not experiments (NightlyConfigTest loads them)
            for (Path f : files.filter(p -> p.toString().endsWith(".conf"))
                    .filter(p -> !p.getFileName().toString().startsWith("nightly")).toList()) {
                assertTrue(ExperimentFile.load(f, List.of()).name().length() > 0, f.toString());
            }
        }
    }
}
