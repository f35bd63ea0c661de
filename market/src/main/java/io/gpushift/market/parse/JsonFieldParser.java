package io.gpushift.market.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.gpushift.market.spec.FeedSource;

import java.math.BigDecimal;

/** Generic HTTP JSON: one number at an RFC 6901 JSON Pointer (Jackson's {@link JsonNode#at(JsonPointer)}). */
public final class JsonFieldParser {
    public static final String FIELD = "value";

    private JsonFieldParser() {
    }

    public static ParseResult parse(Payload p, FeedSource.Http spec) {
        ParseResult.Builder out = new ParseResult.Builder();
        if (!p.isOk()) return out.problem(FIELD, p.failure()).build();
        String pointer = spec.pointer();
        try {
            JsonNode node = p.root().at(JsonPointer.compile(pointer));
            BigDecimal raw = Numbers.toDecimal(node, pointer);
            if (raw.signum() < 0) {
                if (!spec.negativeAsZero()) throw new ValueRejectedException(pointer, Numbers.quote(node) + " is negative");
                raw = BigDecimal.ZERO;
            }
            BigDecimal scaled = raw.multiply(BigDecimal.valueOf(spec.multiplier()));
            double v = Numbers.parseText(scaled.toString(), pointer);
            out.value(FIELD, new Observation(v, p.fetchedAt(), p.url(), pointer));
        } catch (ValueRejectedException e) {
            out.rejected(FIELD, e);
        } catch (IllegalArgumentException e) {
            out.problem(FIELD, "ValueRejected: invalid JSON Pointer " + Numbers.quoteText(pointer));
        }
        return out.build();
    }
}
