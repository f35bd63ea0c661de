package io.gpushift.market.spec;

import java.util.Objects;

/**
 * An API key sent as an HTTP header, e.g. {@code Authorization: Token <t>} (WhatToMine token API) or
 * {@code x-cg-pro-api-key: <k>} (CoinGecko Pro). The value is a {@link Secret}: the record's toString redacts it.
 *
 * @param header the header name
 * @param value  the full header value, including any scheme prefix such as {@code "Token "}
 */
public record ApiKey(String header, Secret value) {
    public ApiKey {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(value, "value");
        if (header.isBlank() || !header.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("invalid header name: " + header);
        }
    }

    public static ApiKey of(String header, String secretValue) {
        return new ApiKey(header, Secret.of(secretValue));
    }
}
