package org.vmse.job.nightly;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vmse.job.config.ConfigurationException;

/**
 * One study of a night: an experiment file run by {@code vmse study} with overrides.
 *
 * @param name         {@code studies[i].name}: unique within the night, names its folder {@code runs/NAME}
 * @param title        {@code studies[i].title}, for the report
 * @param conf         {@code studies[i].conf}: the experiment file (relative paths resolved against the nightly
 *                     configuration's folder)
 * @param set          {@code studies[i].set}: {@code key=value} overrides, before the night's own
 * @param expectedRate {@code studies[i].expectedRate}: the paper's rate, for the report; {@code null} where the
 *                     paper states none (the {@code gamma} variants of Figs. 9 and 10)
 */
public record NightStudy(String name, String title, Path conf, List<String> set, Double expectedRate) {

    public NightStudy {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException("studies[].name = \"" + name + "\" must use only letters, digits, '.',"
                    + " '_' and '-' (it names the study's folder)");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(conf, "conf");
        set = List.copyOf(set);
        if (expectedRate != null && !(expectedRate > 0 && expectedRate < Double.POSITIVE_INFINITY)) {
            throw new ConfigurationException("studies[" + name + "].expectedRate = " + expectedRate
                    + " must be positive, or null where the paper states no rate");
        }
    }
}
