package org.vmse.job.config;

/**
 * The radiative transfer limit of an ensemble.
 *
 * @param enabled    {@code rte.enabled}
 * @param epsWigner  {@code rte.initial = epsWigner} (else the paper's delta)
 * @param dx         {@code rte.dx}
 * @param dk         {@code rte.dk}
 * @param dt         {@code rte.dt}
 * @param kMin       {@code rte.kMin}, below {@code kMax}
 * @param kMax       {@code rte.kMax}
 * @param deltaWidth {@code rte.deltaWidth}
 */
public record RteSpec(boolean enabled, boolean epsWigner, double dx, double dk, double dt, double kMin, double kMax,
                      double deltaWidth) {

    public RteSpec {
        Require.positive("rte.dx", dx);
        Require.positive("rte.dk", dk);
        Require.positive("rte.dt", dt);
        if (!(Double.isFinite(kMin) && Double.isFinite(kMax) && kMin < kMax)) {
            throw new ConfigurationException("rte.kMin = " + Require.show(kMin) + " must be below rte.kMax = "
                    + Require.show(kMax) + ", both finite");
        }
        Require.positive("rte.deltaWidth", deltaWidth);
    }
}
