package org.vmse.job.output;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vmse.kernel.fft.FftBackend;

/**
 * Where a result came from: vmse's version, the git revision of the sources (passed by the launcher as
 * {@code -Dvmse.gitRevision}, else read from {@code git} in the working directory), the JVM and the host.
 */
public final class Provenance {

    private Provenance() {
    }

    /** As {@link #describe()}, with the FFT backend a run used and its library's version. */
    public static Map<String, Object> describe(FftBackend fft) {
        Map<String, Object> p = describe();
        p.put("fft_backend", fft.key());
        p.put("fft_library", fft.library());
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
        p.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return p;
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
