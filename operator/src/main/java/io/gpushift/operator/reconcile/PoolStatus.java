package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.DecisionSummary;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.GPUNodePoolStatus;
import io.gpushift.api.v1alpha1.GpuCounts;
import io.gpushift.engine.model.Node;
import io.gpushift.operator.decide.Decision;
import io.gpushift.operator.realize.Steps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a GPUNodePool's status from what was gathered and decided. Everything in it is a function of the inputs
 * (times move only when what they date changes), so an unchanged cluster yields an identical status and no write.
 */
final class PoolStatus {

  private PoolStatus() {
  }

  static GPUNodePoolStatus build(GPUNodePool pool, List<Node> nodes, Set<String> miningIds, Decision decision,
      Steps steps, String mode, List<String> problems, Instant now) {
    GPUNodePoolStatus old = pool.getStatus();
    GPUNodePoolStatus s = new GPUNodePoolStatus();
    s.observedGeneration = pool.getMetadata().getGeneration();
    Map<String, int[]> byProduct = new TreeMap<>();
    for (Node n : nodes) {
      int[] c = byProduct.computeIfAbsent(n.gpuProduct(), k -> new int[3]);
      for (var a : n.assignments()) {
        c[miningIds.contains(a.optionId()) ? 0 : 1] += a.gpus();
      }
      c[2] += Math.max(0, n.gpuCount() - n.assignedGpus());
    }
    int[] total = new int[3];
    // Omitted when empty: server-side apply turns an applied `{}` that replaces our own entries into null, which
    // the schema rejects, so a pool whose nodes all vanished could never report it (found by ClusterFaultsIT).
    s.gpusByProduct = byProduct.isEmpty() ? null : new TreeMap<>();
    byProduct.forEach((k, c) -> {
      s.gpusByProduct.put(k, new GpuCounts(c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    });
    s.gpus = new GpuCounts(total[0], total[1], total[2]);
    if (decision != null) {
      s.revenueUsdPerHour = decision.revenueUsdPerHour();
      s.powerCostUsdPerHour = decision.powerUsdPerHour();
      s.profitUsdPerHour = Math.round(decision.profitUsdPerHour() * 10_000) / 10_000.0;
      s.lastDecision = summary(old, decision, mode, now);
    } else if (old != null) {
      s.lastDecision = old.lastDecision;
    }
    s.conditions = old == null || old.conditions == null ? new ArrayList<>()
        : new ArrayList<>(Serialization.clone(old).conditions);
    Conditions.set(s.conditions, ready(pool, decision, steps, mode, problems), now);
    return s;
  }

  private static DecisionSummary summary(GPUNodePoolStatus old, Decision d, String mode, Instant now) {
    DecisionSummary sum = new DecisionSummary();
    String prefix = "Recommend".equals(mode) ? "recommended (not applied): " : "";
    sum.summary = prefix + (d.explanations().isEmpty() ? "no change" : String.join("; ", d.explanations()));
    if (sum.summary.length() > 4000) {
      sum.summary = sum.summary.substring(0, 3997) + "...";
    }
    sum.moves = d.moves();
    sum.held = d.held();
    boolean same = old != null && old.lastDecision != null && Objects.equals(old.lastDecision.summary, sum.summary)
        && Objects.equals(old.lastDecision.moves, sum.moves) && Objects.equals(old.lastDecision.held, sum.held);
    sum.time = same ? old.lastDecision.time : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return sum;
  }

  private static Condition ready(GPUNodePool pool, Decision d, Steps steps, String mode, List<String> problems) {
    Condition c = new Condition();
    c.type = GPUNodePool.CONDITION_READY;
    c.observedGeneration = pool.getMetadata().getGeneration();
    if (!problems.isEmpty()) {
      c.status = ConditionStatus.False;
      c.reason = "InvalidInput";
      c.message = String.join("; ", problems);
    } else if ("Paused".equals(mode)) {
      c.status = ConditionStatus.True;
      c.reason = "Paused";
      c.message = "mode Paused: no decisions, no changes";
    } else if ("Recommend".equals(mode)) {
      c.status = ConditionStatus.True;
      c.reason = "Recommended";
      c.message = "mode Recommend: the plan is in lastDecision; nothing is applied";
    } else if (steps != null && !steps.failures.isEmpty()) {
      c.status = ConditionStatus.False;
      c.reason = "WriteFailed";
      c.message = steps.failures.size() + " write(s) failed, retrying: " + steps.failures.get(0);
    } else if (steps != null && !steps.converged()) {
      c.status = ConditionStatus.False;
      c.reason = "Converging";
      c.message = "applying the plan: " + steps.waiting.size() + " pod(s) or node(s) waiting";
    } else {
      c.status = ConditionStatus.True;
      c.reason = "Applied";
      c.message = "the cluster matches the plan";
    }
    if (c.message != null && c.message.length() > 2000) {
      c.message = c.message.substring(0, 1997) + "...";
    }
    return c;
  }

  static boolean same(GPUNodePoolStatus a, GPUNodePoolStatus b) {
    return a != null && b != null && Serialization.asJson(a).equals(Serialization.asJson(b));
  }
}
