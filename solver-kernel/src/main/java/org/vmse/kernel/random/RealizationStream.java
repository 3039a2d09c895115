package org.vmse.kernel.random;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random numbers of Monte Carlo realization {@code i}, derived from {@code (seed, i)} alone: never from call
 * order, partition, thread or retry, so a realization is the same wherever and however often it is computed.
 *
 * <p>The generator is the counter-based Philox4x64-10 of Salmon et al. (2011), Commons RNG 1.7
 * {@code RandomSource.PHILOX_4X64.create(new long[] {seed, index})}: the 128-bit key is {@code (seed, index)}
 * and the 256-bit counter starts at zero (the factory passes a native {@code long[]} seed through unchanged, and
 * a seed shorter than 6 words is padded with zeros; {@code RealizationStreamTest} pins both). Distinct keys
 * give distinct, statistically independent streams of period 2<sup>258</sup>; a recomputed partition simply
 * recreates the same streams.
 *
 * <p>The variates drawn from a stream ({@link XiDistribution}) are reproducible bit for bit for a fixed
 * Commons RNG version; a new version could change the Gaussian sampler's algorithm.
 */
public final class RealizationStream {

    private RealizationStream() {
    }

    /**
     * The uniform stream of realization {@code index} of the ensemble with master {@code seed}.
     *
     * @param seed  the experiment's {@code seed} (any value)
     * @param index the realization index, {@code >= 0}
     */
    public static UniformRandomProvider of(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("realization index must be >= 0, got " + index);
        }
        return RandomSource.PHILOX_4X64.create(new long[] {seed, index});
    }

    /**
     * The law of the i.i.d. coefficients {@code xi} (configuration key {@code random.xi}): both have mean 0 and
     * variance 1, as the Karhunen–Loève expansion (4.20) requires.
     */
    public enum XiDistribution {
        /** Standard normal, by the McFarland ziggurat ({@link ZigguratSampler.NormalizedGaussian}). */
        GAUSSIAN {
            @Override
            public ContinuousSampler sampler(UniformRandomProvider rng) {
                return ZigguratSampler.NormalizedGaussian.of(rng);
            }

            @Override
            public void fill(UniformRandomProvider rng, double[] out) {
                ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
                for (int i = 0; i < out.length; i++) {
                    out[i] = g.sample();
                }
            }
        },
        /** Uniform on {@code [-sqrt 3, sqrt 3)}, which has unit variance. */
        UNIFORM {
            @Override
            public ContinuousSampler sampler(UniformRandomProvider rng) {
                return () -> uniform(rng);
            }

            @Override
            public void fill(UniformRandomProvider rng, double[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = uniform(rng);
                }
            }
        };

        private static final double SQRT3 = Math.sqrt(3);

        private static double uniform(UniformRandomProvider rng) {
            // u in [0, 1) on the 2^-53 lattice, so 2u - 1 is exact: xi in [-sqrt 3, sqrt 3), E xi^2 = 1
            return SQRT3 * (2 * rng.nextDouble() - 1);
        }

        /**
         * A sampler of this law drawing from {@code rng}, to hold for a whole realization.
         */
        public abstract ContinuousSampler sampler(UniformRandomProvider rng);

        /**
         * Overwrites {@code out} with i.i.d. draws from {@code rng}. Nothing is allocated per element (the
         * Gaussian case creates one small sampler object per call).
         */
        public abstract void fill(UniformRandomProvider rng, double[] out);

        /** The law named by {@code random.xi}: {@code gaussian} or {@code uniform}, in any case. */
        public static XiDistribution parse(String value) {
            if (value != null) {
                for (XiDistribution d : values()) {
                    if (d.name().equalsIgnoreCase(value.trim())) {
                        return d;
                    }
                }
            }
            throw new IllegalArgumentException("random.xi must be gaussian or uniform, got " + value);
        }

        /** The configuration spelling, {@code gaussian} or {@code uniform}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
