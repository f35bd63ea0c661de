package io.gpushift.market.spec;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a feed's values come from. Each kind documents the field names it produces.
 */
public sealed interface FeedSource {

    /** Kind name as a user writes it: static, http, whattomine, coingecko, prometheus, tariff. */
    String kind();

    /** Fixed values (also what a ConfigMap is adapted into). Fields: the map's keys. Always fresh. */
    record Static(Map<String, Double> values, String unit) implements FeedSource {
        public Static {
            Objects.requireNonNull(values, "values");
            values.forEach((k, v) -> {
                requireField(k);
                requireValue("static value " + k, v == null ? Double.NaN : v);
            });
            values = Map.copyOf(new LinkedHashMap<>(values));
            unit = unit == null ? "" : unit;
        }

        @Override
        public String kind() {
            return "static";
        }
    }

    /**
     * A number in any JSON document. Field: {@code value}.
     *
     * @param pointer        RFC 6901 JSON Pointer, e.g. {@code /data/0/price}
     * @param multiplier     applied to the parsed number, e.g. 0.001 for $/MWh → $/kWh
     * @param unit           unit after the multiplier, for display
     * @param negativeAsZero live power prices go negative (ERCOT): publish 0 instead of rejecting the value
     */
    record Http(URI url, String pointer, double multiplier, String unit, boolean negativeAsZero) implements FeedSource {
        public Http {
            requireHttp(url);
            Objects.requireNonNull(pointer, "pointer");
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw new IllegalArgumentException("pointer must be an RFC 6901 JSON Pointer starting with '/': " + pointer);
            }
            if (!(multiplier > 0 && Double.isFinite(multiplier))) {
                throw new IllegalArgumentException("multiplier must be a positive finite number");
            }
            unit = unit == null ? "" : unit;
        }

        public static Http of(String url, String pointer) {
            return new Http(URI.create(url), pointer, 1.0, "", false);
        }

        public Http withMultiplier(double m, String unit) {
            return new Http(url, pointer, m, unit, negativeAsZero);
        }

        @Override
        public String kind() {
            return "http";
        }
    }

    /**
     * WhatToMine-compatible coin data. Fields per coin id: {@code <id>.networkHashrate} (H/s, from {@code nethash}),
     * {@code <id>.blockReward}, {@code <id>.blockTimeSeconds}, {@code <id>.exchangeRate} (USD per coin) and, for
     * altcoins, {@code <id>.exchangeRateBtc}. WhatToMine's {@code exchange_rate} is in BTC for altcoins and in USD for
     * coin 1 (BTC); altcoins are converted with coin 1's rate, which is fetched as well.
     *
     * @param baseUrl e.g. {@code https://whattomine.com}
     * @param mode    {@code ALL_COINS}: one request to {@code /coins.json}; {@code PER_COIN}: {@code /coins/<id>.json}
     */
    record WhatToMine(URI baseUrl, List<Integer> coinIds, Mode mode) implements FeedSource {
        public enum Mode { ALL_COINS, PER_COIN }

        public WhatToMine {
            requireHttp(baseUrl);
            Objects.requireNonNull(mode, "mode");
            coinIds = List.copyOf(coinIds);
            if (coinIds.isEmpty()) throw new IllegalArgumentException("coinIds must not be empty");
            for (int id : coinIds) if (id <= 0) throw new IllegalArgumentException("coin id must be positive: " + id);
        }

        public static WhatToMine of(String baseUrl, Integer... ids) {
            return new WhatToMine(URI.create(baseUrl), List.of(ids), Mode.ALL_COINS);
        }

        @Override
        public String kind() {
            return "whattomine";
        }
    }

    /**
     * CoinGecko-compatible {@code /api/v3/simple/price}. Fields: the coin ids (e.g. {@code bitcoin}), in
     * {@code vsCurrency} per coin.
     *
     * @param baseUrl e.g. {@code https://api.coingecko.com}
     */
    record CoinGecko(URI baseUrl, List<String> ids, String vsCurrency) implements FeedSource {
        private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

        public CoinGecko {
            requireHttp(baseUrl);
            ids = List.copyOf(ids);
            if (ids.isEmpty()) throw new IllegalArgumentException("ids must not be empty");
            for (String id : ids) {
                if (!ID.matcher(id).matches()) throw new IllegalArgumentException("invalid coin id: " + id);
            }
            vsCurrency = vsCurrency == null ? "usd" : vsCurrency;
            if (!ID.matcher(vsCurrency).matches()) throw new IllegalArgumentException("invalid vs currency: " + vsCurrency);
        }

        public static CoinGecko of(String baseUrl, String... ids) {
            return new CoinGecko(URI.create(baseUrl), List.of(ids), "usd");
        }

        @Override
        public String kind() {
            return "coingecko";
        }
    }

    /**
     * An instant query on the Prometheus HTTP API ({@code /api/v1/query}). Fields: the value of label {@code labelKey}
     * of each series (e.g. {@code modelName} for {@code avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)}); with a null
     * labelKey, {@code value} for a single series or a scalar.
     */
    record Prometheus(URI baseUrl, String query, String labelKey) implements FeedSource {
        public Prometheus {
            requireHttp(baseUrl);
            Objects.requireNonNull(query, "query");
            if (query.isBlank()) throw new IllegalArgumentException("query must not be blank");
        }

        public static Prometheus of(String baseUrl, String query, String labelKey) {
            return new Prometheus(URI.create(baseUrl), query, labelKey);
        }

        @Override
        public String kind() {
            return "prometheus";
        }
    }

    /**
     * A time-of-use electricity tariff in $/kWh. Field: {@code price}. The first window that contains the local time
     * wins; otherwise {@code defaultPrice}. Always fresh (computed from the clock).
     */
    record Tariff(ZoneId zone, double defaultPrice, List<Window> windows) implements FeedSource {
        public Tariff {
            Objects.requireNonNull(zone, "zone");
            requireValue("defaultPrice", defaultPrice);
            windows = List.copyOf(windows);
        }

        @Override
        public String kind() {
            return "tariff";
        }

        /**
         * Days on which the window starts, and a local start (inclusive) and end (exclusive) time. An end at or before
         * the start crosses midnight (22:00–06:00 belongs to the start day's night); start == end is the whole day.
         */
        public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, double price) {
            public Window {
                Objects.requireNonNull(start, "start");
                Objects.requireNonNull(end, "end");
                if (days == null || days.isEmpty()) throw new IllegalArgumentException("days must not be empty");
                days = Set.copyOf(EnumSet.copyOf(days));
                requireValue("window price", price);
            }

            public static Window weekdays(String start, String end, double price) {
                return new Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.parse(start),
                        LocalTime.parse(end), price);
            }

            public static Window everyDay(String start, String end, double price) {
                return new Window(EnumSet.allOf(DayOfWeek.class), LocalTime.parse(start), LocalTime.parse(end), price);
            }
        }
    }

    private static void requireHttp(URI url) {
        Objects.requireNonNull(url, "url");
        String s = url.getScheme();
        if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http(s) URL: " + url);
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("credentials in the URL are not allowed; use an API key header");
        }
    }

    private static void requireField(String k) {
        if (k == null || k.isBlank()) throw new IllegalArgumentException("field name must not be blank");
    }

    private static void requireValue(String what, double v) {
        if (!(v >= 0 && Double.isFinite(v))) throw new IllegalArgumentException(what + " must be a finite number >= 0");
    }
}
