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

/** An elastic AI job or service that pays per GPU-hour: one AI option in the ledger. */
@Group(GPUNodePool.GROUP)
@Version(GPUNodePool.VERSION)
@Kind("AIWorkload")
@Plural("aiworkloads")
@Singular("aiworkload")
@ShortNames("aiw")
@Categories("gpushift")
@AdditionalPrinterColumn(name = "Commitment", jsonPath = ".spec.commitment", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.desiredReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.runningReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".status.gpus", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Profit/h", jsonPath = ".status.profitUsdPerHour",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AIWorkload extends CustomResource<AIWorkloadSpec, AIWorkloadStatus> implements Namespaced {

  /** The desired replicas are running. */
  public static final String CONDITION_READY = "Ready";
  /** The planner gave the workload GPUs (for Guaranteed: at least minReplicas). */
  public static final String CONDITION_ADMITTED = "Admitted";
  /** Replicas were taken away for something more profitable; reason and message say what and why. */
  public static final String CONDITION_PREEMPTED = "Preempted";
  /** Every feed-backed value (price, token price) has been refreshed recently enough to trust. */
  public static final String CONDITION_MARKET_DATA_FRESH = "MarketDataFresh";

  // Overridden only to give `spec` and `status` a description for kubectl explain.
  @Override
  @Required
  @JsonPropertyDescription("The pod to run per replica, how many replicas, on which GPUs, and what each GPU-hour pays.")
  public AIWorkloadSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Replicas and GPUs given to the workload and what they earn, as observed by the operator.")
  public AIWorkloadStatus getStatus() {
    return super.getStatus();
  }
}
