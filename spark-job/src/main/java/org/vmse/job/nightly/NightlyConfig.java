package org.vmse.job.nightly;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vmse.job.config.ConfigurationException;
import org.vmse.kernel.expr.Formula;
import org.vmse.kernel.expr.FormulaException;

/**
 * A nightly configuration (HOCON, {@code conf/nightly*.conf}): where the nights go, which studies a night runs, and
 * the bands of its regressions.
 *
 * @param name    the file's name without {@code .conf}: it names the configuration in {@code night.json}
 * @param root    {@code root}: the results root, a path (relative to the working directory) or a Hadoop URI
 * @param set     {@code set}: overrides for every study, after the study's own
 * @param studies {@code studies}, at least one, names unique
 * @param rules   {@code regressions.*}
 */
public record NightlyConfig(String name, String root, List<String> set, List<NightStudy> studies,
                            RegressionRules rules) {

    /** The keys a nightly configuration may leave out, with their values. */
    private static final String DEFAULTS = """
            set = []
            regressions {
              liouvilleRate = 2
              liouvilleTolerance = 0.25
              liouvilleEpsMax = "2^-8"
              standardErrors = 3
              deterministicTolerance = 1e-6
              wallTimeFactor = 1.3
              wallTimeMinSeconds = 0
            }
            """;

    public NightlyConfig {
        Objects.requireNonNull(name, "name");
        if (root == null || root.isBlank()) {
            throw new ConfigurationException("root must name the results root, a path or a Hadoop URI");
        }
        set = List.copyOf(set);
        studies = List.copyOf(studies);
        if (studies.isEmpty()) {
            throw new ConfigurationException("studies = [] is empty: list the night's studies as { name, title,"
                    + " conf, set = [...] }");
        }
        Set<String> names = new HashSet<>();
        for (NightStudy s : studies) {
            if (!names.add(s.name())) {
                throw new ConfigurationException("studies: the name \"" + s.name() + "\" appears twice; each study"
                        + " needs its own (it names the study's folder)");
            }
        }
        Objects.requireNonNull(rules, "regressions");
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigurationException naming the key and the fix, for any bad input
     */
    public static NightlyConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("nightly configuration " + file + " does not exist or is not a file");
        }
        String origin = file.toString();
        try {
            Config c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
                    .withFallback(ConfigFactory.parseString(DEFAULTS)).resolve();
            Path dir = file.toAbsolutePath().getParent();
            List<NightStudy> studies = new ArrayList<>();
            for (Config s : c.getConfigList("studies")) {
                Double expected = s.hasPathOrNull("expectedRate") && !s.getIsNull("expectedRate")
                        ? number(s, "expectedRate", origin) : null;
                studies.add(new NightStudy(s.getString("name"), s.getString("title"),
                        dir.resolve(s.getString("conf")).normalize(),
                        s.hasPath("set") ? s.getStringList("set") : List.of(), expected));
            }
            String base = file.getFileName().toString();
            return new NightlyConfig(base.endsWith(".conf") ? base.substring(0, base.length() - 5) : base,
                    c.getString("root"), c.getStringList("set"), studies, new RegressionRules(
                    number(c, "regressions.liouvilleRate", origin), number(c, "regressions.liouvilleTolerance", origin),
                    number(c, "regressions.liouvilleEpsMax", origin), number(c, "regressions.standardErrors", origin),
                    number(c, "regressions.deterministicTolerance", origin),
                    number(c, "regressions.wallTimeFactor", origin),
                    number(c, "regressions.wallTimeMinSeconds", origin)));
        } catch (ConfigException e) {
            throw new ConfigurationException("nightly configuration " + origin + ": " + e.getMessage(), e);
        }
    }

    /** A number, written plainly or as a formula ({@code "2^-8"}). */
    private static double number(Config c, String key, String origin) {
        try {
            return Formula.constant(key, c.getString(key));
        } catch (FormulaException e) {
            throw new ConfigurationException(origin + ": " + e.getMessage(), e);
        }
    }
}
