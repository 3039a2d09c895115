package org.vmse.job.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vmse.kernel.fft.FftBackend;

/**
 * Where a result came from: vmse's version, the git revision of the sources (passed by the launcher as
 * {@code -Dvmse.gitRevision}, else read from {@code git} in the working directory), the JVM and the host. With the
 * FFT backend it also records what bit-for-bit reproducibility rests on: FFTW's version string and planner flag, and
 * the driver's CPU model and SIMD instruction sets (FFTW picks its kernels by them at run time; executors on another
 * CPU model may round differently).
 */
public final class Provenance {

    private Provenance() {
    }

    /** As {@link #describe()}, with the FFT backend a run used and its library's version. */
    public static Map<String, Object> describe(FftBackend fft) {
        Map<String, Object> p = describe();
        p.put("fft_backend", fft.key());
        p.put("fft_library", fft.library());
        p.put("fft_planner", fft.planner());
        return p;
    }

    public static Map<String, Object> describe() {
        Map<String, Object> p = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        p.put("version", version != null ? version : System.getProperty("vmse.version", "development"));
        p.put("git_revision", gitRevision());
        p.put("java_version", System.getProperty("java.version"));
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.putAll(cpu(Path.of("/proc/cpuinfo")));
        p.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return p;
    }

    /** The SIMD extensions FFTW's kernels are chosen by (x86 and ARM names as {@code /proc/cpuinfo} spells them). */
    private static final Set<String> SIMD = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "asimd", "sve");

    /**
     * {@code cpu_model} and {@code cpu_simd} (the {@link #SIMD} flags present) from a Linux {@code cpuinfo} file;
     * "unknown" for each where it is missing or does not say (package-private so a test can give a file).
     */
    static Map<String, Object> cpu(Path cpuinfo) {
        String model = "unknown";
        String simd = "unknown";
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException | RuntimeException e) {
            lines = List.of();
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (model.equals("unknown") && (key.equals("model name") || key.equals("Model"))) {
                model = value;
            } else if (simd.equals("unknown") && (key.equals("flags") || key.equals("Features"))) {
                Set<String> present = new TreeSet<>();
                for (String flag : value.split("\\s+")) {
                    if (SIMD.contains(flag)) {
                        present.add(flag);
                    }
                }
                simd = String.join(" ", present);
            }
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cpu_model", model);
        cpu.put("cpu_simd", simd);
        return cpu;
    }

    private static String gitRevision() {
        String fromLauncher = System.getProperty("vmse.gitRevision");
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return fromLauncher;
        }
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=40")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
