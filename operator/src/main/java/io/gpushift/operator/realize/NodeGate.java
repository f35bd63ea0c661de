package io.gpushift.operator.realize;

import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredNode;
import io.gpushift.operator.model.NodeUse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Node labels, and the device-plugin config switch with its two gates: the config label changes only once the node has
 * no GPU pods left (the plugin restarts and would pull GPUs from under running pods), and new work is placed only after
 * the plugin has re-advertised GPUs and a settle time has passed since the switch.
 */
final class NodeGate {

  private NodeGate() {
  }

  /** Adds node patches to {@code steps}; returns the nodes on which no new pod may be placed in this pass. */
  static Set<String> apply(Collection<DesiredNode> desired, Map<String, NodeView> nodes, Instant now, Duration settle,
      Steps steps, Set<String> blocked) {
    for (DesiredNode want : desired) {
      NodeView node = nodes.get(want.name());
      if (node == null) {
        continue; // deleted since the plan was made; its pods are handled by the pod diff
      }
      if (want.use() == NodeUse.IDLE && node.label(Keys.USE) == null && want.devicePluginConfig() == null
          && node.label(Keys.DEVICE_PLUGIN_CONFIG) == null) {
        continue; // never used by us and still idle: no label says more than none (a cold start wrote 1,000 of these)
      }
      Map<String, String> labels = new TreeMap<>();
      Map<String, String> annotations = new TreeMap<>();
      labels.put(Keys.USE, want.use().label());
      String current = node.label(Keys.DEVICE_PLUGIN_CONFIG);
      String switchedAt = node.annotation(Keys.DEVICE_PLUGIN_SWITCHED_AT);
      String target = want.devicePluginConfig();
      if (target == null && switchedAt != null && current != null) {
        target = current; // we manage the label but this use names no config (mixed): leave it as it is
      }
      if (target != null) {
        if (!target.equals(current)) {
          blocked.add(node.name());
          if (node.gpuPods() > 0) {
            steps.waiting.add(node.name() + ": draining " + node.gpuPods() + " GPU pod(s) before device-plugin config "
                + target);
            putIfNotNull(labels, Keys.DEVICE_PLUGIN_CONFIG, current);
            putIfNotNull(annotations, Keys.DEVICE_PLUGIN_SWITCHED_AT, switchedAt);
          } else {
            labels.put(Keys.DEVICE_PLUGIN_CONFIG, target);
            annotations.put(Keys.DEVICE_PLUGIN_SWITCHED_AT, now.toString());
            steps.wake(now.plus(settle));
          }
        } else {
          labels.put(Keys.DEVICE_PLUGIN_CONFIG, current);
          putIfNotNull(annotations, Keys.DEVICE_PLUGIN_SWITCHED_AT, switchedAt);
          Instant settledAt = settledAt(switchedAt, settle);
          if (settledAt != null && now.isBefore(settledAt)) {
            blocked.add(node.name());
            steps.wake(settledAt);
          } else if (node.allocatableGpus() == 0) {
            blocked.add(node.name()); // the node update that re-advertises GPUs will trigger us again
            steps.waiting.add(node.name() + ": waiting for the device plugin to advertise GPUs");
          }
        }
      }
      if (differs(labels, node.labels()) || differs(annotations, node.annotations())) {
        steps.nodePatches.add(new Steps.NodePatch(node.name(), labels, annotations));
      }
    }
    return blocked;
  }

  private static Instant settledAt(String switchedAt, Duration settle) {
    if (switchedAt == null) {
      return null;
    }
    try {
      return Instant.parse(switchedAt).plus(settle);
    } catch (DateTimeParseException e) {
      return null; // edited by hand into garbage: do not let it block the node forever
    }
  }

  private static boolean differs(Map<String, String> wanted, Map<String, String> actual) {
    Map<String, String> live = actual == null ? Map.of() : actual;
    return wanted.entrySet().stream().anyMatch(e -> !Objects.equals(e.getValue(), live.get(e.getKey())));
  }

  private static void putIfNotNull(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
