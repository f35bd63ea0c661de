package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.operator.Keys;
import java.util.List;

/**
 * The three PriorityClasses the operator's pods use. Priority orders them for the scheduler and for eviction under node
 * pressure (miners first); preemptionPolicy Never because GPUShift does its own displacement, gracefully — the
 * scheduler would preempt an AI replica without its checkpoint grace. Created once per process if missing (a read, then
 * a create only when absent, so a restart writes nothing).
 */
final class PriorityClasses {

  private volatile boolean ensured;

  void ensure(KubernetesClient client) {
    if (ensured) {
      return;
    }
    for (PriorityClass pc : List.of(
        pc(Keys.PRIORITY_MINING, -100, "GPUShift miners: the first to go"),
        pc(Keys.PRIORITY_AI_PREEMPTIBLE, 100, "GPUShift preemptible AI replicas"),
        pc(Keys.PRIORITY_AI_GUARANTEED, 1000, "GPUShift Guaranteed AI replicas: contracted capacity"))) {
      if (client.scheduling().v1().priorityClasses().withName(pc.getMetadata().getName()).get() == null) {
        try {
          client.scheduling().v1().priorityClasses().resource(pc).create();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
        }
      }
    }
    ensured = true;
  }

  private static PriorityClass pc(String name, int value, String description) {
    return new PriorityClassBuilder().withNewMetadata().withName(name)
        .addToLabels(Keys.MANAGED_BY, Keys.MANAGED_BY_VALUE).endMetadata()
        .withValue(value).withPreemptionPolicy("Never").withGlobalDefault(false).withDescription(description).build();
  }
}
