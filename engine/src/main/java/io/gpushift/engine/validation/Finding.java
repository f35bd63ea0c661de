package io.gpushift.engine.validation;

/**
 * Something wrong with the input, naming the object and the field, e.g.
 * {@code MiningPool default/etc: spec.revenue.network.coinPriceUsd is NaN}.
 *
 * @param severity ERROR: the object is not planned from (its GPUs hold); WARNING: only the named part is skipped
 * @param object   kind and name, e.g. {@code MiningPool default/etc}
 * @param field    field path, e.g. {@code spec.profiles[NVIDIA-H100-80GB-HBM3]}
 * @param problem  what is wrong, e.g. {@code is NaN}
 */
public record Finding(Severity severity, String object, String field, String problem) {
    public enum Severity { ERROR, WARNING }

    public String message() {
        return object + ": " + field + " " + problem;
    }

    @Override
    public String toString() {
        return severity + " " + message();
    }
}
