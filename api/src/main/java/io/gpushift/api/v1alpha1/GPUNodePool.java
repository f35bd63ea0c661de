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
 * A set of GPU nodes that share an electricity tariff and a switching policy. Cluster-scoped because nodes are: the
 * pool is owned by whoever runs the hardware, while MiningPools and AIWorkloads belong to tenants' namespaces.
 * (Deliberately not {@link Namespaced}.)
 */
@Group(GPUNodePool.GROUP)
@Version(GPUNodePool.VERSION)
@Kind("GPUNodePool")
@Plural("gpunodepools")
@Singular("gpunodepool")
@ShortNames("gnp")
@Categories("gpushift")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.policy.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".status.gpus.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Mining", jsonPath = ".status.gpus.mining", type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(name = "AI", jsonPath = ".status.gpus.ai", type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(name = "Idle", jsonPath = ".status.gpus.idle", type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(name = "Profit/h", jsonPath = ".status.profitUsdPerHour",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class GPUNodePool extends CustomResource<GPUNodePoolSpec, GPUNodePoolStatus> {

  public static final String GROUP = "gpushift.io";
  public static final String VERSION = "v1alpha1";

  /** The pool's nodes are labelled and the decision was applied (or, in Recommend mode, computed). */
  public static final String CONDITION_READY = "Ready";
  /** A feed-backed electricity price has been refreshed recently enough to trust. */
  public static final String CONDITION_MARKET_DATA_FRESH = "MarketDataFresh";

  // Overridden only to give `spec` and `status` a description for kubectl explain.
  @Override
  @Required
  @JsonPropertyDescription("Which nodes form the pool, what their electricity costs and how GPUs may be switched.")
  public GPUNodePoolSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("GPUs by use, the pool's economics and the last decision, as observed by the operator.")
  public GPUNodePoolStatus getStatus() {
    return super.getStatus();
  }
}
