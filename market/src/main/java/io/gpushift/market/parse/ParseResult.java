package io.gpushift.market.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values and problems of one refresh, by field name. A field is in at most one of the maps. Problems are full reasons,
 * e.g. {@code ValueRejected: /coins/Ravencoin/exchange_rate "abc" is not a number}.
 */
public record ParseResult(Map<String, Observation> values, Map<String, String> problems) {
    public ParseResult {
        values = Map.copyOf(values);
        problems = Map.copyOf(problems);
    }

    /** Mutable builder used by the parsers. */
    public static final class Builder {
        private final Map<String, Observation> values = new LinkedHashMap<>();
        private final Map<String, String> problems = new LinkedHashMap<>();

        public Builder value(String field, Observation o) {
            problems.remove(field);
            values.put(field, o);
            return this;
        }

        public Builder problem(String field, String reason) {
            values.remove(field);
            problems.put(field, reason);
            return this;
        }

        public Builder rejected(String field, ValueRejectedException e) {
            return problem(field, "ValueRejected: " + e.getMessage());
        }

        public ParseResult build() {
            return new ParseResult(values, problems);
        }
    }
}
