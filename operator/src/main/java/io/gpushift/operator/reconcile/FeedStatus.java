package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.MarketDataValue;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MarketFeedStatus;
import io.gpushift.market.MarketValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MarketFeed's status: every field's published value, source and observation time, {@code Ready} (usable spec,
 * Secret, ConfigMap) and {@code Fresh} (every field recent; else the first culprit). Ages are not written: status then
 * changes only when something was observed.
 */
final class FeedStatus {

  private FeedStatus() {
  }

  /** @param problem why the feed is unusable ({@code reason}, message) or {@code null} */
  static MarketFeedStatus build(MarketFeed feed, Map<String, MarketValue> values, String[] problem, Instant now) {
    MarketFeedStatus old = feed.getStatus();
    MarketFeedStatus s = new MarketFeedStatus();
    s.observedGeneration = feed.getMetadata().getGeneration();
    values.forEach((field, v) -> {
      MarketDataValue shown = value(field, v);
      shown.observedAt = MarketDataCondition.previous(old == null ? null : old.fields, shown).map(o -> o.observedAt)
          .orElse(shown.observedAt);
      s.fields.add(shown);
    });
    s.conditions = old == null || old.conditions == null ? new ArrayList<>() : Serialization.clone(old).conditions;
    Long gen = s.observedGeneration;
    if (problem != null) {
      Conditions.set(s.conditions, condition(MarketFeed.CONDITION_READY, false, problem[0], problem[1], gen), now);
      Conditions.set(s.conditions, condition(MarketFeed.CONDITION_FRESH, false, "FeedUnavailable", problem[1], gen),
          now);
      return s;
    }
    Conditions.set(s.conditions, condition(MarketFeed.CONDITION_READY, true, "Refreshing",
        "the feed is registered and refreshed every " + (feed.getSpec().refreshInterval == null ? "60s"
            : feed.getSpec().refreshInterval), gen), now);
    List<String> notFresh = new ArrayList<>();
    values.forEach((field, v) -> {
      if (!v.fresh()) notFresh.add(field + ": " + v.reasonWithoutAge().orElse(""));
    });
    if (values.isEmpty()) {
      Conditions.set(s.conditions, condition(MarketFeed.CONDITION_FRESH, false, "NoData", "no field yet", gen), now);
    } else if (notFresh.isEmpty()) {
      Conditions.set(s.conditions, condition(MarketFeed.CONDITION_FRESH, true, "Fresh",
          values.size() + " field(s) fresh", gen), now);
    } else {
      String first = notFresh.get(0);
      String kind = first.substring(first.indexOf(": ") + 2).split(":", 2)[0];
      Conditions.set(s.conditions, condition(MarketFeed.CONDITION_FRESH, false, kind.matches("[A-Za-z]+") ? kind
          : "NotFresh", notFresh.size() + " of " + values.size() + " field(s) not fresh: " + String.join("; ", notFresh),
          gen), now);
    }
    return s;
  }

  private static MarketDataValue value(String field, MarketValue v) {
    MarketDataValue out = new MarketDataValue();
    out.field = field;
    out.fresh = v.fresh();
    out.reason = v.reasonWithoutAge().orElse(null);
    if (v.hasValue()) {
      out.value = v.value();
      out.source = v.source().length() > 1024 ? v.source().substring(0, 1021) + "..." : v.source();
      out.observedAt = v.observedAt().toString();
    }
    return out;
  }

  private static Condition condition(String type, boolean ok, String reason, String message, Long gen) {
    Condition c = new Condition(type, ok ? ConditionStatus.True : ConditionStatus.False, reason,
        message.length() > 2000 ? message.substring(0, 1997) + "..." : message);
    c.observedGeneration = gen;
    return c;
  }
}
