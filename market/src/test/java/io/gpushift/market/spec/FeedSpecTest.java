package io.gpushift.market.spec;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedSpecTest {

    @Test
    void toStringRedactsTheApiKey() {
        FeedSpec spec = FeedSpec.of("wtm", FeedSource.WhatToMine.of("https://whattomine.com", 1, 162))
                .withApiKey(ApiKey.of("Authorization", "Token abc123"));
        assertThat(spec.toString()).doesNotContain("abc123").contains("Authorization").contains("<redacted>");
        assertThat(spec.apiKey().orElseThrow().value().reveal()).isEqualTo("Token abc123");
        assertThat(ApiKey.of("h", "x")).isEqualTo(ApiKey.of("h", "x")).isNotEqualTo(ApiKey.of("h", "y"));
    }

    @Test
    void defaults() {
        FeedSpec spec = FeedSpec.of("btc", FeedSource.CoinGecko.of("https://api.coingecko.com", "bitcoin"));
        assertThat(spec.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.smoothing()).isEqualTo(SmoothingSpec.DEFAULT);
        assertThat(spec.retry()).isEqualTo(RetrySpec.DEFAULT);
        assertThat(spec.source().kind()).isEqualTo("coingecko");
    }

    @Test
    void validation() {
        var src = FeedSource.Http.of("http://x", "/a");
        assertThatThrownBy(() -> FeedSpec.of("Bad Name", src)).hasMessageContaining("invalid feed name");
        assertThatThrownBy(() -> FeedSpec.of("a", src).withRefresh(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .hasMessageContaining("maxAge must be >= refreshInterval");
        assertThatThrownBy(() -> FeedSource.Http.of("ftp://x", "/a")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> FeedSource.Http.of("http://user:pw@x", "/a")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> FeedSource.Http.of("http://x", "a.b")).hasMessageContaining("JSON Pointer");
        assertThatThrownBy(() -> FeedSource.Http.of("http://x", "/a").withMultiplier(-1, "x")).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new FeedSource.Static(Map.of("a", Double.NaN), "")).hasMessageContaining("finite");
        assertThatThrownBy(() -> new FeedSource.Static(Map.of("a", -1.0), "")).hasMessageContaining("finite");
        assertThatThrownBy(() -> FeedSource.CoinGecko.of("http://x", "Bitcoin!")).hasMessageContaining("invalid coin id");
        assertThatThrownBy(() -> new FeedSource.WhatToMine(URI.create("http://x"), List.of(), FeedSource.WhatToMine.Mode.ALL_COINS))
                .hasMessageContaining("coinIds");
        assertThatThrownBy(() -> new SmoothingSpec(0, OutlierRule.none(), SmoothingSpec.Method.LAST, 0, 0))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> OutlierRule.mad(0)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> new RetrySpec(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> ApiKey.of("Bad Header:", "x")).hasMessageContaining("header");
    }
}
