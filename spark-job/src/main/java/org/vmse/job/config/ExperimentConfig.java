package org.vmse.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.Arrays;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.fft.FftBackend;
import org.vmse.kernel.krylov.KrylovSettings;
import org.vmse.kernel.problem.WavePacket;
import org.vmse.kernel.vmse.Scheme;

/**
 * One experiment, validated: the keys of DESIGN.md ("Configuration keys") turned into values. Built by
 * {@link ExperimentFile}; immutable.
 *
 * @param name        {@code name}, used for output directories
 * @param eps         {@code eps}
 * @param epsText     {@code eps} as written (e.g. {@code 2^-6}), for labels
 * @param T           {@code T}
 * @param outputTimes {@code outputTimes} with {@code T} added, increasing
 * @param L           {@code domain.L}
 * @param mesh        {@code mesh.*}
 * @param initial     {@code initial.*}
 * @param mass        {@code mass.m0}, a formula in {@code (t, x)}
 * @param potential   {@code potential.V}, a formula in {@code x}
 * @param krylov      {@code krylov.*}
 * @param liouville   {@code liouville.*}
 * @param study       {@code study.*}
 * @param random      {@code random.*}
 * @param ensemble    {@code samples}, {@code seed}, {@code partitions}, {@code ensemble.*}, {@code spark.master}
 * @param rte         {@code rte.*}
 * @param scheme      {@code scheme}
 * @param fft         {@code fft}: the FFT backend
 * @param resolved    every key with its value, for provenance
 */
public record ExperimentConfig(String name, double eps, String epsText, double T, double[] outputTimes, double L,
                               MeshSpec mesh, WavePacket initial, Formula mass, Formula potential,
                               KrylovSettings krylov, LiouvilleSpec liouville, StudySpec study, RandomSpec random,
                               EnsembleSpec ensemble, RteSpec rte, Scheme scheme, FftBackend fft,
                               Config resolved) {

    public ExperimentConfig {
        outputTimes = outputTimes.clone();
    }

    @Override
    public double[] outputTimes() {
        return outputTimes.clone();
    }

    /** Whether {@code potential.V} is not identically the constant 0. */
    public boolean hasPotential() {
        return potential.dependsOn("x") || potential.value(0.0) != 0;
    }

    /** The same experiment at another {@code eps} (a study point); mesh formulas are re-evaluated by the caller. */
    public ExperimentConfig withEps(double newEps, String newEpsText) {
        Config c = resolved.withValue("eps", com.typesafe.config.ConfigValueFactory.fromAnyRef(newEpsText));
        return new ExperimentConfig(name, newEps, newEpsText, T, outputTimes, L, mesh, initial, mass, potential,
                krylov, liouville, study, random, ensemble, rte, scheme, fft, c);
    }

    /** The same experiment with {@code key} set to {@code value}, validated again. */
    public ExperimentConfig with(String key, Object value) {
        return ExperimentFile.fromConfig(resolved.withValue(key,
                com.typesafe.config.ConfigValueFactory.fromAnyRef(value)), name + " with " + key + " = " + value);
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
