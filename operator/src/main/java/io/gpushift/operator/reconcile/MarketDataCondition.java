package io.gpushift.operator.reconcile;

import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.api.translate.FeedInput;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.api.v1alpha1.MarketDataValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code MarketDataFresh} condition and the {@code status.marketData} list of an object priced with feeds. Not
 * fresh means its option holds (no GPU moves to or from it for profit): reason {@code Stale} when every problem is age,
 * else {@code FeedUnavailable}; the message names field, feed and cause. Messages hold no ages, so they change only
 * when something happens.
 */
final class MarketDataCondition {

  static final String TYPE = "MarketDataFresh";
  private static final int MAX_MESSAGE = 2000;

  private MarketDataCondition() {
  }

  static Condition of(Translated<?> t, Long generation, String namespace) {
    Condition c = new Condition();
    c.type = TYPE;
    c.observedGeneration = generation;
    List<FeedInput> inputs = t.inputs();
    if (inputs.isEmpty()) {
      c.status = ConditionStatus.True;
      c.reason = "NoFeeds";
      c.message = "no value comes from a feed";
    } else if (t.staleReasons().isEmpty()) {
      c.status = ConditionStatus.True;
      c.reason = "Fresh";
      // Inputs with a fallback (measured watts) may be unusable without holding anything: they are named too.
      List<String> used = inputs.stream().map(i -> i.fresh() ? i.field() + " = " + i.value().value() + " ("
          + feed(i, namespace) + ")" : i.field() + ": " + i.reason()).toList();
      c.message = "every feed-backed price is fresh: " + String.join("; ", used);
    } else {
      c.status = ConditionStatus.False;
      boolean onlyAge = inputs.stream().filter(i -> t.staleReasons().contains(i.field() + ": " + i.reason()))
          .allMatch(i -> i.value() != null && i.reason().startsWith("Stale:"));
      c.reason = onlyAge ? "Stale" : "FeedUnavailable";
      c.message = "holding: no GPU moves to or from this option until its data is fresh; "
          + String.join("; ", t.staleReasons());
    }
    if (c.message.length() > MAX_MESSAGE) c.message = c.message.substring(0, MAX_MESSAGE - 3) + "...";
    return c;
  }

  /** One entry per feed-backed value, or {@code null} when there is none (the field stays absent). */
  static List<MarketDataValue> values(Translated<?> t, String namespace) {
    return values(t, namespace, null);
  }

  /**
   * As {@link #values(Translated, String)}, but an entry that differs from its entry in {@code before} only in
   * {@code observedAt} keeps the old time: every feed refresh observes anew, and writing each new time rewrote every
   * MiningPool, AIWorkload and GPUNodePool status on every refresh. The time is written again once the value, source,
   * freshness or reason changes; the MarketFeed's own status does the same ({@link FeedStatus}).
   */
  static List<MarketDataValue> values(Translated<?> t, String namespace, List<MarketDataValue> before) {
    if (t.inputs().isEmpty()) return null;
    List<MarketDataValue> out = new ArrayList<>();
    for (FeedInput i : t.inputs()) {
      MarketDataValue v = new MarketDataValue();
      v.field = i.field();
      v.feed = feed(i, namespace);
      v.fresh = i.fresh();
      v.reason = cut(i.reason());
      if (i.value() != null) {
        v.value = i.value().value();
        v.source = cut(i.value().source());
        v.observedAt = i.value().observedAt() == null ? null : i.value().observedAt().toString();
      }
      v.observedAt = previous(before, v).map(old -> old.observedAt).orElse(v.observedAt);
      out.add(v);
    }
    return out;
  }

  /** The entry of {@code before} for the same field and feed that equals {@code v} apart from the observation time. */
  static Optional<MarketDataValue> previous(List<MarketDataValue> before, MarketDataValue v) {
    if (before == null) return Optional.empty();
    return before.stream().filter(old -> Objects.equals(old.field, v.field) && Objects.equals(old.feed, v.feed)
        && Objects.equals(old.value, v.value) && Objects.equals(old.source, v.source)
        && Objects.equals(old.fresh, v.fresh) && Objects.equals(old.reason, v.reason)).findFirst();
  }

  /** {@code namespace/name field}, the namespace defaulted to the referring object's. */
  private static String feed(FeedInput i, String namespace) {
    String ns = i.ref().namespace != null ? i.ref().namespace : namespace;
    return (ns == null ? "" : ns + "/") + i.ref().name
        + (i.ref().field == null ? "" : " " + i.ref().field);
  }

  private static String cut(String s) {
    return s == null || s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
