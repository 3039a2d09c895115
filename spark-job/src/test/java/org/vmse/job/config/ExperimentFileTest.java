package org.vmse.job.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.junit.jupiter.api.io.TempDir;

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
        assertTrue(d.getMessage().startsWith("random.D = -1 must be >= 0"), d.getMessage());
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
        assertEquals(1.5, c.random().D());
        assertEquals(100, c.random().a());
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
}
