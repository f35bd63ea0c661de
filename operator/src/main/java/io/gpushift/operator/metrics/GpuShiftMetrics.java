package io.gpushift.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's one metrics facade (Prometheus names in brackets): GPUs by use and model [gpushift_gpus], revenue,
 * power cost and profit per hour [gpushift_revenue_usd_per_hour, gpushift_power_cost_usd_per_hour,
 * gpushift_profit_usd_per_hour], switches by reason [gpushift_switches_total], decision duration
 * [gpushift_decision_duration_seconds], of which the engine's share [gpushift_engine_duration_seconds], and market-data age [gpushift_market_data_age_seconds].
 */
public class GpuShiftMetrics {

  private final MeterRegistry registry;
  /** Gauges read these holders; Micrometer keeps only weak references, so we keep the strong ones. */
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public GpuShiftMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void decision(String pool, Duration took) {
    // A histogram, so the chart's dashboard can plot p50/p95/p99 from gpushift_decision_duration_seconds_bucket.
    Timer.builder("gpushift.decision.duration").description("Time to gather, decide and realise one pool")
        .tag("pool", pool).publishPercentileHistogram().register(registry).record(took);
  }

  /** The engine's part of a decision alone (no gather, no writes). */
  public void engine(String pool, Duration took) {
    Timer.builder("gpushift.engine.duration").description("Time the engine takes to decide one pool")
        .tag("pool", pool).publishPercentileHistogram().register(registry).record(took);
  }

  public void gpus(String pool, String use, String model, int count) {
    gauge("gpushift.gpus", Tags.of("pool", pool, "use", use, "model", model), count);
  }

  public void economics(String pool, double revenue, double power, double profit) {
    gauge("gpushift.revenue.usd.per.hour", Tags.of("pool", pool), revenue);
    gauge("gpushift.power.cost.usd.per.hour", Tags.of("pool", pool), power);
    gauge("gpushift.profit.usd.per.hour", Tags.of("pool", pool), profit);
  }

  public void switched(String pool, String reason, int gpus) {
    if (gpus > 0) {
      Counter.builder("gpushift.switches").description("GPUs moved between uses").tag("pool", pool)
          .tag("reason", reason).register(registry).increment(gpus);
    }
  }

  /** Age of the last good value of a feed's field ({@code feed} = {@code namespace/name}), whether fresh or not. */
  public void marketDataAge(String feed, String field, double seconds) {
    gauge("gpushift.market.data.age.seconds", Tags.of("feed", feed, "field", field), seconds);
  }

  /** Drops the age series of a feed that was deleted or became unusable, so no stale series lingers. */
  public void forgetMarketData(String feed) {
    String prefix = "gpushift.market.data.age.seconds";
    registry.find(prefix).tag("feed", feed).meters().forEach(registry::remove);
    gauges.keySet().removeIf(k -> k.startsWith(prefix) && k.contains("tag(feed=" + feed + ")"));
  }

  private void gauge(String name, Tags tags, double value) {
    String key = name + tags;
    AtomicLong holder = gauges.computeIfAbsent(key, k -> {
      AtomicLong h = new AtomicLong();
      registry.gauge(name, tags, h, x -> Double.longBitsToDouble(x.get()));
      return h;
    });
    holder.set(Double.doubleToLongBits(value));
  }
}
