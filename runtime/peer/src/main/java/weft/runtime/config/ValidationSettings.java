package weft.runtime.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the committer validates blocks, from {@code core.yaml}.
 *
 * @param poolSize                {@code peer.validatorPoolSize}: transactions validated in parallel (Fabric's key)
 * @param pluginTimeout           {@code peer.validation.pluginTimeout}: how long one plugin call may take before
 *                                it counts as an execution failure (the plugin could not decide)
 * @param executionFailureRetries {@code peer.validation.executionFailureRetries}: how often a block whose
 *                                validation failed to execute is tried again before the channel stops committing;
 *                                0 stops at once, as Fabric does
 * @param retryBackoff            {@code peer.validation.retryBackoff}: the wait before each retry
 */
public record ValidationSettings(int poolSize, Duration pluginTimeout, int executionFailureRetries,
                                 Duration retryBackoff) {

    public static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(5);

    public ValidationSettings {
        Objects.requireNonNull(pluginTimeout, "pluginTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive, was " + poolSize);
        }
        if (pluginTimeout.isNegative() || pluginTimeout.isZero()) {
            throw new IllegalArgumentException("pluginTimeout must be positive, was " + pluginTimeout);
        }
        if (executionFailureRetries < 0) {
            throw new IllegalArgumentException("executionFailureRetries must not be negative, was "
                    + executionFailureRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative, was " + retryBackoff);
        }
    }

    /** The defaults: one validator per core, a 60 s plugin budget, 3 retries 5 s apart. */
    public static ValidationSettings defaults(int cores) {
        return new ValidationSettings(cores, DEFAULT_PLUGIN_TIMEOUT, DEFAULT_RETRIES, DEFAULT_BACKOFF);
    }
}
