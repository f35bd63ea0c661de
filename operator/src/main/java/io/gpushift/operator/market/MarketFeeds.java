package io.gpushift.operator.market;

import io.gpushift.market.MarketData;
import io.gpushift.market.MarketValue;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The operator's market data: every MarketFeed registered in one {@link MarketData} (so one shared fetch cache: ten
 * feeds or objects naming the same URL cause one request), refreshed by a small loop, and listeners told when a feed
 * was refreshed or when one of its <em>published</em> values (smoothed and confirmed) or its freshness changed. Feeds
 * are keyed by namespace and name; the market module's feed name is {@code <namespace>.<name>} (a namespace has no dot).
 */
public class MarketFeeds implements AutoCloseable {

  /** Told about feed updates; called from the refresh loop, so it must not block. */
  public interface Listener {
    /**
     * @param confirmedChange a published value, its freshness or the feed's availability changed; false when the feed
     *                        was merely refreshed (new observation times, same published values)
     */
    void feedUpdated(String namespace, String name, boolean confirmedChange);
  }

  private static final Logger LOG = Logger.getLogger(MarketFeeds.class);
  private final MarketData data;
  private final Clock clock;
  private final GpuShiftMetrics metrics;
  private final Duration poll;
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> published = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService loop;

  /** @param poll how often due feeds are looked for and published values compared (1 s is cheap: no I/O when none is due) */
  public MarketFeeds(MarketData data, Clock clock, GpuShiftMetrics metrics, Duration poll) {
    this.data = data;
    this.clock = clock;
    this.metrics = metrics;
    this.poll = poll;
  }

  public static String key(String namespace, String name) {
    return namespace + "." + name;
  }

  /** Adds or updates a feed; the refresh loop starts with the first feed (only the leader reconciles feeds). */
  public void register(String namespace, String name, FeedSpec spec) {
    String key = key(namespace, name);
    if (!key.equals(spec.name())) throw new IllegalArgumentException("feed spec name " + spec.name() + " != " + key);
    boolean wasProblem = problems.remove(key) != null;
    boolean isNew = data.spec(key).map(old -> !old.equals(spec)).orElse(true);
    data.register(spec);
    startLoop();
    if (wasProblem || isNew) notify(namespace, name, true);
  }

  /** The feed cannot be used (its Secret or ConfigMap is missing, its spec is invalid): references report why. */
  public void unavailable(String namespace, String name, String problem) {
    String key = key(namespace, name);
    boolean changed = !problem.equals(problems.put(key, problem)) | data.unregister(key);
    published.remove(key);
    metrics.forgetMarketData(namespace + "/" + name);
    if (changed) notify(namespace, name, true);
  }

  /** The MarketFeed is gone. */
  public void remove(String namespace, String name) {
    String key = key(namespace, name);
    boolean changed = problems.remove(key) != null | data.unregister(key);
    published.remove(key);
    metrics.forgetMarketData(namespace + "/" + name);
    if (changed) notify(namespace, name, true);
  }

  public boolean registered(String namespace, String name) {
    return data.spec(key(namespace, name)).isPresent();
  }

  public Optional<FeedSpec> spec(String namespace, String name) {
    return data.spec(key(namespace, name));
  }

  public Optional<String> problem(String namespace, String name) {
    return Optional.ofNullable(problems.get(key(namespace, name)));
  }

  public Set<String> fields(String namespace, String name) {
    return data.fields(key(namespace, name));
  }

  public MarketValue get(String namespace, String name, String field) {
    return data.get(key(namespace, name), field, clock.instant());
  }

  public Map<String, MarketValue> values(String namespace, String name) {
    return data.values(key(namespace, name), clock.instant());
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  /** One round: start the due refreshes (without waiting), then report what changed. Public for tests. */
  public void tick() {
    Instant now = clock.instant();
    Thread.ofVirtual().name("market-refresh").start(() -> {
      var report = data.refreshDue(now);
      report.refreshed().forEach(key -> {
        String[] nn = split(key);
        notify(nn[0], nn[1], publishedChanged(key));
      });
    });
    for (String key : data.feeds()) {
      String[] nn = split(key);
      if (publishedChanged(key)) notify(nn[0], nn[1], true);
    }
    Instant at = clock.instant();
    for (var row : data.snapshot(at)) {
      String[] nn = split(row.feed());
      row.age().ifPresent(age -> metrics.marketDataAge(nn[0] + "/" + nn[1], row.field(), age.toMillis() / 1000.0));
    }
  }

  /** Compares the published value and freshness of every field with what listeners were last told. */
  private synchronized boolean publishedChanged(String key) {
    Map<String, String> now = new TreeMap<>();
    data.values(key, clock.instant()).forEach((field, v) -> now.put(field,
        (v.hasValue() ? Double.toString(v.value()) : "none") + "/" + v.fresh() + "/" + v.reasonKind().orElse("")));
    return !Objects.equals(published.put(key, now), now);
  }

  private void notify(String namespace, String name, boolean confirmed) {
    for (Listener l : listeners) {
      try {
        l.feedUpdated(namespace, name, confirmed);
      } catch (RuntimeException e) {
        LOG.warnf(e, "listener failed for feed %s/%s", namespace, name);
      }
    }
  }

  private static String[] split(String key) {
    int dot = key.indexOf('.');
    return new String[] {key.substring(0, dot), key.substring(dot + 1)};
  }

  private synchronized void startLoop() {
    if (loop != null) return;
    loop = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("market-feeds").unstarted(r));
    loop.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("market-data round failed", e);
      }
    }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS); // the first round one poll after the first feed
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.shutdownNow();
      loop = null;
    }
  }
}
