package io.gpushift.market.parse;

/**
 * A value or payload that cannot be trusted. The message names the JSON path and the reason, e.g.
 * {@code /coins/Bitcoin/exchange_rate "abc" is not a number}.
 */
public final class ValueRejectedException extends Exception {
    private final String path;
    private final String reason;

    public ValueRejectedException(String path, String reason) {
        super(path == null || path.isEmpty() ? reason : path + " " + reason, null, false, false);
        this.path = path == null ? "" : path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
