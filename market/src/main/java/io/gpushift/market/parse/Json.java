package io.gpushift.market.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** Strict JSON reading with bounded nesting, number and string sizes. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxNumberLength(400)
                            .maxStringLength(1_000_000)
                            .build())
                    .build())
            // Exact numbers: a huge literal stays a BigDecimal and is rejected by size, not silently made Infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** Parses a whole document; rejects empty bodies, malformed JSON and trailing garbage. */
    public static JsonNode read(byte[] body) throws ValueRejectedException {
        if (body == null || body.length == 0) throw new ValueRejectedException("", "empty response body");
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) throw new ValueRejectedException("", "empty response body");
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
            String msg = e.getOriginalMessage();
            msg = msg == null ? "" : Numbers.printable(msg, 160, false);
            throw new ValueRejectedException("", "malformed JSON" + where + ": " + msg);
        } catch (IOException | RuntimeException e) {
            throw new ValueRejectedException("", "unreadable body: " + e.getClass().getSimpleName());
        }
    }

    /** Appends an RFC 6901 reference token (escaping '~' and '/') to a pointer. */
    public static String child(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }
}
