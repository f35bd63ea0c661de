package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpushift.market.spec.FeedSource;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prometheus {@code /api/v1/query} instant results:
 * {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[<ts>,"<v>"]}]}}} or a
 * scalar {@code "result":[<ts>,"<v>"]}. Field per series: the value of the spec's label (e.g. {@code modelName}), or
 * {@code value} for a scalar / a single series without a label key, or the canonical label set {@code {a="b"}}.
 * Sample values "NaN", "+Inf", "-Inf" and negatives are rejected per field.
 */
public final class PrometheusParser {
    public static final String SCALAR_FIELD = "value";

    private PrometheusParser() {
    }

    /** A payload-level failure has no field to attach to: it is returned under the empty field name "". */
    public static ParseResult parse(Payload p, FeedSource.Prometheus spec) {
        ParseResult.Builder out = new ParseResult.Builder();
        if (!p.isOk()) return out.problem("", p.failure()).build();
        JsonNode root = p.root();
        try {
            if (!root.isObject()) throw new ValueRejectedException("", "response is " + Numbers.describe(root) + ", expected an object");
            JsonNode status = root.path("status");
            if (!"success".equals(status.asText(null)) || !status.isTextual()) {
                String err = root.path("errorType").asText("") + " " + root.path("error").asText("");
                throw new ValueRejectedException("/status", Numbers.quote(status) + " is not \"success\""
                        + (err.isBlank() ? "" : ": " + Numbers.quoteText(err.strip())));
            }
            JsonNode data = root.path("data");
            if (!data.isObject()) throw new ValueRejectedException("/data", "is " + Numbers.describe(data) + ", expected an object");
            String type = data.path("resultType").asText("");
            JsonNode result = data.path("result");
            switch (type) {
                case "scalar" -> sample(out, SCALAR_FIELD, result, "/data/result", p);
                case "vector" -> vector(out, result, spec, p);
                default -> throw new ValueRejectedException("/data/resultType", Numbers.quoteText(type)
                        + " is not supported; use an instant query that returns a vector or scalar");
            }
        } catch (ValueRejectedException e) {
            out.rejected("", e);
        }
        return out.build();
    }

    private static void vector(ParseResult.Builder out, JsonNode result, FeedSource.Prometheus spec, Payload p)
            throws ValueRejectedException {
        if (!result.isArray()) throw new ValueRejectedException("/data/result", "is " + Numbers.describe(result) + ", expected an array");
        Set<String> seen = new HashSet<>();
        Set<String> dup = new HashSet<>();
        for (int i = 0; i < result.size(); i++) {
            String path = "/data/result/" + i;
            JsonNode series = result.get(i);
            String field;
            try {
                field = fieldName(series, spec.labelKey(), result.size(), path);
            } catch (ValueRejectedException e) {
                out.rejected("", e);
                continue;
            }
            if (!seen.add(field)) {
                dup.add(field);
                continue;
            }
            sample(out, field, series.path("value"), path + "/value", p);
        }
        for (String d : dup) {
            out.problem(d, "ValueRejected: several series map to " + Numbers.quoteText(d)
                    + "; aggregate the query by the label (e.g. avg by (" + spec.labelKey() + "))");
        }
    }

    private static String fieldName(JsonNode series, String labelKey, int count, String path) throws ValueRejectedException {
        if (!series.isObject()) throw new ValueRejectedException(path, "is " + Numbers.describe(series) + ", expected an object");
        JsonNode metric = series.path("metric");
        if (!metric.isObject()) throw new ValueRejectedException(path + "/metric", "is " + Numbers.describe(metric) + ", expected an object");
        if (labelKey != null) {
            JsonNode v = metric.get(labelKey);
            if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
                throw new ValueRejectedException(Json.child(path + "/metric", labelKey), "is missing or not a string");
            }
            return v.textValue();
        }
        if (count == 1 || metric.isEmpty()) return SCALAR_FIELD;
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            labels.put(e.getKey(), e.getValue().asText(""));
        }
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return b.append('}').toString();
    }

    private static void sample(ParseResult.Builder out, String field, JsonNode sample, String path, Payload p) {
        try {
            if (!sample.isArray() || sample.size() != 2) {
                throw new ValueRejectedException(path, "is " + Numbers.describe(sample) + ", expected [timestamp, \"value\"]");
            }
            double v = Numbers.nonNegative(sample.get(1), path + "/1");
            out.value(field, new Observation(v, Timestamps.observedAt(sample.get(0), p.fetchedAt()), p.url(), path + "/1"));
        } catch (ValueRejectedException e) {
            out.rejected(field, e);
        }
    }
}
