package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpushift.market.spec.FeedSource;

/**
 * CoinGecko {@code /api/v3/simple/price?ids=…&vs_currencies=usd&include_last_updated_at=true}:
 * {@code {"bitcoin":{"usd":103663,"last_updated_at":1747407859}, …}}. Field per coin id. A price of 0 is rejected
 * (CoinGecko answers 0 for delisted coins).
 */
public final class CoinGeckoParser {
    private CoinGeckoParser() {
    }

    public static ParseResult parse(Payload p, FeedSource.CoinGecko spec) {
        ParseResult.Builder out = new ParseResult.Builder();
        if (!p.isOk()) {
            spec.ids().forEach(id -> out.problem(id, p.failure()));
            return out.build();
        }
        JsonNode root = p.root();
        if (!root.isObject()) {
            String reason = "ValueRejected: response is " + Numbers.describe(root) + ", expected an object";
            spec.ids().forEach(id -> out.problem(id, reason));
            return out.build();
        }
        for (String id : spec.ids()) {
            String coinPath = Json.child("", id);
            String path = Json.child(coinPath, spec.vsCurrency());
            try {
                JsonNode coin = root.get(id);
                if (coin == null) throw new ValueRejectedException(coinPath, "is missing (unknown coin id?)");
                if (!coin.isObject()) {
                    throw new ValueRejectedException(coinPath, "is " + Numbers.describe(coin) + ", expected an object");
                }
                double v = Numbers.positive(coin.get(spec.vsCurrency()), path);
                out.value(id, new Observation(v, Timestamps.observedAt(coin.get("last_updated_at"), p.fetchedAt()), p.url(), path));
            } catch (ValueRejectedException e) {
                out.rejected(id, e);
            }
        }
        return out.build();
    }
}
