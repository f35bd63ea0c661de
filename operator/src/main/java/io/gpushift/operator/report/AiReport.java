package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadStatus;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.engine.validation.Finding;
import io.gpushift.operator.decide.OptionOutcome;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.reconcile.OwnedPods;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An AIWorkload's status from the pool loops' outcomes (see {@link OptionStore}): replicas the plan gives it, what their
 * GPUs earn and cost, and the Admitted and Preempted conditions.
 */
public final class AiReport {

  private AiReport() {
  }

  /** Ready: invalid spec, nowhere to run, a replica that cannot run, fewer replicas than planned, else the pods. */
  public static Condition ready(AIWorkload w, List<Finding> errors, Collection<Pod> pods, OptionStore store) {
    Condition fromPods = OwnedPods.ready(w, errors, pods);
    if (!errors.isEmpty()) {
      return fromPods;
    }
    var shares = store.of(Translate.id(w)).values();
    if (store.anyDecided() && shares.isEmpty()) {
      return Reports.condition(w, AIWorkload.CONDITION_READY, ConditionStatus.False, "NoPoolInReach", noPool(w));
    }
    Optional<OptionOutcome.Unmet> impossible = shares.stream().map(OptionOutcome::unmet).filter(Objects::nonNull)
        .filter(OptionOutcome.Unmet::unsatisfiable).findFirst();
    if (impossible.isPresent()) {
      return Reports.condition(w, AIWorkload.CONDITION_READY, ConditionStatus.False, "Unsatisfiable",
          unmet(impossible.get()));
    }
    Optional<String> unfit = unfit(shares);
    if (unfit.isPresent()) {
      return Reports.condition(w, AIWorkload.CONDITION_READY, ConditionStatus.False, "Unsatisfiable", unfit.get());
    }
    Optional<String> trouble = PodTrouble.first(pods);
    if (trouble.isPresent()) {
      return Reports.condition(w, AIWorkload.CONDITION_READY, ConditionStatus.False, "ReplicaFailing", trouble.get());
    }
    int desired = shares.stream().mapToInt(OptionOutcome::replicas).sum();
    long running = pods.stream().filter(OwnedPods::running).count();
    if (store.anyDecided() && running < desired) {
      return Reports.condition(w, AIWorkload.CONDITION_READY, ConditionStatus.False, "Scaling",
          running + " of " + desired + " planned replica(s) running");
    }
    return fromPods;
  }

  /** Desired replicas, economics, Admitted and Preempted; until a pool has decided here, the previous ones stay. */
  public static void fill(AIWorkloadStatus s, AIWorkload w, OptionStore store, AIWorkloadStatus old, Instant now) {
    if (!store.anyDecided()) {
      if (old != null) {
        s.desiredReplicas = old.desiredReplicas;
        s.revenueUsdPerHour = old.revenueUsdPerHour;
        s.powerCostUsdPerHour = old.powerCostUsdPerHour;
        s.profitUsdPerHour = old.profitUsdPerHour;
      }
      return;
    }
    Collection<OptionOutcome> shares = store.of(Translate.id(w)).values();
    s.desiredReplicas = shares.stream().mapToInt(OptionOutcome::replicas).sum();
    s.revenueUsdPerHour = Shares.revenue(shares);
    s.powerCostUsdPerHour = Shares.power(shares);
    s.profitUsdPerHour = Shares.round(s.revenueUsdPerHour - s.powerCostUsdPerHour);
    Conditions.set(s.conditions, admitted(w, shares, s.desiredReplicas), now);
    Conditions.set(s.conditions, preempted(w, shares, s, old), now);
  }

  private static Condition admitted(AIWorkload w, Collection<OptionOutcome> shares, int planned) {
    String type = AIWorkload.CONDITION_ADMITTED;
    int min = w.getSpec().minReplicas == null ? 0 : w.getSpec().minReplicas;
    int gpus = Shares.gpus(shares);
    if (shares.isEmpty()) {
      return Reports.condition(w, type, ConditionStatus.False, "NoPoolInReach", noPool(w));
    }
    if (planned >= Math.max(1, min)) {
      return Reports.condition(w, type, ConditionStatus.True, "Admitted",
          planned + " replica(s) on " + gpus + " GPU(s) in the plan" + (min > 0 ? " (minReplicas " + min + ")" : ""));
    }
    Optional<OptionOutcome.Unmet> unmet = shares.stream().map(OptionOutcome::unmet).filter(Objects::nonNull)
        .findFirst();
    if (unmet.isPresent()) {
      return Reports.condition(w, type, ConditionStatus.False,
          unmet.get().unsatisfiable() ? "Unsatisfiable" : "WaitingForCapacity", unmet(unmet.get()));
    }
    Optional<String> unfit = unfit(shares);
    if (unfit.isPresent()) {
      return Reports.condition(w, type, ConditionStatus.False, "Unsatisfiable", unfit.get());
    }
    var best = Shares.best(Shares.bestProfitByProduct(shares));
    return Reports.condition(w, type, ConditionStatus.False, "NoGpusGiven", best.map(b -> String.format(Locale.ROOT,
        "the plan gives it no GPUs at current prices: best %s at %.4f USD/GPU-h after power, other uses earn more",
        b.getKey(), b.getValue())).orElse("no GPU product in reach is eligible (product, memory, price or market data)"));
  }

  /** True from the decision that took GPUs away until the plan gives them back and the replicas run again. */
  private static Condition preempted(AIWorkload w, Collection<OptionOutcome> shares, AIWorkloadStatus s,
      AIWorkloadStatus old) {
    String type = AIWorkload.CONDITION_PREEMPTED;
    Optional<OptionOutcome.Preemption> p = shares.stream().map(OptionOutcome::preemption).filter(Objects::nonNull)
        .findFirst();
    if (p.isPresent()) {
      return Reports.condition(w, type, ConditionStatus.True, p.get().reason(), p.get().message());
    }
    var was = old == null || old.conditions == null ? Optional.<Condition>empty() : Conditions.find(old.conditions, type);
    boolean stillShort = s.runningReplicas != null && s.runningReplicas < s.desiredReplicas;
    if (was.isPresent() && was.get().status == ConditionStatus.True && stillShort) {
      return Reports.condition(w, type, ConditionStatus.True, was.get().reason, was.get().message);
    }
    return Reports.condition(w, type, ConditionStatus.False, "NotPreempted", "no replica is being taken away");
  }

  /**
   * Why no GPU in reach can ever host it, when that is so in every pool in reach (also with minReplicas 0, where the
   * engine reports nothing unmet): the fields that rule the GPUs out.
   */
  private static Optional<String> unfit(Collection<OptionOutcome> shares) {
    if (shares.isEmpty() || shares.stream().anyMatch(o -> o.unfit() == null)) {
      return Optional.empty();
    }
    return Optional.of("no GPU in reach can host it: " + String.join("; ",
        shares.stream().map(OptionOutcome::unfit).distinct().sorted().toList()));
  }

  private static String unmet(OptionOutcome.Unmet u) {
    return u.placed() + " of minReplicas " + u.wanted() + " placed: " + u.reason();
  }

  private static String noPool(AIWorkload w) {
    var pools = w.getSpec().nodePools;
    String selector = "spec.template.spec.nodeSelector does not match every node of ";
    return "no GPUNodePool can run it: " + (pools == null || pools.isEmpty() ? selector + "any pool"
        : "spec.nodePools " + pools + " names none that exists, or " + selector + "one");
  }
}
