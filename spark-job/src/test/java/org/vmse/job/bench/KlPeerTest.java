package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.random.KarhunenLoeveBasis;
import org.vmse.kernel.random.RandomMassField;
import org.vmse.kernel.random.RandomMassProblem;
import org.vmse.kernel.random.RealizationStream;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/** The field file XMDS2's KL model reads, and the reader of that model's densities. */
class KlPeerTest {

    @TempDir
    Path tmp;

    /**
     * The file's sum, evaluated here as kl42.xmds evaluates it (the time factors, {@code c_j(t)}, then the sum over
     * {@code j} with the cosine for odd and the sine for even {@code j}), equals vmse's field for the same
     * realization: the independent sum and the non-uniform FFT agree to its tolerance (1e-12 of the largest possible
     * value, about 1e-11 here; measured 4.5e-14).
     */
    @Test
    void theFileHoldsTheFieldVmseSolves() throws IOException {
        RandomMassProblem p = EnsembleBenchmark.problem(6, Sampler.KARHUNEN_LOEVE, 1e-6, FftBackend.JTRANSFORMS,
                Scheme.RK4IP);
        KarhunenLoeveBasis basis = EnsembleBenchmark.basis(p);
        Path file = tmp.resolve("field.txt");
        KlPeer.writeField(basis, KlPeer.xi(p, basis, 1, 0), file);
        List<double[]> rows = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#"))
                .map(l -> java.util.Arrays.stream(l.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray())
                .toList();
        int k = (int) rows.get(0)[0];
        int i = (int) rows.get(0)[1];
        int pairs = (int) rows.get(0)[2];
        assertEquals(List.of(basis.spaceModeCount(), basis.timeModeCount(), basis.pairCount()), List.of(k, i, pairs));
        assertEquals(1 + k + i + pairs, rows.size());
        RandomMassField field = p.sampler().field(p, basis);
        field.reset(RealizationStream.of(1, 0));
        double[] vmse = new double[p.M()];
        for (double t : new double[] {0, 0.0123, 0.2, 0.399}) {
            field.fill(t, vmse);
            double[] c = new double[k];
            for (int q = 0; q < pairs; q++) {
                double[] r = rows.get(1 + k + i + q);
                int ti = (int) r[0];
                double a = rows.get(k + ti)[0] * (t - 0.2);
                c[(int) r[1] - 1] += r[2] * (ti % 2 == 1 ? Math.cos(a) : Math.sin(a));
            }
            for (int m = 0; m < p.M(); m++) {
                double y = m * p.L() / p.M() - p.L() / 2;
                double sum = 0;
                for (int j = 1; j <= k; j++) {
                    double a = rows.get(j)[0] * y;
                    sum += c[j - 1] * rows.get(j)[1] * (j % 2 == 1 ? Math.cos(a) : Math.sin(a));
                }
                assertEquals(sum, vmse[m], 1e-11, "t = " + t + ", x_" + m);
            }
        }
    }

    @Test
    void xiOfTheWrongLengthIsRefused() {
        RandomMassProblem p = EnsembleBenchmark.problem(6, Sampler.KARHUNEN_LOEVE, 1e-6, FftBackend.JTRANSFORMS,
                Scheme.RK4IP);
        KarhunenLoeveBasis basis = EnsembleBenchmark.basis(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.writeField(basis, new double[3], tmp.resolve("f.txt")));
        assertTrue(e.getMessage().contains("one entry per kept pair"), e.getMessage());
    }

    /** kl.sh rounds STEPS/20 half up with awk's int(n / 20 + 0.5); the Java side must name the same step. */
    @Test
    void theEarlyStepIsKlShsRounding() {
        for (int n : new int[] {20, 29, 30, 31, 471, 2484, 13108, 209_715_190, Integer.MAX_VALUE - 10}) {
            assertEquals((int) Math.floor(n / 20.0 + 0.5), KlPeer.earlyStep(n), "steps " + n);
        }
        assertEquals(24, KlPeer.earlyStep(471)); // 23.55
        assertEquals(124, KlPeer.earlyStep(2484)); // 124.2
    }

    /** Every literal kl.sh rewrites is in kl42.xmds, read from the script's own list (xmds2 is not needed). */
    @Test
    void theModelHoldsWhatItsScriptRewrites() throws IOException {
        Path peers = Path.of("..", "bench", "peers", "xmds2");
        String script = Files.readString(peers.resolve("kl.sh"));
        String model = Files.readString(peers.resolve("kl42.xmds"));
        String list = script.substring(script.indexOf("for literal in"), script.indexOf("; do", script.indexOf(
                "for literal in")));
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(list);
        int n = 0;
        while (quoted.find()) {
            assertTrue(model.contains(quoted.group(1)), "kl42.xmds lacks " + quoted.group(1));
            n++;
        }
        assertEquals(7, n, "the literals of kl.sh's list: " + list);
    }

    /** kl.sh's two lines, in the format of its printf, are read back with the densities of the file they name. */
    @Test
    void klShsOutputIsParsed() throws IOException {
        Path xsil = Files.writeString(tmp.resolve("kl42.xsil"), """
                    <Stream><Metalink Format="Text" Delimiter=" \n"/>
                2.0e-02 0.000000000000e+00 1.0e-01
                2.0e-02 1.000000000000e+00 2.0e-01
                4.0e-01 0.000000000000e+00 4.0e-01
                4.0e-01 1.000000000000e+00 5.0e-01
                    </Stream>
                """);
        String output = String.format(Locale.ROOT, "xmds2 kl eps=2^-%d M=%d steps=%d early=%d algorithm=%s paths=%d"
                + " attempted=%d: %.5f s/realization%n", 6, 2, 471, 24, "ARK45:1.000e-04", 7, 415, 0.0754)
                + "xmds2 kl density eps=2^-6 M=2 algorithm=ARK45:1.000e-04: " + xsil + "\n";
        KlPeer.Xmds x = KlPeer.parse(output, 471, 2, 2.0);
        assertEquals(0.0754, x.seconds());
        assertEquals(415, x.attempted());
        assertArrayEquals(new double[] {0.1, 0.2}, x.densities()[0]);
        assertArrayEquals(new double[] {0.4, 0.5}, x.densities()[1]);
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.parse(output, 2484, 2, 2.0));
        assertTrue(early.getMessage().contains("early output at step 24, not 124"), early.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.parse(output.substring(0, output.indexOf("xmds2 kl density")), 471, 2, 2.0));
        assertTrue(missing.getMessage().contains("unexpected output of kl.sh"), missing.getMessage());
    }
}
