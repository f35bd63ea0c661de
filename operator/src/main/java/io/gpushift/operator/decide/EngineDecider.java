package io.gpushift.operator.decide;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The adapter from the engine's {@link Plan} to the operator's {@link Decision}: nothing is decided here. */
public final class EngineDecider implements Decider {

  private final Engine engine = new Engine();

  @Override
  public Decision decide(Snapshot snapshot) {
    Plan plan = engine.decide(snapshot);
    Map<String, Map<String, Integer>> byNode = new TreeMap<>();
    for (Plan.NodePlan n : plan.nodes()) {
      byNode.put(n.node(), new TreeMap<>(n.gpus()));
    }
    List<String> explanations = new ArrayList<>();
    Citations citations = new Citations(snapshot);
    // The feed-backed figures a move was decided on follow it (value, source, age).
    // A change's message already starts with its node's name (engine Explainer); held moves' messages do not.
    plan.changes().forEach(c -> explanations.add(c.message() + citations.of(c.from(), c.to())));
    plan.held().forEach(h -> explanations.add(h.node() + ": " + h.message()));
    plan.unmet().forEach(u -> explanations.add(u.option() + ": " + u.reason()));
    List<String> problems = plan.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
        .map(Finding::message).toList();
    return new Decision(byNode, round(plan.summary().revenueUsdPerHour()),
        round(plan.summary().powerUsdPerHour()), explanations, plan.changes().size(), plan.held().size(),
        problems, Outcomes.from(plan, snapshot));
  }

  /** Cents-and-a-bit precision: status must not change (and be rewritten) because of floating-point noise. */
  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
