package io.gpushift.operator.market;

import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.engine.model.MarketValue;
import java.util.Set;

/**
 * The operator's {@link FeedLookup}: a {@link FeedRef} resolved against the registered MarketFeeds, defaulting its
 * namespace to that of the object holding it. Reasons start with a kind ({@code Stale}, {@code FeedUnreachable},
 * {@code ValueRejected}, {@code Missing}, {@code NoData}, {@code FeedNotFound}, {@code FeedInvalid}) and carry no age, so
 * conditions built from them change only when something happens.
 */
public final class FeedResolver implements FeedLookup {

  private final MarketFeeds feeds;
  private final String defaultNamespace;

  /** @param defaultNamespace the referring object's namespace; {@code null} for a GPUNodePool */
  public FeedResolver(MarketFeeds feeds, String defaultNamespace) {
    this.feeds = feeds;
    this.defaultNamespace = defaultNamespace;
  }

  @Override
  public Resolution resolve(FeedRef ref) {
    String ns = ref.namespace != null ? ref.namespace : defaultNamespace;
    if (ns == null) {
      return Resolution.unavailable(null, "FeedNotFound: feedRef " + ref.name + " names no namespace");
    }
    String feed = "feed " + ns + "/" + ref.name;
    if (!feeds.registered(ns, ref.name)) {
      return Resolution.unavailable(null, feeds.problem(ns, ref.name).map(p -> "FeedInvalid: " + feed + ": " + p)
          .orElse("FeedNotFound: no MarketFeed " + ns + "/" + ref.name + " (or not reconciled yet)"));
    }
    String field = ref.field;
    if (field == null) {
      Set<String> fields = feeds.fields(ns, ref.name);
      if (fields.size() != 1) {
        return Resolution.unavailable(null, "NoData: " + feed + " publishes " + fields + "; set feedRef.field");
      }
      field = fields.iterator().next();
    }
    io.gpushift.market.MarketValue v = feeds.get(ns, ref.name, field);
    MarketValue used = v.hasValue() ? new MarketValue(v.value(), v.source(), v.observedAt()) : null;
    if (v.fresh()) {
      return Resolution.fresh(used);
    }
    String why = v.reasonWithoutAge().orElse("NoData");
    int colon = why.indexOf(':');
    String kind = colon < 0 ? why : why.substring(0, colon);
    String detail = colon < 0 ? "" : why.substring(colon + 1).trim();
    return Resolution.unavailable(used, kind + ": " + feed + " field " + field + ": " + detail
        + (used == null ? "" : "; last good value " + v.value() + " observed " + v.observedAt()));
  }
}
