package io.gpushift.operator.market;

import io.gpushift.api.v1alpha1.FeedSources;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MarketFeedSpec;
import io.gpushift.market.parse.Numbers;
import io.gpushift.market.parse.ValueRejectedException;
import io.gpushift.market.spec.ApiKey;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.RetrySpec;
import io.gpushift.market.spec.SmoothingSpec;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A MarketFeed (the API) as the market module's {@link FeedSpec}, 1:1; the defaults are the CRD's. */
public final class FeedSpecs {

  /** What a feed may need from the cluster. */
  public interface Reads {
    String secret(String namespace, String name, String key) throws FeedConfigException;

    Map<String, String> configMap(String namespace, String name) throws FeedConfigException;
  }

  private FeedSpecs() {
  }

  public static FeedSpec from(MarketFeed feed, Reads reads) throws FeedConfigException {
    MarketFeedSpec s = feed.getSpec();
    String ns = feed.getMetadata().getNamespace();
    String name = MarketFeeds.key(ns, feed.getMetadata().getName());
    try {
      Duration refresh = duration(s.refreshInterval, "60s", "spec.refreshInterval");
      FeedSpec spec = new FeedSpec(name, source(s, ns, reads), refresh, duration(s.timeout, "10s", "spec.timeout"),
          duration(s.maxAge, "10m", "spec.maxAge"), smoothing(s.smoothing), retry(s.retry), Optional.empty());
      if (s.apiKey != null) {
        String value = reads.secret(ns, s.apiKey.secretKeyRef.name, s.apiKey.secretKeyRef.key);
        spec = spec.withApiKey(ApiKey.of(s.apiKey.header, (s.apiKey.prefix == null ? "" : s.apiKey.prefix) + value));
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw new FeedConfigException("InvalidSpec", "spec: " + e.getMessage());
    }
  }

  private static FeedSource source(MarketFeedSpec s, String ns, Reads reads) throws FeedConfigException {
    if (s.staticValues != null) return new FeedSource.Static(s.staticValues, "");
    if (s.configMap != null) return new FeedSource.Static(configMapValues(s.configMap, ns, reads), "");
    if (s.httpJson != null) {
      var h = s.httpJson;
      return new FeedSource.Http(URI.create(h.url), pointer(h.pointer, "spec.httpJson.pointer"),
          h.multiplier == null ? 1.0 : h.multiplier,
          h.unit, Boolean.TRUE.equals(h.negativeAsZero));
    }
    if (s.electricityPrice != null) {
      var e = s.electricityPrice;
      boolean perKWh = e.unit == FeedSources.ElectricityPrice.Unit.USDPerKWh;
      return new FeedSource.Http(URI.create(e.url), pointer(e.pointer, "spec.electricityPrice.pointer"),
          perKWh ? 1.0 : 0.001, "USD/kWh",
          e.negativeAsZero == null || e.negativeAsZero);
    }
    if (s.whatToMine != null) {
      var w = s.whatToMine;
      return new FeedSource.WhatToMine(URI.create(orDefault(w.baseUrl, "https://whattomine.com")), w.coinIds,
          w.mode == FeedSources.WhatToMine.Mode.PerCoin ? FeedSource.WhatToMine.Mode.PER_COIN
              : FeedSource.WhatToMine.Mode.ALL_COINS);
    }
    if (s.coinGecko != null) {
      var c = s.coinGecko;
      return new FeedSource.CoinGecko(URI.create(orDefault(c.baseUrl, "https://api.coingecko.com")), c.ids,
          orDefault(c.vsCurrency, "usd"));
    }
    if (s.prometheus != null) {
      return new FeedSource.Prometheus(URI.create(s.prometheus.url), s.prometheus.query, s.prometheus.labelKey);
    }
    throw new FeedConfigException("InvalidSpec", "spec: no source set");
  }

  /** Every key (or the listed ones) as a number; a text that is not one names the key. */
  private static Map<String, Double> configMapValues(FeedSources.ConfigMapSource c, String ns, Reads reads)
      throws FeedConfigException {
    Map<String, String> data = reads.configMap(ns, c.name);
    List<String> keys = c.keys == null || c.keys.isEmpty() ? List.copyOf(data.keySet()) : c.keys;
    Map<String, Double> values = new LinkedHashMap<>();
    for (String k : keys) {
      String where = "ConfigMap " + ns + "/" + c.name + " key " + k;
      if (!data.containsKey(k)) throw new FeedConfigException("ConfigMapInvalid", "spec.configMap: " + where + " is missing");
      try {
        double v = Numbers.parseText(data.get(k), where);
        if (v < 0) throw new FeedConfigException("ConfigMapInvalid", "spec.configMap: " + where + " is negative");
        values.put(k, v);
      } catch (ValueRejectedException e) {
        throw new FeedConfigException("ConfigMapInvalid", "spec.configMap: " + e.getMessage());
      }
    }
    return values;
  }

  private static SmoothingSpec smoothing(FeedSources.Smoothing s) {
    if (s == null) return SmoothingSpec.DEFAULT;
    double k = s.k == null ? 3.5 : s.k;
    OutlierRule rule = s.outliers == null || s.outliers == FeedSources.Smoothing.Outliers.MAD ? OutlierRule.mad(k)
        : s.outliers == FeedSources.Smoothing.Outliers.Sigma ? OutlierRule.sigma(k) : OutlierRule.none();
    SmoothingSpec.Method method = s.method == null ? SmoothingSpec.Method.EMA : switch (s.method) {
      case Last -> SmoothingSpec.Method.LAST;
      case EMA -> SmoothingSpec.Method.EMA;
      case Median -> SmoothingSpec.Method.MEDIAN;
    };
    return new SmoothingSpec(s.window == null ? 5 : s.window, rule, method,
        s.confirmRises == null ? 3 : s.confirmRises, s.confirmFalls == null ? 0 : s.confirmFalls);
  }

  private static RetrySpec retry(FeedSources.Retry r) throws FeedConfigException {
    if (r == null) return RetrySpec.DEFAULT;
    RetrySpec d = RetrySpec.DEFAULT;
    return new RetrySpec(r.maxAttempts == null ? d.maxAttempts() : r.maxAttempts, d.baseDelay(), d.maxDelay(),
        d.jitter(), duration(r.maxRetryAfter, "60s", "spec.retry.maxRetryAfter"));
  }

  static Duration duration(String text, String fallback, String field) throws FeedConfigException {
    String value = text == null ? fallback : text;
    try {
      return io.fabric8.kubernetes.api.model.Duration.parse(value).getDuration();
    } catch (java.text.ParseException | RuntimeException e) {
      throw new FeedConfigException("InvalidSpec", field + ": not a duration: " + value);
    }
  }

  /**
   * RFC 6901: '~' only as ~0 or ~1. Jackson reads any other '~' literally, so a mistyped pointer would point at
   * nothing and the feed would never publish, far from the field that is wrong.
   */
  static String pointer(String pointer, String field) throws FeedConfigException {
    if (pointer != null && !pointer.matches("(/([^~/]|~[01])*)*")) {
      throw new FeedConfigException("InvalidSpec", field + " " + pointer + " is not an RFC 6901 JSON Pointer: "
          + "'~' must be followed by 0 (for ~) or 1 (for /)");
    }
    return pointer;
  }

  private static String orDefault(String s, String d) {
    return s == null || s.isBlank() ? d : s;
  }
}
