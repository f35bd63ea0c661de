package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** The interim planner's choice for one node's free GPUs: one option (or idle), with the numbers behind it. */
record NodeChoice(String option, int gpus, boolean moved, String explanation, String heldReason) {

  private record Candidate(LedgerEntry entry, int gpus, double total) {
  }

  void apply(Map<String, Integer> planned, InterimDecider.Caps caps) {
    if (option != null && gpus > 0) {
      planned.merge(option, gpus, Integer::sum);
      caps.take(option, gpus);
    }
  }

  static NodeChoice choose(Node n, NodePool pool, Ledger ledger, Snapshot s, Map<String, Integer> planned,
      InterimDecider.Caps caps) {
    int free = n.gpuCount() - planned.values().stream().mapToInt(Integer::intValue).sum();
    LedgerEntry idle = ledger.get(pool.name(), n.gpuProduct(), LedgerEntry.IDLE);
    if (free <= 0 || idle == null) {
      return new NodeChoice(null, 0, false, null, null);
    }
    Optional<Assignment> current = n.assignments().stream().filter(a -> !planned.containsKey(a.optionId()))
        .max(Comparator.comparingInt(Assignment::gpus));
    String pin = n.pin();
    Candidate stay = new Candidate(idle, 0, idle.profitUsdPerGpuHour() * free);
    Candidate best = stay;
    Candidate currentCandidate = current.isEmpty() ? stay : null;
    for (LedgerEntry e : ledger.entries()) {
      if (!e.pool().equals(pool.name()) || !e.gpuProduct().equals(n.gpuProduct()) || !e.eligible()
          || e.kind() == LedgerEntry.Kind.IDLE || "idle".equals(pin)
          || "mining".equals(pin) && e.kind() != LedgerEntry.Kind.MINING
          || "ai".equals(pin) && e.kind() != LedgerEntry.Kind.AI) {
        continue;
      }
      int unit = unit(s, e.option());
      AiOption ai = s.ai().stream().filter(a -> a.id().equals(e.option())).findFirst().orElse(null);
      if (ai != null && n.gpuMemoryMiB() < ai.minGpuMemoryMiB()) {
        continue;
      }
      int mine = current.filter(a -> a.optionId().equals(e.option())).map(Assignment::gpus).orElse(0);
      int usable = (int) Math.min(free, (long) caps.left(e.option()) + mine) / unit * unit;
      if (usable == 0) {
        continue;
      }
      Candidate c = new Candidate(e, usable, e.profitUsdPerGpuHour() * usable
          + idle.profitUsdPerGpuHour() * (free - usable));
      if (current.isPresent() && current.get().optionId().equals(e.option())) {
        currentCandidate = c;
      }
      if (c.total() > best.total() + 1e-9) {
        best = c;
      }
    }
    if (pin != null) {
      return result(best, currentCandidate, "pinned " + pin, null);
    }
    if (currentCandidate == null || best == currentCandidate) {
      return result(best, currentCandidate, currentCandidate == null ? "current use no longer eligible" : null, null);
    }
    double hours = pool.horizonHours();
    double gain = (best.total() - currentCandidate.total()) * hours;
    double switchCost = best.entry().switchInUsd() * best.gpus()
        + currentCandidate.entry().switchOutUsd() * currentCandidate.gpus();
    double margin = hours * free * Math.max(pool.hysteresis().minGainUsdPerGpuHour(),
        pool.hysteresis().minGainPercent() / 100 * Math.abs(currentCandidate.entry().profitUsdPerGpuHour()));
    String numbers = String.format("%s → %s: gain %.2f USD over %.1f h vs switch cost %.2f + margin %.2f",
        label(currentCandidate), label(best), gain, hours, switchCost, margin);
    if (gain <= switchCost + margin) {
      return result(currentCandidate, currentCandidate, null, "held: " + numbers);
    }
    if (current.isPresent() && current.get().since() != null
        && current.get().since().plus(pool.minDwell()).isAfter(s.now())) {
      return result(currentCandidate, currentCandidate, null, "held by min dwell: " + numbers);
    }
    return result(best, currentCandidate, numbers, null);
  }

  private static NodeChoice result(Candidate chosen, Candidate current, String why, String held) {
    boolean moved = chosen != current;
    String option = chosen.entry().kind() == LedgerEntry.Kind.IDLE ? null : chosen.entry().option();
    String text = held != null ? held : moved ? (why != null ? why : "→ " + label(chosen)) : null;
    return new NodeChoice(option, chosen.gpus(), moved, text, held);
  }

  private static String label(Candidate c) {
    return c.entry().option() + String.format(" (%.3f USD/GPU-h)", c.entry().profitUsdPerGpuHour());
  }

  private static int unit(Snapshot s, String option) {
    return s.ai().stream().filter(a -> a.id().equals(option)).mapToInt(AiOption::gpusPerReplica).findFirst()
        .orElse(1);
  }
}
