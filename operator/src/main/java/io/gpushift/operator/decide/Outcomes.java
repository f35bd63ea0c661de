package io.gpushift.operator.decide;

import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.explain.Change;
import io.gpushift.engine.validation.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One pool's {@link Plan} → an {@link OptionOutcome} per option it considered. Pure: read off the plan, no decision. */
public final class Outcomes {

  private static final String NO_ELIGIBLE_GPU = "no eligible GPU";

  private Outcomes() {
  }

  static Map<String, OptionOutcome> from(Plan plan, Snapshot snapshot) {
    String pool = snapshot.pools().get(0).name();
    Map<String, Map<String, OptionOutcome.Rate>> rates = new HashMap<>();
    for (LedgerEntry e : plan.ledger()) {
      if (pool.equals(e.pool()) && e.kind() != LedgerEntry.Kind.IDLE) {
        rates.computeIfAbsent(e.option(), k -> new TreeMap<>()).put(e.gpuProduct(), new OptionOutcome.Rate(
            round(e.revenueUsdPerGpuHour()), round(e.powerUsdPerGpuHour()), round(e.profitUsdPerGpuHour()),
            e.eligible(), e.note()));
      }
    }
    Map<String, Map<String, Integer>> gpus = new HashMap<>();
    for (Plan.NodePlan n : plan.nodes()) {
      n.gpus().forEach((option, g) -> gpus.computeIfAbsent(option, k -> new TreeMap<>())
          .merge(n.gpuProduct(), g, Integer::sum));
    }
    Map<String, OptionOutcome> out = new TreeMap<>();
    for (Plan.Placement p : plan.placements()) {
      String id = p.option();
      boolean ai = p.kind() == LedgerEntry.Kind.AI;
      Map<String, Integer> byProduct = gpus.getOrDefault(id, Map.of());
      Map<String, OptionOutcome.Rate> r = rates.getOrDefault(id, Map.of());
      double revenue = 0;
      double power = 0;
      for (var g : byProduct.entrySet()) {
        OptionOutcome.Rate rate = r.get(g.getKey());
        if (rate != null && Double.isFinite(rate.revenue()) && Double.isFinite(rate.power())) {
          revenue += g.getValue() * rate.revenue();
          power += g.getValue() * rate.power();
        }
      }
      int placed = byProduct.values().stream().mapToInt(Integer::intValue).sum();
      String unfit = ai && placed == 0 ? unfit(id, snapshot) : null;
      OptionOutcome.Unmet unmet = plan.unmet().stream().filter(u -> u.option().equals(id)).findFirst()
          .map(u -> new OptionOutcome.Unmet(u.wanted(), u.placed(), unsatisfiable(u),
              unsatisfiable(u) && unfit != null ? NO_ELIGIBLE_GPU + ": " + unfit : u.reason()))
          .orElse(null);
      out.put(id, new OptionOutcome(id, ai, Map.copyOf(byProduct), p.replicas(), round(revenue), round(power),
          Map.copyOf(r), unmet, ai ? preemption(plan.changes(), id, placed) : null, missingProfiles(plan, id), unfit));
    }
    return out;
  }

  /** The workload's field that rules out every GPU of this pool (see {@link Fit}), or null. */
  private static String unfit(String id, Snapshot snapshot) {
    return snapshot.ai().stream().filter(a -> a.id().equals(id)).findFirst()
        .map(a -> Fit.why(a, snapshot.nodes())).orElse(null);
  }

  /** Nothing can host it: no eligible GPU, and (as some replicas are placed when any GPU is eligible) none placed. */
  private static boolean unsatisfiable(io.gpushift.engine.explain.Unmet u) {
    return u.placed() == 0 && u.reason().startsWith(NO_ELIGIBLE_GPU);
  }

  /** A plan that is only recommended preempts nobody: the same outcomes without preemptions. */
  public static Map<String, OptionOutcome> unapplied(Map<String, OptionOutcome> outcomes) {
    Map<String, OptionOutcome> out = new TreeMap<>();
    outcomes.forEach((id, o) -> out.put(id, o.withPreemption(null)));
    return out;
  }

  /** GPUs moved away from an AI option by this plan, with the engine's words; null when none left it. */
  private static OptionOutcome.Preemption preemption(List<Change> changes, String id, int placed) {
    List<Change> away = changes.stream().filter(c -> id.equals(c.from()) && !id.equals(c.to())).toList();
    if (away.isEmpty()) {
      return null;
    }
    int out = away.stream().mapToInt(Change::gpus).sum();
    int in = changes.stream().filter(c -> id.equals(c.to()) && !id.equals(c.from())).mapToInt(Change::gpus).sum();
    String message = away.stream().limit(3).map(Change::message).collect(Collectors.joining("; "))
        + (away.size() > 3 ? "; and " + (away.size() - 3) + " more move(s)" : "");
    return new OptionOutcome.Preemption(reason(away.get(0).reason()), message, placed + out - in);
  }

  private static String reason(String engineReason) {
    return switch (engineReason) {
      case "profit" -> "OutbidForProfit";
      case "guarantee" -> "DisplacedByGuarantee";
      case "pin" -> "NodePinned";
      case "loss" -> "Unprofitable";
      default -> engineReason.isEmpty() ? "Preempted"
          : Character.toUpperCase(engineReason.charAt(0)) + engineReason.substring(1);
    };
  }

  /** The validator's "spec.profiles[PRODUCT] is missing" warnings for this option: fleet products it cannot mine. */
  private static Set<String> missingProfiles(Plan plan, String id) {
    Set<String> missing = new TreeSet<>();
    for (Finding f : plan.findings()) {
      if (f.object().equals("MiningPool " + id) && f.field() != null && f.field().startsWith("spec.profiles[")
          && f.problem().startsWith("is missing")) {
        missing.add(f.field().substring("spec.profiles[".length(), f.field().length() - 1));
      }
    }
    return Set.copyOf(missing);
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : v;
  }
}
