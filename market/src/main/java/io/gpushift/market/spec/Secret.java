package io.gpushift.market.spec;

import java.util.Objects;

/**
 * A secret value (an API key) handed in by the caller, e.g. read by the operator from a Kubernetes Secret.
 * {@link #toString()} never shows the value; only {@link #reveal()} does, and only the HTTP layer calls it.
 * Equality compares the value so that the shared fetch cache can key on it without printing it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value. Do not log it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
