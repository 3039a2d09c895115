package org.vmse.job.config;

/** Bad input in an experiment file or a {@code --set}: the message names the key, the value and the fix. */
public final class ConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
