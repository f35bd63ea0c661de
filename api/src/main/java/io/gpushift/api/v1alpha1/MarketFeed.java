package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A source of market data (coin prices, network data, AI token prices, electricity prices, measured power) that
 * {@link FeedRef}s in the other resources read. Namespaced so a feed's API key Secret lives next to it.
 */
@Group(GPUNodePool.GROUP)
@Version(GPUNodePool.VERSION)
@Kind("MarketFeed")
@Plural("marketfeeds")
@Singular("marketfeed")
@ShortNames("mf")
@Categories("gpushift")
@AdditionalPrinterColumn(name = "Fresh", jsonPath = ".status.conditions[?(@.type==\"Fresh\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MarketFeed extends CustomResource<MarketFeedSpec, MarketFeedStatus> implements Namespaced {

  /** The spec is usable: its Secret and ConfigMap could be read and the feed is being refreshed. */
  public static final String CONDITION_READY = "Ready";
  /** Every field has a value younger than maxAge from a successful refresh. */
  public static final String CONDITION_FRESH = "Fresh";

  @Override
  @Required
  @JsonPropertyDescription("Where the values come from (exactly one source), how often they are fetched, how they are "
      + "smoothed and when they count as stale.")
  public MarketFeedSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("The feed's current values with their source and observation time, as the operator sees "
      + "them.")
  public MarketFeedStatus getStatus() {
    return super.getStatus();
  }
}
