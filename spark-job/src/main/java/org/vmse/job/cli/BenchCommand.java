package org.vmse.job.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vmse.job.bench.BenchOptions;
import org.vmse.job.bench.CrankNicolsonBenchmark;
import org.vmse.job.bench.EnsembleBenchmark;
import org.vmse.job.bench.Example1Benchmark;
import org.vmse.job.bench.KlPeer;
import org.vmse.job.bench.MeshBenchmark;
import org.vmse.job.bench.PeerPrograms;
import org.vmse.job.bench.PeerTable;
import org.vmse.job.bench.RteBenchmark;
import org.vmse.job.bench.RunnerBenchmark;
import org.vmse.job.bench.ScalingBenchmark;
import org.vmse.job.bench.StandInBenchmark;
import org.vmse.job.bench.XmdsPeer;
import org.vmse.job.config.ConfigurationException;
import org.vmse.job.bench.BenchFft;
import org.vmse.job.config.FftwPlanner;
import org.vmse.kernel.fft.FftBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time vmse's solvers against the bare FFT and against peer programs.",
            "Default: one Crank-Nicolson step against the bare FFT of the same size, single-threaded, on"
                + " Section 4.2's grids (L = 1.625, dx = eps/4, so M = 416, 1664, 6656 are eps = 2^-6, 2^-8, 2^-10):"
                + " time per step, FFTs per step, Krylov iterations and step / (FFTs x bare FFT). The FFTW peer"
                + " (the repository's bench/peers/fftw_bench.c) runs in the same invocation when cc and fftw3.h"
                + " exist.",
            "--ensemble: seconds per realization of Section 4.2 (with --peers, XMDS2 in the same invocation)."
                + " --rte: the radiative transfer solver at the paper's resolution. --scaling: per eps, the KL basis,"
                + " the broadcast and per-task result bytes and the driver's merge time (docs/scaling.md)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", paramLabel = "M", description = "grid sizes (default: ${DEFAULT-VALUE})")
    List<Integer> sizes = BenchOptions.DEFAULT.sizes();

    @Option(names = "--masses", split = ";", paramLabel = "FORMULA",
            description = "mass formulas m0(t,x), separated by ';' (default: ${DEFAULT-VALUE})")
    List<String> masses = BenchOptions.DEFAULT.masses();

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "JIT warm-up per case (default: ${DEFAULT-VALUE})")
    double warmup = BenchOptions.DEFAULT.warmupSeconds();

    @Option(names = "--measure", paramLabel = "SECONDS", description = "measured time per case (default: ${DEFAULT-VALUE})")
    double measure = BenchOptions.DEFAULT.measureSeconds();

    @Option(names = "--repetitions", description = "timed repetitions per case; the median is reported"
            + " (default: ${DEFAULT-VALUE})")
    int repetitions = BenchOptions.DEFAULT.repetitions();

    @Option(names = "--no-fftw", description = "do not run the FFTW peer")
    boolean noFftw;

    @Option(names = "--fftw-source", paramLabel = "FILE", description = "the FFTW peer program"
            + " (default: the repository's bench/peers/fftw_bench.c)")
    Path fftwSource;

    @Option(names = "--ensemble", description = "instead: seconds per realization of the Section 4.2 problem on one"
            + " core (eps from --eps), and Spark local[2] against a plain two-thread pool")
    boolean ensemble;

    @Option(names = "--eps", split = ",", paramLabel = "N", description = "with --ensemble or --scaling: eps = 2^-N"
            + " (default: ${DEFAULT-VALUE})")
    List<Integer> epsExponents = List.of(6, 8);

    @Option(names = "--realizations", description = "with --ensemble: realizations timed per case"
            + " (default: ${DEFAULT-VALUE})")
    int realizations = 40;

    @Option(names = "--steps", description = "with --ensemble: time only the first N steps of each realization"
            + " (T = N dt; a whole realization at eps = 2^-10 is ~13,000 steps); 0: whole realizations"
            + " (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--tolerance", description = "with --ensemble: GMRES tolerance (default: ${DEFAULT-VALUE},"
            + " as conf/paper-sec42.conf)")
    double tolerance = 1e-6;

    @Option(names = "--runner", description = "with --ensemble: a real run's cost per realization"
            + " (conf/paper-sec42.conf, rk4ip, the exact moments, Spark local[1]) beside the bare solve, interleaved;"
            + " --realizations, --rounds and --fft apply")
    boolean runner;

    @Option(names = "--mesh", description = "with --ensemble: mesh.rule = accuracy against the paper's mesh on the"
            + " same realizations (conf/paper-sec42.conf, rk4ip, KL): CPU seconds per realization on each, the L1"
            + " differences of their final densities and of their means; --realizations, --mesh-tolerance and --fft"
            + " apply")
    boolean mesh;

    @Option(names = "--mesh-tolerance", description = "with --mesh or --peers: mesh.tolerance, with --peers also the"
            + " error XMDS2's ARK45 must reach (default: ${DEFAULT-VALUE})")
    double meshTolerance = 4e-5;

    @Option(names = "--rounds", description = "with --runner: interleaved rounds (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--fft", description = "with --runner, --mesh or --peers: the FFT backend, fftw or jtransforms"
            + " (default: ${DEFAULT-VALUE})")
    String fft = "fftw";

    @Option(names = "--fftw-planner", description = "with --runner, --mesh or --peers and --fft fftw: fftw.planner,"
            + " estimate or measure (plans measured once, as a run with fftw.planner = measure does; XMDS2 measures"
            + " its plans too) (default: ${DEFAULT-VALUE})")
    String fftwPlanner = "estimate";

    @Option(names = "--rte", description = "instead: the radiative transfer solver at the paper's resolution")
    boolean rte;

    @Option(names = "--scaling", description = "instead: per eps (--eps) of --conf, the KL basis build time, the"
            + " broadcast bytes, the bytes one task ships back, and the driver's time to merge and store them")
    boolean scaling;

    @Option(names = "--conf", paramLabel = "FILE", description = "with --scaling: the experiment"
            + " (default: ${DEFAULT-VALUE})")
    Path scalingConf = Path.of("conf", "paper-sec42.conf");

    @Option(names = "--peers", description = "with --ensemble: instead of the table per FFT backend, scheme and"
            + " sampler, XMDS2 (the repository's bench/peers/xmds2/run.sh, if xmds2 is installed) and vmse per"
            + " realization at each --eps on the paper's mesh, in this invocation, with XMDS2/vmse ratios, and vmse"
            + " on its accuracy mesh beside XMDS2's adaptive ARK45 on the same grid at equal discretization error;"
            + " then XMDS2's own stand-in problem solved by vmse, on the paper's mesh against XMDS2's RK4 and at"
            + " equal error against ARK45 (with vmse's error against XMDS2's reference too);"
            + " --realizations at 2^-6, halved per halving of eps below (at least 2); --fft and --mesh-tolerance"
            + " apply")
    boolean peers;

    @Option(names = "--kl-peer-eps", split = ",", paramLabel = "E", description = "with --peers: the exponents at"
            + " which XMDS2 solves the same KL realization as vmse (bench/peers/xmds2/kl42.xmds; it sums the field mode"
            + " by mode: about 5 s at 8, 10 min at 10): on the paper's mesh with its RK4, the two densities compared;"
            + " and, where --eps has E, on vmse's accuracy grid with its ARK45 at equal error (XMDS2's reference there"
            + " takes 30 s at 8, half an hour at 10); none: skipped (default: ${DEFAULT-VALUE})")
    List<String> klPeerEps = List.of("6", "8");

    @Option(names = "--kl-peer-refine", paramLabel = "R", description = "with --kl-peer-eps: both programs on R times"
            + " the paper's grid with R^2 times its steps, to see their densities converge together"
            + " (default: ${DEFAULT-VALUE})")
    int klPeerRefine = 1;

    @Option(names = "--no-spark", description = "with --ensemble: skip the Spark throughput comparison")
    boolean noSpark;

    @Option(names = "--no-example1", description = "with --ensemble: skip the Section 4.1 example 1 solve at 2^-8"
            + " (conf/paper-sec41-ex1.conf, per scheme and FFT backend)")
    boolean noExample1;

    @Spec
    CommandSpec spec;

    /** {@code --kl-peer-eps} as exponents: empty for {@code none}. */
    private List<Integer> klPeerExponents() {
        if (klPeerEps.equals(List.of("none"))) {
            return List.of();
        }
        List<Integer> exponents = new ArrayList<>();
        String range = KlPeer.MIN_EXPONENT + ".." + KlPeer.MAX_EXPONENT;
        for (String e : klPeerEps) {
            int exponent;
            try {
                exponent = Integer.parseInt(e.trim());
            } catch (NumberFormatException x) {
                throw new ConfigurationException("--kl-peer-eps: exponents E of eps = 2^-E (" + range
                        + ") or none, got '" + e + "'");
            }
            if (exponent < KlPeer.MIN_EXPONENT || exponent > KlPeer.MAX_EXPONENT) {
                throw new ConfigurationException("--kl-peer-eps: exponents E of eps = 2^-E must lie in " + range
                        + ", got " + e);
            }
            exponents.add(exponent);
        }
        return exponents;
    }

    @Override
    public Integer call() {
        if (rte) {
            RteBenchmark.run(System.out);
            return 0;
        }
        if (scaling) {
            ScalingBenchmark.run(scalingConf, List.of(), epsExponents, System.out);
            return 0;
        }
        var given = spec.commandLine().getParseResult();
        if (!peers && (given.hasMatchedOption("--kl-peer-eps") || given.hasMatchedOption("--kl-peer-refine"))) {
            throw new ConfigurationException("--kl-peer-eps and --kl-peer-refine go with --ensemble --peers");
        }
        if (ensemble) {
            if (realizations < 1) {
                throw new ConfigurationException("--realizations must be at least 1, got " + realizations);
            }
            if (steps < 0) {
                throw new ConfigurationException("--steps must be >= 0, got " + steps);
            }
            if (runner || mesh || peers) {
                if (rounds < 1) {
                    throw new ConfigurationException("--rounds must be at least 1, got " + rounds);
                }
                List<Integer> klEps = peers ? klPeerExponents() : List.of();
                if (klPeerRefine < 1) {
                    throw new ConfigurationException("--kl-peer-refine must be at least 1, got " + klPeerRefine);
                }
                BenchFft backend;
                try {
                    backend = new BenchFft(FftBackend.parse(fft), FftwPlanner.parse(fftwPlanner));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException((e.getMessage().startsWith("fftw.planner") ? "--fftw-planner: "
                            : "--fft: ") + e.getMessage(), e);
                }
                if (backend.planner() == FftwPlanner.MEASURE && backend.backend() != FftBackend.FFTW) {
                    throw new ConfigurationException("--fftw-planner measure plans FFTW's transforms: use --fft fftw");
                }
                if (runner) {
                    RunnerBenchmark.run(epsExponents, realizations, rounds, backend, System.out);
                }
                if (mesh) {
                    MeshBenchmark.run(epsExponents, realizations, meshTolerance, backend, System.out);
                }
                if (peers) {
                    Map<Integer, PeerTable.AccurateMesh> meshes = PeerTable.accuracyMeshes(epsExponents, backend,
                            meshTolerance);
                    XmdsPeer peer = null;
                    Optional<PeerPrograms> programs = PeerPrograms.ofHome();
                    if (programs.isPresent()) {
                        peer = XmdsPeer.run(programs.get().xmdsScript(),
                                PeerTable.peerPaths(epsExponents, realizations), PeerTable.grids(meshes),
                                meshTolerance, System.out);
                    } else {
                        System.out.println("XMDS2 peer: " + PeerPrograms.NO_HOME);
                    }
                    if (peer != null) {
                        String perEps = peer.secondsPerRealization().entrySet().stream()
                                .map(x -> String.format("%.4f at 2^-%d", x.getValue(), x.getKey()))
                                .collect(Collectors.joining(", "));
                        System.out.printf("XMDS2 (same invocation): s per realization %s; example 1 at 2^-8: %.3f s%n",
                                perEps, peer.example1Seconds());
                    }
                    if (!noExample1) {
                        Example1Benchmark.run(peer, System.out);
                    }
                    PeerTable.run(epsExponents, realizations, backend, meshes, peer, System.out);
                    StandInBenchmark.print(StandInBenchmark.run(meshes, backend, meshTolerance), peer,
                            meshes.values().iterator().next().config().L(), System.out);
                    if (!klEps.isEmpty()) {
                        if (programs.isPresent()) {
                            KlPeer.run(klEps, klPeerRefine, backend, programs.get().klScript(), System.out);
                            KlPeer.runArk45(klEps, meshes, backend, programs.get().klScript(), System.out);
                        } else {
                            System.out.println("XMDS2 KL peer: " + PeerPrograms.NO_HOME);
                        }
                    }
                }
                return 0;
            }
            if (!noExample1) {
                Example1Benchmark.run(null, System.out);
            }
            EnsembleBenchmark.run(epsExponents, realizations, steps, tolerance, !noSpark, System.out);
            return 0;
        }
        BenchOptions options;
        try {
            options = new BenchOptions(sizes, masses, warmup, measure, repetitions, !noFftw, fftwSource);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        CrankNicolsonBenchmark.run(options, System.out);
        return 0;
    }
}
