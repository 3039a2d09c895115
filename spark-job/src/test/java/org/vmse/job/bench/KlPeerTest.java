package org.vmse.job.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** The .xsil rows "t x rho", two samples of three points, as XMDS2 writes them among its XML. */
    @Test
    void theDensitiesAreReadBySampleAndCheckedForTheirPoints() throws IOException {
        String rows = """
                <XSIL Name="moment_group_1">
                    <Stream><Metalink Format="Text" Delimiter=" \\n"/>
                t x rho
                    </Stream>
                    <Stream><Metalink Format="Text" Delimiter=" \\n"/>
                2.0e-02 0.000000000000e+00 1.0e-01
                2.0e-02 1.000000000000e+00 2.0e-01
                2.0e-02 2.000000000000e+00 3.0e-01
                4.0e-01 0.000000000000e+00 4.0e-01
                4.0e-01 1.000000000000e+00 5.0e-01
                4.0e-01 2.000000000000e+00 6.0e-01
                    </Stream>
                """;
        Path xsil = Files.writeString(tmp.resolve("kl42.xsil"), rows);
        double[][] rho = KlPeer.densities(xsil, 2, 3, 3.0);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, rho[0]);
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, rho[1]);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.densities(xsil, 3, 3, 3.0));
        assertTrue(few.getMessage().contains("6 data rows, expected 9"), few.getMessage());
        IllegalArgumentException shifted = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.densities(xsil, 2, 3, 1.5));
        assertTrue(shifted.getMessage().contains("row 1 is at x = 1.0, not 0.5"), shifted.getMessage());
        // over several paths XMDS2 writes the mean and its standard error
        Path paths = Files.writeString(tmp.resolve("paths.xsil"), rows.replace("e-01\n", "e-01 0.0e+00\n"));
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, KlPeer.densities(paths, 2, 3, 3.0)[1]);
        Path blown = Files.writeString(tmp.resolve("blown.xsil"), rows.replace("5.0e-01", "nan"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> KlPeer.densities(blown, 2, 3, 3.0));
        assertTrue(nan.getMessage().contains("row 4 has rho = nan: XMDS2's solve did not stay finite"),
                nan.getMessage());
    }
}
