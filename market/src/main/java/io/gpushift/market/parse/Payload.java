package io.gpushift.market.parse;

import java.time.Instant;

/**
 * One fetched document: either a parsed JSON root or the full reason it is unusable
 * ({@code FeedUnreachable: …} or {@code ValueRejected: …}).
 */
public record Payload(String url, com.fasterxml.jackson.databind.JsonNode root, String failure, Instant fetchedAt) {
    public static Payload ok(String url, com.fasterxml.jackson.databind.JsonNode root, Instant fetchedAt) {
        return new Payload(url, root, null, fetchedAt);
    }

    public static Payload failed(String url, String failure, Instant at) {
        return new Payload(url, null, failure, at);
    }

    /** Parses a body; malformed JSON becomes a failed payload. */
    public static Payload parse(String url, byte[] body, Instant fetchedAt) {
        try {
            return ok(url, Json.read(body), fetchedAt);
        } catch (ValueRejectedException e) {
            return failed(url, "ValueRejected: " + e.getMessage(), fetchedAt);
        }
    }

    public boolean isOk() {
        return failure == null;
    }
}
