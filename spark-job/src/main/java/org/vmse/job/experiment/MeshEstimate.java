package org.vmse.job.experiment;

/**
 * The mesh {@code mesh.rule = accuracy} chose and what it measured there: L1 differences of final densities
 * ({@code dx sum |.|} at the chosen grid's points, the norm of {@code err_l1}), each the largest over the pilot
 * realizations. It holds all a continued run needs to take the same mesh without its pilots (a checkpoint keeps it).
 *
 * @param points        the chosen grid's {@code M}
 * @param steps         the chosen step count {@code N} over {@code [0, T]} ({@code dt = T / N})
 * @param tolerance     {@code mesh.tolerance}
 * @param error         the discretization term: {@code rho(M, N)} against {@code rho(2M, 2N)}, the pairing of
 *                      {@code ensemble.refinedRealizations}; at most {@code tolerance}
 * @param spaceError    its grid part, {@code rho(M, 2N)} against {@code rho(2M, 2N)}
 * @param timeError     its step part by step doubling, {@code |rho(M, N) - rho(M, 2N)| 2^p / (2^p - 1)} for a scheme
 *                      of order {@code p}
 * @param topWavenumber the resolution check's top wavenumber of the wave (packet and field), which set the first grid
 * @param pilots        pilot realizations (0 to {@code pilots - 1} of the run's seed, Karhunen-Loeve field)
 * @param pilotSolves   realization solves the choice took, on all its meshes
 * @param stepWork      steps and RK4IP substeps per step the pilots took on the chosen mesh (1 without substeps; a
 *                      step split in {@code s} substeps counts {@code 1 + s}, as the choice counts work)
 * @param seconds       wall time of the choice
 */
public record MeshEstimate(int points, int steps, double tolerance, double error, double spaceError,
                           double timeError, double topWavenumber, int pilots, int pilotSolves, double stepWork,
                           double seconds) {

    public MeshEstimate {
        if (!(points >= 4 && points % 2 == 0 && steps >= 1)) {
            throw new IllegalArgumentException("a chosen mesh needs an even M >= 4 and N >= 1 steps, got M = "
                    + points + ", N = " + steps);
        }
        if (!(tolerance > 0 && error >= 0 && error <= tolerance && spaceError >= 0 && timeError >= 0
                && topWavenumber > 0 && stepWork >= 1 && seconds >= 0 && Double.isFinite(tolerance)
                && Double.isFinite(spaceError) && Double.isFinite(timeError) && Double.isFinite(topWavenumber)
                && Double.isFinite(stepWork) && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("a chosen mesh's estimate needs error <= tolerance, finite"
                    + " non-negative parts, a positive top wavenumber and step work >= 1, got tolerance = " + tolerance
                    + ", error = " + error + ", parts " + spaceError + " and " + timeError + ", k_top = "
                    + topWavenumber + ", step work " + stepWork + ", " + seconds + " s");
        }
        if (!(pilots >= 1 && pilotSolves >= pilots)) {
            throw new IllegalArgumentException("a chosen mesh needs pilots >= 1 and at least as many solves, got "
                    + pilots + " pilots, " + pilotSolves + " solves");
        }
    }
}
