package io.gpushift.market.parse;

import io.gpushift.market.TestServer;
import io.gpushift.market.spec.FeedSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Parsers on payloads in the real formats (no HTTP; see MarketDataHttpTest for the same over 127.0.0.1). */
class ParsersTest {
    private static final Instant FETCHED = Instant.parse("2025-05-16T15:05:00Z");

    private static Payload payload(String resource) {
        return Payload.parse("http://x/" + resource, TestServer.load(resource).getBytes(StandardCharsets.UTF_8), FETCHED);
    }

    private static Payload text(String json) {
        return Payload.parse("http://x/", json.getBytes(StandardCharsets.UTF_8), FETCHED);
    }

    @Test
    void whatToMineListingWithBtcFromPerCoinEndpoint() {
        ParseResult r = WhatToMineParser.parse(List.of(1, 162, 234, 340), payload("wtm-coins.json"),
                Map.of(1, payload("wtm-coin-1.json")));
        Map<String, Observation> v = r.values();
        assertThat(v.get("1.exchangeRate").value()).isEqualTo(103663.0); // coin 1: exchange_rate is USD
        assertThat(v.get("1.blockTimeSeconds").value()).isEqualTo(600.0); // "600.0" string
        assertThat(v.get("1.networkHashrate").value()).isEqualTo(8.66e20);
        assertThat(v.get("1.blockReward").value()).isEqualTo(3.125);
        assertThat(v.get("1.exchangeRate").observedAt()).isEqualTo(Instant.ofEpochSecond(1747407859));

        assertThat(v.get("162.blockTimeSeconds").value()).isEqualTo(13.2);
        assertThat(v.get("162.exchangeRateBtc").value()).isEqualTo(0.0001812);
        assertThat(v.get("162.exchangeRate").value()).isCloseTo(0.0001812 * 103663.0, within(1e-9));
        assertThat(v.get("162.exchangeRate").path()).isEqualTo("/coins/EthereumClassic/exchange_rate × http://x/wtm-coin-1.json /exchange_rate");
        assertThat(v.get("162.exchangeRate").url()).isEqualTo("http://x/wtm-coins.json");
        assertThat(v.get("234.blockReward").value()).isEqualTo(1250.0);
        assertThat(v.get("340.blockReward").value()).isEqualTo(6.0); // "6.0" string
        assertThat(v.get("340.blockTimeSeconds").value()).isEqualTo(120.0); // number here

        // Ergo's exchange_rate is "abc": both rate fields are rejected with the path, the rest of Ergo is fine.
        assertThat(r.problems()).containsOnlyKeys("340.exchangeRate", "340.exchangeRateBtc");
        assertThat(r.problems().get("340.exchangeRate"))
                .isEqualTo("ValueRejected: /coins/Ergo/exchange_rate \"abc\" is not a number");
    }

    @Test
    void whatToMinePerCoinWithCommasAndStrings() {
        ParseResult r = WhatToMineParser.parse(List.of(162), null,
                Map.of(162, payload("wtm-coin-162.json"), 1, payload("wtm-coin-1.json")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.values().get("162.networkHashrate").value()).isEqualTo(180303030303030.0);
        assertThat(r.values().get("162.exchangeRateBtc").value()).isEqualTo(0.0001812);
    }

    @Test
    void whatToMineAltcoinWithoutBtcRateIsRejectedWithReason() {
        ParseResult r = WhatToMineParser.parse(List.of(162), payload("wtm-coins.json"),
                Map.of(1, Payload.failed("http://x/coins/1.json", "FeedUnreachable: HTTP 503 after 3 attempts", FETCHED)));
        assertThat(r.values()).containsKeys("162.exchangeRateBtc", "162.blockTimeSeconds");
        assertThat(r.problems().get("162.exchangeRate"))
                .startsWith("FeedUnreachable: HTTP 503 after 3 attempts (needed to convert /coins/EthereumClassic/exchange_rate");
    }

    @Test
    void whatToMineUnknownCoinAndWrongShapes() {
        ParseResult r = WhatToMineParser.parse(List.of(999), payload("wtm-coins.json"), Map.of());
        assertThat(r.problems().get("999.blockRewardX")).isNull();
        assertThat(r.problems()).containsEntry("999.blockReward", "ValueRejected: coin 999 is not in /coins");
        ParseResult wrong = WhatToMineParser.parse(List.of(162), text("{\"coins\":[1,2]}"), Map.of());
        assertThat(wrong.problems().get("162.nethash")).isNull();
        assertThat(wrong.problems().get("162.networkHashrate")).isEqualTo("ValueRejected: /coins is an array, expected an object");
        ParseResult zero = WhatToMineParser.parse(List.of(162), text(
                "{\"coins\":{\"E\":{\"id\":162,\"block_time\":\"0\",\"nethash\":-5,\"block_reward\":true,\"exchange_rate\":1e999}}}"),
                Map.of());
        assertThat(zero.values()).isEmpty();
        assertThat(zero.problems().get("162.blockTimeSeconds")).isEqualTo("ValueRejected: /coins/E/block_time \"0\" must be greater than zero");
        assertThat(zero.problems().get("162.networkHashrate")).isEqualTo("ValueRejected: /coins/E/nethash -5 is negative");
        assertThat(zero.problems().get("162.blockReward")).contains("is a boolean (true), expected a number");
        assertThat(zero.problems().get("162.exchangeRateBtc")).contains("implausibly large");
    }

    @Test
    void coinGeckoSimplePrice() {
        var spec = FeedSource.CoinGecko.of("http://x", "bitcoin", "ethereum-classic", "ergo", "dogecoin");
        ParseResult r = CoinGeckoParser.parse(payload("coingecko-simple-price.json"), spec);
        assertThat(r.values().get("bitcoin").value()).isEqualTo(103663.0);
        assertThat(r.values().get("bitcoin").observedAt()).isEqualTo(Instant.ofEpochSecond(1747407859));
        assertThat(r.values().get("ethereum-classic").value()).isEqualTo(18.78);
        assertThat(r.problems()).containsEntry("dogecoin", "ValueRejected: /dogecoin is missing (unknown coin id?)");
    }

    @Test
    void coinGeckoWrongTypes() {
        var spec = FeedSource.CoinGecko.of("http://x", "bitcoin", "ergo");
        ParseResult r = CoinGeckoParser.parse(text("{\"bitcoin\":{\"usd\":\"lots\"},\"ergo\":7}"), spec);
        assertThat(r.problems()).containsEntry("bitcoin", "ValueRejected: /bitcoin/usd \"lots\" is not a number")
                .containsEntry("ergo", "ValueRejected: /ergo is a number, expected an object");
        ParseResult arr = CoinGeckoParser.parse(text("[]"), spec);
        assertThat(arr.problems().get("bitcoin")).isEqualTo("ValueRejected: response is an array, expected an object");
    }

    @Test
    void prometheusVectorByLabel() {
        var spec = FeedSource.Prometheus.of("http://x", "avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)", "modelName");
        ParseResult r = PrometheusParser.parse(payload("prometheus-power-by-model.json"), spec);
        assertThat(r.values().get("NVIDIA H100 80GB HBM3").value()).isEqualTo(612.5);
        assertThat(r.values().get("NVIDIA GeForce RTX 3090").value()).isEqualTo(287.25);
        assertThat(r.values().get("NVIDIA H100 80GB HBM3").observedAt()).isEqualTo(Instant.ofEpochMilli(1747407859123L));
        assertThat(r.problems()).containsEntry("NVIDIA A100-SXM4-40GB",
                "ValueRejected: /data/result/2/value/1 \"NaN\" is not a number");
    }

    @Test
    void prometheusErrorsScalarsDuplicatesAndInfinity() {
        var spec = FeedSource.Prometheus.of("http://x", "up", "job");
        assertThat(PrometheusParser.parse(payload("prometheus-error.json"), spec).problems().get(""))
                .startsWith("ValueRejected: /status \"error\" is not \"success\": \"bad_data invalid parameter");
        var scalar = PrometheusParser.parse(text("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1747407859,\"42\"]}}"),
                FeedSource.Prometheus.of("http://x", "scalar(1)", null));
        assertThat(scalar.values().get("value").value()).isEqualTo(42.0);
        var dup = PrometheusParser.parse(text("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"job\":\"a\",\"i\":\"1\"},\"value\":[1,\"1\"]},{\"metric\":{\"job\":\"a\",\"i\":\"2\"},\"value\":[1,\"2\"]},"
                + "{\"metric\":{\"job\":\"b\"},\"value\":[1,\"+Inf\"]},{\"metric\":{\"job\":\"c\"},\"value\":[1,\"-3\"]}]}}"), spec);
        assertThat(dup.values()).isEmpty();
        assertThat(dup.problems().get("a")).contains("several series map to \"a\"");
        assertThat(dup.problems().get("b")).contains("\"+Inf\" is not a number");
        assertThat(dup.problems().get("c")).contains("\"-3\" is negative");
        var matrix = PrometheusParser.parse(text("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"), spec);
        assertThat(matrix.problems().get("")).contains("\"matrix\" is not supported");
        var noLabels = PrometheusParser.parse(text("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"gpu\":\"0\"},\"value\":[1,\"300\"]},{\"metric\":{\"gpu\":\"1\"},\"value\":[1,\"310\"]}]}}"),
                FeedSource.Prometheus.of("http://x", "DCGM_FI_DEV_POWER_USAGE", null));
        assertThat(noLabels.values()).containsOnlyKeys("{gpu=\"0\"}", "{gpu=\"1\"}");
    }

    @Test
    void jsonPointerWithMultiplier() {
        var spec = FeedSource.Http.of("http://x", "/data/0/lmp").withMultiplier(0.001, "$/kWh");
        ParseResult r = JsonFieldParser.parse(payload("ercot-like.json"), spec);
        assertThat(r.values().get("value").value()).isCloseTo(0.0321, within(1e-12));
        ParseResult neg = JsonFieldParser.parse(text("{\"data\":[{\"lmp\":-12.5}]}"), spec);
        assertThat(neg.problems().get("value")).isEqualTo("ValueRejected: /data/0/lmp -12.5 is negative");
        var clamp = new FeedSource.Http(spec.url(), spec.pointer(), 0.001, "$/kWh", true);
        assertThat(JsonFieldParser.parse(text("{\"data\":[{\"lmp\":-12.5}]}"), clamp).values().get("value").value()).isZero();
        assertThat(JsonFieldParser.parse(text("{\"data\":[]}"), spec).problems().get("value"))
                .isEqualTo("ValueRejected: /data/0/lmp is missing");
        assertThat(JsonFieldParser.parse(text("{\"data\": [ {\"lmp\": 1"), spec).problems().get("value"))
                .startsWith("ValueRejected: malformed JSON at line 1 column");
    }

    @Test
    void malformedAndEmptyBodies() {
        assertThat(text("{\"a\":").failure()).startsWith("ValueRejected: malformed JSON at line 1");
        assertThat(text("{} trailing").failure()).startsWith("ValueRejected: malformed JSON");
        assertThat(text("{\"a\":NaN}").failure()).startsWith("ValueRejected: malformed JSON");
        assertThat(text("").failure()).isEqualTo("ValueRejected: empty response body");
        assertThat(text("[".repeat(1000)).failure()).startsWith("ValueRejected: malformed JSON");
    }

    @Test
    void implausibleTimestampsFallBackToFetchTime() {
        var spec = FeedSource.CoinGecko.of("http://x", "bitcoin");
        for (String ts : List.of("-1", "\"soon\"", "99999999999", "1e300", "0", "4102444800")) {
            var r = CoinGeckoParser.parse(text("{\"bitcoin\":{\"usd\":1,\"last_updated_at\":" + ts + "}}"), spec);
            assertThat(r.values().get("bitcoin").observedAt()).as(ts).isEqualTo(FETCHED);
        }
    }
}
