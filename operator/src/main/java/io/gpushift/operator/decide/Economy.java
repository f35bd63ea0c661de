package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.validation.Validation;
import java.util.List;
import java.util.Map;

/** Prices a node-level plan with the ledger: the pool's revenue and power per hour, idle GPUs included. */
final class Economy {

  private Economy() {
  }

  static Decision price(Snapshot s, Ledger ledger, NodePool pool, Map<String, Map<String, Integer>> plan,
      List<String> explain, int moves, int held, Validation validation) {
    double revenue = 0;
    double power = 0;
    for (Node n : s.nodes()) {
      Map<String, Integer> uses = plan.getOrDefault(n.name(), Map.of());
      int busy = 0;
      for (var use : uses.entrySet()) {
        LedgerEntry e = ledger.get(pool.name(), n.gpuProduct(), use.getKey());
        busy += use.getValue();
        if (e != null) {
          revenue += e.revenueUsdPerGpuHour() * use.getValue();
          power += e.powerUsdPerGpuHour() * use.getValue();
        }
      }
      LedgerEntry idle = ledger.get(pool.name(), n.gpuProduct(), LedgerEntry.IDLE);
      if (idle != null) {
        power += idle.powerUsdPerGpuHour() * Math.max(0, n.gpuCount() - busy);
      }
    }
    List<String> problems = validation.findings().stream().map(f -> f.message()).toList();
    return new Decision(plan, round(revenue), round(power), explain, moves, held, problems);
  }

  /** Cents-and-a-bit precision: status must not change (and be rewritten) because of floating-point noise. */
  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
