package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.validation.Validation;
import io.gpushift.engine.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple whole-node planner on top of the engine's ledger, used until the engine's optimiser exposes
 * its decide() entry point: Guaranteed minimums first, then every node's free GPUs go to its most profitable eligible
 * option, and a node leaves its current use only when the gain beats hysteresis plus switch cost over the horizon and
 * its dwell time is over.
 */
public final class InterimDecider implements Decider {

  @Override
  public Decision decide(Snapshot s) {
    Validation validation = Validator.validate(s);
    Ledger ledger = Ledger.at(s, validation, s.now());
    NodePool pool = s.pools().get(0);
    Caps caps = new Caps(s);
    Map<String, Map<String, Integer>> plan = new TreeMap<>();
    List<String> explain = new ArrayList<>();
    List<Node> nodes = s.nodes().stream().sorted(Comparator.comparing(Node::name)).toList();
    for (Node n : nodes) {
      plan.put(n.name(), new TreeMap<>());
      if (n.excluded() || !n.schedulable()) {
        n.assignments().forEach(a -> plan.get(n.name()).put(a.optionId(), a.gpus())); // held as it is
        caps.take(n.assignments());
      }
    }
    placeGuaranteed(s, ledger, pool, nodes, plan, caps);
    int moves = 0;
    int held = 0;
    for (Node n : nodes) {
      if (n.excluded() || !n.schedulable()) {
        continue;
      }
      NodeChoice choice = NodeChoice.choose(n, pool, ledger, s, plan.get(n.name()), caps);
      choice.apply(plan.get(n.name()), caps);
      if (choice.moved()) {
        moves++;
      }
      if (choice.heldReason() != null) {
        held++;
      }
      if (choice.explanation() != null) {
        explain.add(n.name() + ": " + choice.explanation());
      }
    }
    return Economy.price(s, ledger, pool, plan, explain, moves, held, validation);
  }

  private static void placeGuaranteed(Snapshot s, Ledger ledger, NodePool pool, List<Node> nodes,
      Map<String, Map<String, Integer>> plan, Caps caps) {
    List<AiOption> guaranteed = s.ai().stream().filter(AiOption::guaranteed)
        .sorted(Comparator.comparingInt(AiOption::priority).reversed().thenComparing(AiOption::id)).toList();
    for (AiOption a : guaranteed) {
      int need = a.minReplicas();
      // Nodes already running it first: a contract is kept where it runs.
      List<Node> order = new ArrayList<>(nodes);
      order.sort(Comparator.comparing((Node n) -> n.assignments().stream()
          .noneMatch(x -> x.optionId().equals(a.id()))).thenComparing(Node::name));
      for (Node n : order) {
        LedgerEntry e = ledger.get(pool.name(), n.gpuProduct(), a.id());
        if (need <= 0 || n.excluded() || !n.schedulable() || e == null || !e.eligible()
            || n.gpuMemoryMiB() < a.minGpuMemoryMiB()) {
          continue;
        }
        int free = n.gpuCount() - plan.get(n.name()).values().stream().mapToInt(Integer::intValue).sum();
        int replicas = Math.min(need, free / a.gpusPerReplica());
        if (replicas > 0) {
          plan.get(n.name()).merge(a.id(), replicas * a.gpusPerReplica(), Integer::sum);
          caps.take(a.id(), replicas * a.gpusPerReplica());
          need -= replicas;
        }
      }
    }
  }

  /** Fleet-wide limits: mining maxGpus and AI maxReplicas, consumed as the plan is built. */
  static final class Caps {
    private final Map<String, Integer> left = new HashMap<>();

    Caps(Snapshot s) {
      for (MiningOption m : s.mining()) {
        left.put(m.id(), m.maxGpus() == null ? Integer.MAX_VALUE : m.maxGpus());
      }
      for (AiOption a : s.ai()) {
        left.put(a.id(), a.maxReplicas() * a.gpusPerReplica());
      }
    }

    int left(String option) {
      return left.getOrDefault(option, 0);
    }

    void take(String option, int gpus) {
      left.computeIfPresent(option, (k, v) -> v == Integer.MAX_VALUE ? v : Math.max(0, v - gpus));
    }

    void take(List<Assignment> assignments) {
      assignments.forEach(a -> take(a.optionId(), a.gpus()));
    }
  }
}
