package org.vmse.job.experiment;

/**
 * What {@code mesh.rule = accuracy} measured when it chose the mesh {@code (M, N steps)}: L1 differences of final
 * densities ({@code dx sum |.|} at the chosen grid's points, the norm of {@code err_l1}), each the largest over the
 * pilot realizations.
 *
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
public record MeshEstimate(double tolerance, double error, double spaceError, double timeError,
                           double topWavenumber, int pilots, int pilotSolves, double stepWork, double seconds) {
}
