package org.vmse.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.fft.FftwFft;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.random.Sampler;
import org.vmse.kernel.vmse.Scheme;

/**
 * One experiment, validated when built: the keys of {@code defaults.conf} turned into values. Read by
 * {@link ExperimentFile}; immutable.
 *
 * @param name        {@code name}, used for output directories: letters, digits, '.', '_' and '-'
 * @param eps         {@code eps}, positive
 * @param epsText     {@code eps} as written (e.g. {@code 2^-6}), for labels
 * @param T           {@code T}, positive
 * @param outputTimes {@code outputTimes}, each in {@code (0, T]}; stored increasing, with {@code T} added
 * @param L           {@code domain.L}, positive
 * @param mesh        {@code mesh.*}, positive and finite at {@code eps}
 * @param initial     {@code initial.*}, {@code x0} in {@code [0, L)}
 * @param mass        {@code mass.m0}, a formula in {@code (t, x)}
 * @param potential   {@code potential.V}, a formula in {@code x}
 * @param krylov      {@code krylov.*}
 * @param liouville   {@code liouville.*}
 * @param study       {@code study.*}
 * @param random      {@code random.*}
 * @param ensemble    {@code samples}, {@code seed}, {@code partitions}, {@code ensemble.*}, {@code spark.master}
 * @param rte         {@code rte.*}
 * @param scheme      {@code scheme}
 * @param fft         {@code fft}: the FFT backend ({@code auto} already resolved)
 * @param fftw        {@code fftw.*}: how FFTW plans an ensemble's transforms
 * @param limitsForce {@code limits.force}: start even where {@link ResourceEstimate} would refuse
 * @param resolved    every key with its value, for provenance
 */
public record ExperimentConfig(String name, double eps, String epsText, double T, double[] outputTimes, double L,
                               MeshSpec mesh, WavePacket initial, Formula mass, Formula potential,
                               KrylovSettings krylov, LiouvilleSpec liouville, StudySpec study, RandomSpec random,
                               EnsembleSpec ensemble, RteSpec rte, Scheme scheme, FftBackend fft,
                               FftwSpec fftw, boolean limitsForce, Config resolved) {

    public ExperimentConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException("name = \"" + name + "\" must use only letters, digits, '.', '_' and"
                    + " '-' (it names output directories)");
        }
        Objects.requireNonNull(epsText, "eps as written");
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("eps = " + epsText + " must be positive");
        }
        Require.positive("T", T);
        Require.positive("domain.L", L);
        outputTimes = withFinalTime(outputTimes, T);
        Objects.requireNonNull(mesh, "mesh");
        mesh.dx(eps);
        mesh.dt(eps);
        Objects.requireNonNull(initial, "initial");
        if (!(initial.x0() >= 0 && initial.x0() < L)) {
            throw new ConfigurationException("initial.x0 = " + Require.show(initial.x0()) + " must lie in the box"
                    + " [0, domain.L) = [0, " + Require.show(L) + ")");
        }
        Objects.requireNonNull(mass, "mass.m0");
        Objects.requireNonNull(potential, "potential.V");
        Objects.requireNonNull(krylov, "krylov");
        Objects.requireNonNull(liouville, "liouville");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(rte, "rte");
        Objects.requireNonNull(scheme, "scheme");
        if (ensemble.refined() > 0 && random.sampler() == Sampler.ORNSTEIN_UHLENBECK) {
            throw new ConfigurationException("ensemble.refinedRealizations needs random.sampler = kl: the OU field"
                    + " on a finer grid is another realization, so the difference would not be paired");
        }
        Objects.requireNonNull(fft, "fft");
        if (fft == FftBackend.FFTW && !FftwFft.available()) {
            throw new ConfigurationException("fft = fftw needs the FFTW 3 library, which is not installed here"
                    + " (Debian: apt-get install libfftw3-double3); use fft = jtransforms");
        }
        Objects.requireNonNull(fftw, "fftw");
        if (fftw.planner() == FftwPlanner.MEASURE && fft != FftBackend.FFTW) {
            throw new ConfigurationException("fftw.planner = measure plans FFTW's transforms, but fft = " + fft.key()
                    + ": set fft = fftw, or fftw.planner = estimate");
        }
        if (fftw.planner() == FftwPlanner.MEASURE && !random.enabled()) {
            throw new ConfigurationException("fftw.planner = measure applies to an ensemble (random.enabled = true);"
                    + " a deterministic run takes FFTW_ESTIMATE's plans: drop fftw.planner");
        }
        Objects.requireNonNull(resolved, "resolved configuration");
    }

    /** {@code times} checked against {@code (0, T]} (indices as given), sorted, duplicates dropped, {@code T} added. */
    private static double[] withFinalTime(double[] times, double T) {
        TreeSet<Double> sorted = new TreeSet<>();
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > 0 && times[i] <= T)) {
                throw new ConfigurationException("outputTimes[" + i + "] = " + Require.show(times[i])
                        + " must lie in (0, T] with T = " + Require.show(T));
            }
            sorted.add(times[i]);
        }
        sorted.add(T);
        return sorted.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public double[] outputTimes() {
        return outputTimes.clone();
    }

    /** Whether {@code potential.V} is not identically the constant 0. */
    public boolean hasPotential() {
        return potential.dependsOn("x") || potential.value(0.0) != 0;
    }

    /**
     * The notice the command layer prints when a run starts with {@code fft = auto} and FFTW did not load, or empty:
     * legitimate, but slower, and the user should know.
     */
    public Optional<String> fftFallbackNotice() {
        if (fft != FftBackend.JTRANSFORMS || !resolved.getString("fft").trim().equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        return Optional.of("fft = auto: FFTW did not load (" + FftwFft.loadError() + "); using JTransforms."
                + " apt-get install libfftw3-double3 for the faster backend");
    }

    /**
     * The same experiment at another {@code eps} (a study point), validated again (the mesh formulas at the new
     * {@code eps} among the rest).
     */
    public ExperimentConfig withEps(double newEps, String newEpsText) {
        Config c = resolved.withValue("eps", ConfigValueFactory.fromAnyRef(newEpsText));
        return new ExperimentConfig(name, newEps, newEpsText, T, outputTimes, L, mesh, initial, mass, potential,
                krylov, liouville, study, random, ensemble, rte, scheme, fft, fftw, limitsForce, c);
    }

    /** The same experiment with {@code key} set to {@code value}, validated again. */
    public ExperimentConfig with(String key, Object value) {
        return ExperimentFile.fromConfig(resolved.withValue(key, ConfigValueFactory.fromAnyRef(value)),
                name + " with " + key + " = " + value);
    }

    /** The resolved configuration as JSON. */
    public String resolvedJson() {
        return resolved.root().render(ConfigRenderOptions.concise());
    }

    @Override
    public String toString() {
        return "ExperimentConfig[" + name + ", eps=" + epsText + ", T=" + T + ", outputTimes="
                + Arrays.toString(outputTimes) + "]";
    }
}
