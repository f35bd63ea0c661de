package io.gpushift.operator.decide;

import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Node;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Why an AIWorkload fits no GPU of a pool, naming the field to change: the engine only knows "no eligible GPU", but a
 * user needs to hear which of their own settings rules out the GPUs the pool has.
 */
final class Fit {

  private Fit() {
  }

  /** The first of the workload's fields that rules out every node, or {@code null} when the spec is not the cause. */
  static String why(AiOption a, List<Node> nodes) {
    Set<String> products = nodes.stream().map(Node::gpuProduct).collect(Collectors.toCollection(TreeSet::new));
    if (products.isEmpty()) {
      return null;
    }
    List<Node> fit = nodes;
    if (!a.allowedProducts().isEmpty()) {
      fit = fit.stream().filter(n -> a.allowedProducts().contains(n.gpuProduct())).toList();
      if (fit.isEmpty()) {
        return "spec.requirements.gpuProducts " + new TreeSet<>(a.allowedProducts()) + " names none of the GPU products "
            + "here " + products;
      }
    }
    fit = fit.stream().filter(n -> a.revenuePerGpuHour().containsKey(n.gpuProduct())).toList();
    if (fit.isEmpty()) {
      return "spec.profiles has no entry for the GPU products here " + products + " (it prices "
          + new TreeSet<>(a.revenuePerGpuHour().keySet()) + ")";
    }
    int memory = fit.stream().mapToInt(Node::gpuMemoryMiB).max().orElse(0);
    if (memory < a.minGpuMemoryMiB()) {
      return "spec.requirements.minGpuMemoryMiB " + a.minGpuMemoryMiB() + " exceeds the largest GPU memory here ("
          + memory + " MiB)";
    }
    int gpus = fit.stream().mapToInt(Node::gpuCount).max().orElse(0);
    if (gpus < a.gpusPerReplica()) {
      return "spec.gpusPerReplica " + a.gpusPerReplica() + " exceeds the largest node here (" + gpus + " GPUs)";
    }
    return null;
  }
}
