package io.gpushift.market;

import io.gpushift.market.http.FeedUnreachableException;
import io.gpushift.market.http.Fetched;
import io.gpushift.market.http.HttpFetcher;
import io.gpushift.market.http.RequestKey;
import io.gpushift.market.http.SharedFetchCache;
import io.gpushift.market.parse.CoinGeckoParser;
import io.gpushift.market.parse.JsonFieldParser;
import io.gpushift.market.parse.Observation;
import io.gpushift.market.parse.ParseResult;
import io.gpushift.market.parse.Payload;
import io.gpushift.market.parse.PrometheusParser;
import io.gpushift.market.parse.WhatToMineParser;
import io.gpushift.market.smooth.FieldSmoother;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The market-data facade: register feeds, refresh the due ones, read values.
 * <pre>
 * MarketData md = MarketData.create(Clock.systemUTC());
 * md.register(FeedSpec.of("btc", FeedSource.CoinGecko.of("https://api.coingecko.com", "bitcoin")));
 * md.refreshDue(clock.instant());               // from the operator's loop
 * MarketValue v = md.get("btc", "bitcoin");     // fresh? value, source, age
 * </pre>
 * Thread-safe. Refreshes of due feeds run in parallel on virtual threads; all HTTP goes through one
 * {@link SharedFetchCache}. Bad data never replaces the last good value: it only makes the value not fresh, with a reason.
 */
public final class MarketData {
    private static final System.Logger LOG = System.getLogger(MarketData.class.getName());

    private final Clock clock;
    private final SharedFetchCache cache;
    private final Map<String, FeedState> feeds = new ConcurrentHashMap<>();

    public MarketData(Clock clock, SharedFetchCache cache) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** Real HTTP ({@link HttpFetcher#create}). */
    public static MarketData create(Clock clock) {
        return new MarketData(clock, new SharedFetchCache(HttpFetcher.create(clock)));
    }

    public SharedFetchCache cache() {
        return cache;
    }

    // ---------------------------------------------------------------- registration

    /**
     * Adds or replaces a feed. Re-registering an equal spec is a no-op; a changed source or smoothing starts the feed's
     * history afresh; other changes (intervals, retry, key) keep it.
     */
    public void register(FeedSpec spec) {
        feeds.compute(spec.name(), (name, old) -> {
            if (old == null) return new FeedState(spec);
            synchronized (old) {
                if (old.spec.equals(spec)) return old;
                if (old.spec.source().equals(spec.source()) && old.spec.smoothing().equals(spec.smoothing())) {
                    old.spec = spec;
                    return old;
                }
            }
            return new FeedState(spec);
        });
    }

    public boolean unregister(String name) {
        return feeds.remove(name) != null;
    }

    public Set<String> feeds() {
        return new TreeSet<>(feeds.keySet());
    }

    public Optional<FeedSpec> spec(String feed) {
        FeedState s = feeds.get(feed);
        return s == null ? Optional.empty() : Optional.of(s.spec());
    }

    /** Field names the feed produces (for Prometheus: those seen so far). */
    public Set<String> fields(String feed) {
        FeedState s = feeds.get(feed);
        if (s == null) return Set.of();
        synchronized (s) {
            return switch (s.spec.source()) {
                case FeedSource.Static st -> new TreeSet<>(st.values().keySet());
                case FeedSource.Tariff t -> Set.of(TARIFF_FIELD);
                default -> new LinkedHashSet<>(s.fields.keySet());
            };
        }
    }

    public static final String TARIFF_FIELD = "price";

    // ---------------------------------------------------------------- refresh

    /** What one {@link #refreshDue} did. */
    public record RefreshReport(List<String> refreshed, Map<String, String> problems) {
    }

    /** Refreshes every feed whose refresh interval has passed at {@code now}; waits for them (in parallel). */
    public RefreshReport refreshDue(Instant now) {
        List<FeedState> due = new ArrayList<>();
        for (FeedState s : feeds.values()) {
            synchronized (s) {
                if (s.isHttp() && !s.refreshing && !now.isBefore(s.nextDue)) {
                    s.refreshing = true;
                    s.nextDue = now.plus(s.spec.refreshInterval());
                    due.add(s);
                }
            }
        }
        List<String> refreshed = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        if (due.isEmpty()) return new RefreshReport(refreshed, problems);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (FeedState s : due) results.add(pool.submit(() -> refreshNow(s, now)));
            for (int i = 0; i < due.size(); i++) {
                String name = due.get(i).spec().name();
                refreshed.add(name);
                try {
                    String problem = results.get(i).get();
                    if (problem != null) problems.put(name, problem);
                } catch (ExecutionException e) {
                    problems.put(name, "internal error: " + e.getCause());
                    LOG.log(System.Logger.Level.WARNING, "refresh of feed " + name + " failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.put(name, "interrupted");
                }
            }
        }
        return new RefreshReport(refreshed, problems);
    }

    /** Refreshes one feed now, due or not (still served from the shared cache when a response is young enough). */
    public void refresh(String feed, Instant now) {
        FeedState s = feeds.get(feed);
        if (s == null) throw new IllegalArgumentException("no feed " + feed);
        synchronized (s) {
            if (!s.isHttp() || s.refreshing) return;
            s.refreshing = true;
            s.nextDue = now.plus(s.spec.refreshInterval());
        }
        refreshNow(s, now);
    }

    /** Returns a summary problem or null. */
    private String refreshNow(FeedState s, Instant now) {
        try {
            FeedSpec spec = s.spec();
            Map<String, String> headers = spec.apiKey()
                    .map(k -> Map.of(k.header(), k.value().reveal())).orElse(Map.of());
            Map<URI, Payload> payloads = new LinkedHashMap<>();
            Map<RequestKey, Instant> fetchedAt = new LinkedHashMap<>();
            boolean anyFailure = false;
            for (URI url : requests(spec.source())) {
                RequestKey key = new RequestKey(url, headers);
                try {
                    Fetched f = cache.get(key, now, spec.refreshInterval(), spec.timeout(), spec.retry());
                    payloads.put(url, Payload.parse(key.displayUrl(), f.body(), f.fetchedAt()));
                    fetchedAt.put(key, f.fetchedAt());
                } catch (FeedUnreachableException e) {
                    anyFailure = true;
                    payloads.put(url, Payload.failed(key.displayUrl(), "FeedUnreachable: " + e.getMessage(), now));
                }
            }
            synchronized (s) {
                if (!anyFailure && fetchedAt.equals(s.consumed)) return null; // same responses as last time: no news
                s.consumed = fetchedAt;
                ParseResult result = parse(spec.source(), payloads);
                return s.apply(result);
            }
        } finally {
            synchronized (s) {
                s.refreshing = false;
            }
        }
    }

    static List<URI> requests(FeedSource source) {
        return switch (source) {
            case FeedSource.Http h -> List.of(h.url());
            case FeedSource.CoinGecko c -> List.of(join(c.baseUrl(), "/api/v3/simple/price?ids="
                    + enc(String.join(",", new TreeSet<>(c.ids()))) + "&vs_currencies=" + enc(c.vsCurrency())
                    + "&include_last_updated_at=true"));
            case FeedSource.Prometheus p -> List.of(join(p.baseUrl(), "/api/v1/query?query=" + enc(p.query())));
            case FeedSource.WhatToMine w -> {
                Set<URI> urls = new LinkedHashSet<>();
                if (w.mode() == FeedSource.WhatToMine.Mode.ALL_COINS) urls.add(join(w.baseUrl(), "/coins.json"));
                if (w.mode() == FeedSource.WhatToMine.Mode.PER_COIN) {
                    for (int id : w.coinIds()) urls.add(join(w.baseUrl(), "/coins/" + id + ".json"));
                }
                // Coin 1 (BTC, exchange_rate in USD) converts altcoin rates; the GPU listing may not contain it.
                urls.add(join(w.baseUrl(), "/coins/" + WhatToMineParser.BTC + ".json"));
                yield List.copyOf(urls);
            }
            case FeedSource.Static st -> List.of();
            case FeedSource.Tariff t -> List.of();
        };
    }

    private static ParseResult parse(FeedSource source, Map<URI, Payload> payloads) {
        List<Payload> list = new ArrayList<>(payloads.values());
        return switch (source) {
            case FeedSource.Http h -> JsonFieldParser.parse(list.get(0), h);
            case FeedSource.CoinGecko c -> CoinGeckoParser.parse(list.get(0), c);
            case FeedSource.Prometheus p -> PrometheusParser.parse(list.get(0), p);
            case FeedSource.WhatToMine w -> {
                Payload listing = null;
                Map<Integer, Payload> perCoin = new LinkedHashMap<>();
                for (var e : payloads.entrySet()) {
                    String path = e.getKey().getPath();
                    if (path.endsWith("/coins.json")) {
                        listing = e.getValue();
                    } else {
                        String file = path.substring(path.lastIndexOf('/') + 1);
                        perCoin.put(Integer.parseInt(file.substring(0, file.length() - ".json".length())), e.getValue());
                    }
                }
                yield WhatToMineParser.parse(w.coinIds(), listing, perCoin);
            }
            case FeedSource.Static st -> throw new IllegalStateException("static feeds are not fetched");
            case FeedSource.Tariff t -> throw new IllegalStateException("tariff feeds are not fetched");
        };
    }

    private static URI join(URI base, String pathAndQuery) {
        String b = base.toString();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return URI.create(b + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- reading

    /** The value at the injected clock's now. */
    public MarketValue get(String feed, String field) {
        return get(feed, field, clock.instant());
    }

    /**
     * The value of {@code feed}'s {@code field} at {@code now}. Never throws for unknown names: they come back not
     * fresh with a {@code NoData} reason.
     */
    public MarketValue get(String feed, String field, Instant now) {
        FeedState s = feeds.get(feed);
        if (s == null) return MarketValue.missing(feed, "NoData: feed " + feed + " is not registered");
        synchronized (s) {
            return s.value(field, now);
        }
    }

    /** All fields of a feed. */
    public Map<String, MarketValue> values(String feed, Instant now) {
        Map<String, MarketValue> out = new LinkedHashMap<>();
        for (String f : fields(feed)) out.put(f, get(feed, f, now));
        return out;
    }

    /** Age of the last good value, empty when there is none (for a data-age metric). */
    public Optional<Duration> age(String feed, String field, Instant now) {
        return get(feed, field, now).age(now);
    }

    /** One row per feed field: for status, explanations and metrics. */
    public record FieldStatus(String feed, String field, MarketValue value, Optional<Duration> age) {
    }

    public List<FieldStatus> snapshot(Instant now) {
        List<FieldStatus> out = new ArrayList<>();
        for (String feed : feeds()) {
            for (var e : values(feed, now).entrySet()) {
                out.add(new FieldStatus(feed, e.getKey(), e.getValue(), e.getValue().age(now)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- state

    private static final class FieldState {
        final FieldSmoother smoother;
        Instant observedAt;
        String url = "";
        String path = "";
        String problem;

        FieldState(FeedSpec spec) {
            smoother = new FieldSmoother(spec.smoothing());
        }
    }

    private static final class FeedState {
        FeedSpec spec;
        Instant nextDue = Instant.MIN;
        boolean refreshing;
        Map<RequestKey, Instant> consumed = Map.of();
        final Map<String, FieldState> fields = new LinkedHashMap<>();
        String feedProblem;
        boolean everRefreshed;

        FeedState(FeedSpec spec) {
            this.spec = spec;
            switch (spec.source()) {
                case FeedSource.WhatToMine w -> w.coinIds().forEach(id ->
                        WhatToMineParser.fields(id).forEach(f -> fields.put(f, new FieldState(spec))));
                case FeedSource.CoinGecko c -> c.ids().forEach(id -> fields.put(id, new FieldState(spec)));
                case FeedSource.Http h -> fields.put(JsonFieldParser.FIELD, new FieldState(spec));
                default -> {
                }
            }
        }

        synchronized FeedSpec spec() {
            return spec;
        }

        boolean isHttp() {
            return !(spec.source() instanceof FeedSource.Static || spec.source() instanceof FeedSource.Tariff);
        }

        String source(String url, String path) {
            return spec.name() + ": " + spec.source().kind() + (url == null || url.isEmpty() ? "" : " " + url)
                    + (path == null || path.isEmpty() ? "" : " " + path);
        }

        /** Applies one refresh; returns a summary problem or null. */
        String apply(ParseResult r) {
            everRefreshed = true;
            boolean dynamic = spec.source() instanceof FeedSource.Prometheus;
            String payloadProblem = r.problems().get("");
            feedProblem = payloadProblem;
            for (var e : r.values().entrySet()) {
                if (e.getKey().isEmpty()) continue;
                FieldState fs = fields.computeIfAbsent(e.getKey(), k -> new FieldState(spec));
                Observation o = e.getValue();
                fs.problem = null;
                fs.url = o.url();
                fs.path = o.path();
                if (fs.observedAt != null && !o.observedAt().isAfter(fs.observedAt)) continue; // not newer: no new tick
                fs.smoother.offer(o.value());
                fs.observedAt = o.observedAt();
            }
            for (var e : r.problems().entrySet()) {
                if (e.getKey().isEmpty()) continue;
                fields.computeIfAbsent(e.getKey(), k -> new FieldState(spec)).problem = e.getValue();
            }
            for (var e : fields.entrySet()) {
                if (r.values().containsKey(e.getKey()) || r.problems().containsKey(e.getKey())) continue;
                e.getValue().problem = payloadProblem != null ? payloadProblem
                        : dynamic ? "Missing: " + e.getKey() + " absent from the last response"
                        : "Missing: not in the last response";
            }
            if (payloadProblem != null) return payloadProblem;
            return r.problems().isEmpty() ? null : r.problems().values().iterator().next();
        }

        MarketValue value(String field, Instant now) {
            switch (spec.source()) {
                case FeedSource.Static st -> {
                    Double v = st.values().get(field);
                    return v == null ? MarketValue.missing(source(null, null), "NoData: static feed has no field " + field)
                            : new MarketValue(v, source(null, field), now, true, null);
                }
                case FeedSource.Tariff t -> {
                    if (!TARIFF_FIELD.equals(field)) {
                        return MarketValue.missing(source(null, null), "NoData: a tariff has only the field price");
                    }
                    var w = TariffCalculator.windowAt(t, now);
                    String where = w.map(x -> "window " + x.days() + " " + x.start() + "-" + x.end() + " " + t.zone())
                            .orElse("default " + t.zone());
                    return new MarketValue(w.map(FeedSource.Tariff.Window::price).orElse(t.defaultPrice()),
                            source(null, where), now, true, null);
                }
                default -> {
                }
            }
            FieldState fs = fields.get(field);
            if (fs == null) {
                String reason = feedProblem != null ? feedProblem
                        : everRefreshed ? "NoData: " + field + " is not in the response" : "NoData: not fetched yet";
                return MarketValue.missing(source(null, null), reason);
            }
            String src = source(fs.url, fs.path);
            var published = fs.smoother.published();
            if (published.isEmpty()) {
                return MarketValue.missing(src, fs.problem != null ? fs.problem
                        : everRefreshed ? "NoData: no valid value yet" : "NoData: not fetched yet");
            }
            Duration age = Duration.between(fs.observedAt, now);
            if (age.isNegative()) age = Duration.ZERO;
            if (fs.problem != null) {
                return new MarketValue(published.getAsDouble(), src, fs.observedAt, false,
                        fs.problem + " (last good value " + Ages.format(age) + " old)");
            }
            if (age.compareTo(spec.maxAge()) > 0) {
                return new MarketValue(published.getAsDouble(), src, fs.observedAt, false,
                        "Stale: last good value " + Ages.format(age) + " old > maxAge " + Ages.format(spec.maxAge()));
            }
            return new MarketValue(published.getAsDouble(), src, fs.observedAt, true, null);
        }
    }
}
