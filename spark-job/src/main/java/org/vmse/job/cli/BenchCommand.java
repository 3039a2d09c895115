package org.vmse.job.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vmse.job.bench.BenchOptions;
import org.vmse.job.bench.CrankNicolsonBenchmark;
import org.vmse.job.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time one Crank-Nicolson step against the bare FFT of the same size (Section 4.2 grids:",
            "L = 1.625, dx = eps/4, so M = 416, 1664, 6656 are eps = 2^-6, 2^-8, 2^-10), single-threaded.",
            "Reports time per step, FFTs per step, Krylov iterations and step / (FFTs x bare FFT);",
            "runs the FFTW peer (../shared/peers/fftw_bench.c) in the same invocation when cc and fftw3.h exist."})
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
            + " (default: ../shared/peers/fftw_bench.c)")
    Path fftwSource;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
