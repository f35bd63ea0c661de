package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * WhatToMine-compatible coin data, from the listing {@code GET /coins.json} ({@code {"coins":{"<Name>":{"id":…}}}}) or
 * per coin {@code GET /coins/<id>.json} (a flat coin object). Numbers and strings are mixed ({@code "block_time":"13.2"},
 * {@code "market_cap":"$1,234.5"}); {@code exchange_rate} is in BTC for altcoins and in USD for coin 1 (BTC), so an
 * altcoin's USD rate needs coin 1's rate. Fields per coin id: {@code <id>.networkHashrate}, {@code <id>.blockReward},
 * {@code <id>.blockTimeSeconds}, {@code <id>.exchangeRate} (USD) and, for altcoins, {@code <id>.exchangeRateBtc}.
 */
public final class WhatToMineParser {
    public static final int BTC = 1;
    public static final String NETWORK_HASHRATE = "networkHashrate";
    public static final String BLOCK_REWARD = "blockReward";
    public static final String BLOCK_TIME = "blockTimeSeconds";
    public static final String EXCHANGE_RATE = "exchangeRate";
    public static final String EXCHANGE_RATE_BTC = "exchangeRateBtc";

    private WhatToMineParser() {
    }

    public static String field(int id, String name) {
        return id + "." + name;
    }

    /** The field names produced for {@code id}. */
    public static List<String> fields(int id) {
        return id == BTC
                ? List.of(field(id, NETWORK_HASHRATE), field(id, BLOCK_REWARD), field(id, BLOCK_TIME), field(id, EXCHANGE_RATE))
                : List.of(field(id, NETWORK_HASHRATE), field(id, BLOCK_REWARD), field(id, BLOCK_TIME), field(id, EXCHANGE_RATE),
                        field(id, EXCHANGE_RATE_BTC));
    }

    private record Coin(JsonNode node, String path, Instant fetchedAt, String url) {
    }

    /**
     * @param listing /coins.json, or null when not fetched
     * @param perCoin /coins/&lt;id&gt;.json by id (preferred over the listing); coin 1 is used for BTC→USD
     */
    public static ParseResult parse(List<Integer> ids, Payload listing, Map<Integer, Payload> perCoin) {
        ParseResult.Builder out = new ParseResult.Builder();
        for (int id : ids) {
            Coin coin;
            try {
                coin = find(id, listing, perCoin);
            } catch (Problem p) {
                fields(id).forEach(f -> out.problem(f, p.reason));
                continue;
            }
            Instant at = Timestamps.observedAt(coin.node.get("timestamp"), coin.fetchedAt);
            put(out, field(id, NETWORK_HASHRATE), coin, "nethash", true, at);
            put(out, field(id, BLOCK_REWARD), coin, "block_reward", false, at);
            put(out, field(id, BLOCK_TIME), coin, "block_time", true, at);
            String ratePath = Json.child(coin.path, "exchange_rate");
            try {
                double rate = Numbers.positive(coin.node.get("exchange_rate"), ratePath);
                String curr = coin.node.path("exchange_rate_curr").asText("BTC");
                if (id == BTC || "USD".equalsIgnoreCase(curr)) {
                    out.value(field(id, EXCHANGE_RATE), new Observation(rate, at, coin.url, ratePath));
                    if (id != BTC) out.problem(field(id, EXCHANGE_RATE_BTC), "ValueRejected: " + ratePath + " is in USD");
                } else {
                    out.value(field(id, EXCHANGE_RATE_BTC), new Observation(rate, at, coin.url, ratePath));
                    try {
                        Coin btc = find(BTC, listing, perCoin);
                        String btcPath = Json.child(btc.path, "exchange_rate");
                        double btcUsd = Numbers.positive(btc.node.get("exchange_rate"), btcPath);
                        Instant btcAt = Timestamps.observedAt(btc.node.get("timestamp"), btc.fetchedAt);
                        double usd = Numbers.parseText(
                                BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(btcUsd)).toString(), ratePath);
                        out.value(field(id, EXCHANGE_RATE), new Observation(usd,
                                btcAt.isBefore(at) ? btcAt : at, coin.url, ratePath + " × " + btc.url + " " + btcPath));
                    } catch (Problem p) {
                        out.problem(field(id, EXCHANGE_RATE), p.reason + " (needed to convert " + ratePath + " from BTC to USD)");
                    } catch (ValueRejectedException e) {
                        out.problem(field(id, EXCHANGE_RATE), "ValueRejected: " + e.getMessage()
                                + " (needed to convert " + ratePath + " from BTC to USD)");
                    }
                }
            } catch (ValueRejectedException e) {
                out.rejected(field(id, EXCHANGE_RATE), e);
                if (id != BTC) out.rejected(field(id, EXCHANGE_RATE_BTC), e);
            }
        }
        return out.build();
    }

    private static void put(ParseResult.Builder out, String field, Coin coin, String key, boolean positive, Instant at) {
        String path = Json.child(coin.path, key);
        try {
            JsonNode n = coin.node.get(key);
            double v = positive ? Numbers.positive(n, path) : Numbers.nonNegative(n, path);
            out.value(field, new Observation(v, at, coin.url, path));
        } catch (ValueRejectedException e) {
            out.rejected(field, e);
        }
    }

    private static final class Problem extends Exception {
        final String reason;

        Problem(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    private static Coin find(int id, Payload listing, Map<Integer, Payload> perCoin) throws Problem {
        Payload own = perCoin.get(id);
        String ownFailure = null;
        if (own != null) {
            if (own.isOk()) {
                JsonNode r = own.root();
                if (r.isObject()) {
                    JsonNode idNode = r.get("id");
                    if (idNode == null || idNode.asInt(-1) == id || !idNode.isNumber()) return new Coin(r, "", own.fetchedAt(), own.url());
                    ownFailure = "ValueRejected: /id " + Numbers.quote(idNode) + " is not coin " + id;
                } else {
                    ownFailure = "ValueRejected: coin " + id + " response is " + Numbers.describe(r) + ", expected an object";
                }
            } else {
                ownFailure = own.failure();
            }
            if (listing == null) throw new Problem(ownFailure);
        }
        if (listing == null) throw new Problem("ValueRejected: coin " + id + " was not fetched");
        if (!listing.isOk()) throw new Problem(ownFailure != null ? ownFailure : listing.failure());
        JsonNode coins = listing.root().path("coins");
        if (!coins.isObject()) {
            throw new Problem(ownFailure != null ? ownFailure
                    : "ValueRejected: /coins is " + Numbers.describe(coins) + ", expected an object");
        }
        for (var e : coins.properties()) {
            JsonNode c = e.getValue();
            if (c.isObject() && c.path("id").canConvertToInt() && c.path("id").isIntegralNumber() && c.path("id").intValue() == id) {
                return new Coin(c, Json.child("/coins", e.getKey()), listing.fetchedAt(), listing.url());
            }
        }
        throw new Problem(ownFailure != null ? ownFailure : "ValueRejected: coin " + id + " is not in /coins");
    }
}
