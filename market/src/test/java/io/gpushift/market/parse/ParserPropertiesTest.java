package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpushift.market.spec.FeedSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing every parser: arbitrary text, arbitrary JSON trees and real-shaped documents with arbitrary leaves never
 * crash a parser and never yield NaN, infinite, negative or implausibly large values.
 */
class ParserPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant T = Instant.parse("2025-05-16T15:05:00Z");
    private static final FeedSource.CoinGecko GECKO = FeedSource.CoinGecko.of("http://x", "bitcoin", "ergo");
    private static final FeedSource.Prometheus PROM_LABEL = FeedSource.Prometheus.of("http://x", "q", "modelName");
    private static final FeedSource.Prometheus PROM = FeedSource.Prometheus.of("http://x", "q", null);
    private static final FeedSource.Http HTTP = FeedSource.Http.of("http://x", "/data/0/lmp").withMultiplier(1e3, "x");
    private static final FeedSource.Http HTTP_ROOT = FeedSource.Http.of("http://x", "");

    static void assertSane(ParseResult r) {
        for (Observation o : r.values().values()) {
            assertThat(o.value()).isFinite().isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(Numbers.MAX);
            assertThat(o.observedAt()).isNotNull().isBeforeOrEqualTo(T);
        }
        for (var e : r.problems().entrySet()) {
            assertThat(e.getValue()).matches("(ValueRejected|FeedUnreachable): .*");
            assertThat(r.values()).doesNotContainKey(e.getKey());
        }
    }

    static void allParsers(Payload p) {
        assertSane(CoinGeckoParser.parse(p, GECKO));
        assertSane(PrometheusParser.parse(p, PROM_LABEL));
        assertSane(PrometheusParser.parse(p, PROM));
        assertSane(JsonFieldParser.parse(p, HTTP));
        assertSane(JsonFieldParser.parse(p, HTTP_ROOT));
        assertSane(WhatToMineParser.parse(List.of(1, 162), p, Map.of()));
        assertSane(WhatToMineParser.parse(List.of(1, 162), null, Map.of(1, p, 162, p)));
        assertSane(WhatToMineParser.parse(List.of(162), p, Map.of(1, p)));
    }

    @Property(tries = 2000)
    void numbersFromAnyText(@ForAll String text) {
        try {
            double v = Numbers.parseText(text, "/p");
            assertThat(v).isFinite().isBetween(0.0, Numbers.MAX);
        } catch (ValueRejectedException e) {
            assertThat(e.getMessage()).startsWith("/p ");
        }
    }

    @Property(tries = 2000)
    void numbersFromNumberLikeText(@ForAll("numberLike") String text) {
        numbersFromAnyText(text);
    }

    @Property(tries = 500)
    void anyTextAsBody(@ForAll String body) {
        allParsers(Payload.parse("http://x", body.getBytes(StandardCharsets.UTF_8), T));
    }

    @Property(tries = 500)
    void anyBytesAsBody(@ForAll byte[] body) {
        allParsers(Payload.parse("http://x", body, T));
    }

    @Property(tries = 1000)
    void arbitraryJsonTrees(@ForAll("json") JsonNode tree) {
        allParsers(Payload.ok("http://x", tree, T));
        // and through the serializer/parser round trip
        allParsers(Payload.parse("http://x", tree.toString().getBytes(StandardCharsets.UTF_8), T));
    }

    @Property(tries = 1000)
    void whatToMineShapedDocuments(@ForAll("leaf") JsonNode a, @ForAll("leaf") JsonNode b, @ForAll("leaf") JsonNode c,
                                   @ForAll("leaf") JsonNode d, @ForAll("leaf") JsonNode e, @ForAll("leaf") JsonNode ts) {
        ObjectNode coin = F.objectNode();
        coin.put("id", 162);
        coin.set("block_time", a);
        coin.set("block_reward", b);
        coin.set("nethash", c);
        coin.set("exchange_rate", d);
        coin.set("timestamp", ts);
        ObjectNode btc = F.objectNode();
        btc.put("id", 1);
        btc.set("exchange_rate", e);
        btc.set("block_time", a);
        ObjectNode coins = F.objectNode();
        coins.set("EthereumClassic", coin);
        coins.set("Bitcoin", btc);
        ObjectNode root = F.objectNode();
        root.set("coins", coins);
        allParsers(Payload.ok("http://x", root, T));
        assertSane(WhatToMineParser.parse(List.of(1, 162), null, Map.of(1, Payload.ok("u", btc, T), 162, Payload.ok("u", coin, T))));
    }

    @Property(tries = 1000)
    void coinGeckoAndPrometheusShapedDocuments(@ForAll("leaf") JsonNode price, @ForAll("leaf") JsonNode ts,
                                               @ForAll("leaf") JsonNode label, @ForAll("leaf") JsonNode sample) {
        ObjectNode gecko = F.objectNode();
        gecko.putObject("bitcoin").set("usd", price);
        ((ObjectNode) gecko.get("bitcoin")).set("last_updated_at", ts);
        assertSane(CoinGeckoParser.parse(Payload.ok("u", gecko, T), GECKO));

        ObjectNode prom = F.objectNode();
        prom.put("status", "success");
        ObjectNode data = prom.putObject("data");
        data.put("resultType", "vector");
        ArrayNode result = data.putArray("result");
        ObjectNode series = result.addObject();
        series.putObject("metric").set("modelName", label);
        series.putArray("value").add(ts).add(sample);
        assertSane(PrometheusParser.parse(Payload.ok("u", prom, T), PROM_LABEL));
        assertSane(PrometheusParser.parse(Payload.ok("u", prom, T), PROM));
        ObjectNode http = F.objectNode();
        http.putArray("data").addObject().set("lmp", sample);
        assertSane(JsonFieldParser.parse(Payload.ok("u", http, T), HTTP));
    }

    @Provide
    Arbitrary<String> numberLike() {
        return Arbitraries.strings().withChars("0123456789.,$-+eE NaInfity").ofMaxLength(30);
    }

    @Provide
    Arbitrary<JsonNode> leaf() {
        return Arbitraries.oneOf(
                numberLike().map(F::textNode),
                Arbitraries.strings().ofMaxLength(20).map(F::textNode),
                Arbitraries.doubles().map(x -> (JsonNode) F.numberNode(x)),
                Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e30, 1e31, 1e300)
                        .map(x -> (JsonNode) F.numberNode(x)),
                Arbitraries.longs().map(x -> (JsonNode) F.numberNode(x)),
                Combinators.combine(Arbitraries.bigIntegers().between(java.math.BigInteger.valueOf(-1000),
                                java.math.BigInteger.valueOf(1000)), Arbitraries.integers().between(-5000, 5000))
                        .as((u, s) -> (JsonNode) F.numberNode(new BigDecimal(u, s))),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode(), F.objectNode(), F.arrayNode()));
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return Arbitraries.recursive(this::leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(xs -> {
                    ArrayNode a = F.arrayNode();
                    xs.forEach(a::add);
                    return (JsonNode) a;
                }),
                Combinators.combine(Arbitraries.of("coins", "data", "result", "status", "bitcoin", "usd", "value",
                                "metric", "modelName", "id", "exchange_rate", "Bitcoin", "resultType", "0", "lmp", "x"),
                        inner).as(Map::entry).list().ofMaxSize(4).map(es -> {
                            ObjectNode o = F.objectNode();
                            es.forEach(en -> o.set(en.getKey(), en.getValue()));
                            return (JsonNode) o;
                        }),
                Arbitraries.of("success", "vector", "scalar").map(F::textNode)), 0, 5);
    }
}
