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

/** A coin mined at a stratum pool: one mining option in the ledger, worth running on a GPU only while it pays. */
@Group(GPUNodePool.GROUP)
@Version(GPUNodePool.VERSION)
@Kind("MiningPool")
@Plural("miningpools")
@Singular("miningpool")
@ShortNames("mp")
@Categories("gpushift")
@AdditionalPrinterColumn(name = "Coin", jsonPath = ".spec.coin", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".status.gpus", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Hashrate", jsonPath = ".status.expectedHashrate",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Profit/h", jsonPath = ".status.profitUsdPerHour",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Profitable", jsonPath = ".status.conditions[?(@.type==\"Profitable\")].status",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MiningPool extends CustomResource<MiningPoolSpec, MiningPoolStatus> implements Namespaced {

  /** Miners are running on every GPU the plan gave this pool. */
  public static final String CONDITION_READY = "Ready";
  /** At least one GPU product earns more than its power costs (or allowLoss is set). */
  public static final String CONDITION_PROFITABLE = "Profitable";
  /** Every GPU product in the node pools it may use has a profile. */
  public static final String CONDITION_PROFILES_COMPLETE = "ProfilesComplete";
  /** Every feed-backed value has been refreshed recently enough to trust. */
  public static final String CONDITION_MARKET_DATA_FRESH = "MarketDataFresh";

  // Overridden only to give `spec` and `status` a description for kubectl explain.
  @Override
  @Required
  @JsonPropertyDescription("The coin, the stratum pool, the miner, what each GPU product hashes and how a hash is priced.")
  public MiningPoolSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("GPUs mining for this pool and what they earn, as observed by the operator.")
  public MiningPoolStatus getStatus() {
    return super.getStatus();
  }
}
