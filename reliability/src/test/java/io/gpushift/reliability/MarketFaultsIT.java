package io.gpushift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.operator.realize.Pods;
import io.gpushift.reliability.Farm.Target;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Market faults mid-shift: the feed that prices the preemptible workload's token dies, or serves garbage, once the
 * shift to mining its price fall caused has started (the replicas are in their {@link Farm#FEED_FARM_GRACE} s
 * checkpoint grace). Stale data never moves capacity, so the farm settles where it is and stays there, with
 * {@code MarketDataFresh=False} saying why; once the feed is good again the shift completes within the bound. The
 * invariants of {@link OperatorCrashIT} hold throughout.
 */
@ExtendWith(LocalClusterExtension.class)
class MarketFaultsIT {

  /** 100 NTX per GPU-hour: these token prices make the preemptible workload earn 3.00 or 0.01 USD per GPU-hour. */
  private static final double AI_WINS = Farm.AI_WINS / 100;
  private static final double MINING_WINS = Farm.MINING_WINS / 100;
  /** Longer than the operator's tick (5 s here): at least one decision on the stale data falls inside it. */
  private static final Duration HOLD = Duration.ofSeconds(8);

  @Test
  void feedOutageMidShiftHoldsThenTheShiftCompletes(LocalCluster cluster, KubernetesClient client) {
    try (FeedServer feed = FeedServer.coinGecko(AI_WINS)) {
      shiftWithFeedFault(cluster, client, feed, Target.MINING, "feed outage", "FeedUnreachable", feed::down, feed::up);
    }
  }

  @Test
  void feedServingGarbageMidShiftHoldsThenTheShiftCompletes(LocalCluster cluster, KubernetesClient client) {
    try (FeedServer feed = FeedServer.coinGecko(AI_WINS)) {
      shiftWithFeedFault(cluster, client, feed, Target.MINING, "feed serving garbage", "ValueRejected",
          () -> feed.garbage("{\"nunet\": {\"usd\": \"$0.9"), () -> feed.garbage(null));
    }
  }

  /**
   * The pool's electricity price feed dies; then AI's price rises past mining. A pool whose electricity is not fresh is
   * decided as Paused: nothing moves, whatever else changes, until the price is fresh again.
   */
  @Test
  void electricityFeedOutageHoldsThePoolThenThePlanFollowsThePrices(LocalCluster cluster, KubernetesClient client) {
    try (FeedServer power = FeedServer.grid(100); // USD/MWh: the 0.10 USD/kWh of the other farms
        Farm farm = Farm.create(cluster, client, null, power);
        Invariants invariants = Invariants.watch(client, 8, Farm.CONTRACTS);
        OperatorProcess operator = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "a")) {
      farm.awaitConverged(Target.MINING, OperatorCrashIT.CONVERGENCE_BOUND);
      power.down();
      await("the pool's MarketDataFresh=False names the power feed").atMost(Duration.ofSeconds(60))
          .until(() -> farm.pool().getStatus().conditions.stream().anyMatch(c -> "MarketDataFresh".equals(c.type)
              && "False".equals(c.status.name()) && c.message.contains("/power")));
      List<String> before = awaitSettled(client);
      farm.shiftTo(Target.AI);
      List<String> held = awaitSettled(client);
      assertThat(held).as("AI now pays 3.00 USD/GPU-h, but the electricity price is not fresh: nothing moved")
          .isEqualTo(before);

      power.up();
      Duration converged = farm.awaitConverged(Target.AI, OperatorCrashIT.CONVERGENCE_BOUND);
      System.out.printf("electricity feed outage: held %d pods; converged to AI %.1f s after the feed was back%n",
          held.size(), converged.toMillis() / 1000.0);
      assertThat(invariants.violations()).isEmpty();
      assertThat(operator.alive()).isTrue();
    }
  }

  private static void shiftWithFeedFault(LocalCluster cluster, KubernetesClient client, FeedServer feed,
      Target target, String fault, String cause, Runnable inject, Runnable clear) {
    Target from = target == Target.AI ? Target.MINING : Target.AI;
    try (Farm farm = Farm.create(cluster, client, feed, null);
        Invariants invariants = Invariants.watch(client, 8, Farm.CONTRACTS);
        OperatorProcess operator = OperatorProcess.start(cluster.kubeconfigPath(), cluster.namespace(), "a")) {
      farm.awaitConverged(from, OperatorCrashIT.CONVERGENCE_BOUND);
      feed.price(target == Target.AI ? AI_WINS : MINING_WINS);
      farm.awaitShiftStarted(target);
      inject.run();

      await(fault + ": MarketDataFresh=False naming the feed and the cause").atMost(Duration.ofSeconds(60))
          .until(() -> freshness(client).filter(c -> "False".equals(c.status.name())
              && c.message.contains("/prices") && c.message.contains(cause)).isPresent());
      List<String> held = awaitSettled(client);
      System.out.printf("%s mid-shift to %s: held at %s%n", fault, target, held);
      assertThat(held).as("the preempted replicas were wanted again: stale data moved nothing out")
          .filteredOn(p -> p.contains(" llm:")).hasSize(3);

      clear.run();
      Duration converged = farm.awaitConverged(target, OperatorCrashIT.CONVERGENCE_BOUND);
      await("MarketDataFresh=True again").atMost(Duration.ofSeconds(60))
          .until(() -> freshness(client).filter(c -> "True".equals(c.status.name())).isPresent());
      System.out.printf("%s mid-shift to %s: converged %.1f s after the feed was good again; %d preemptions "
          + "checked; operator exits on its own: %d%n", fault, target, converged.toMillis() / 1000.0,
          invariants.preemptions(), operator.crashes());
      assertThat(invariants.violations()).isEmpty();
      assertThat(farm.pool().getStatus().conditions).isNotEmpty();
      assertThat(operator.alive()).isTrue();
    }
  }

  /**
   * Waits until the pods stop changing (all Running, none terminating, the same set for {@link #HOLD}): what a
   * decision on stale data leaves is exactly what was there. Returns where that is, as {@code uid workload:GPUs} per pod.
   */
  private static List<String> awaitSettled(KubernetesClient client) {
    AtomicReference<List<String>> last = new AtomicReference<>(List.of());
    AtomicLong since = new AtomicLong(System.nanoTime());
    await("the farm holds still while the data is not fresh").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          List<Pod> pods = client.pods().list().getItems();
          List<String> now = pods.stream().map(p -> p.getMetadata().getUid() + " " + Pods.controller(p)
              .map(o -> o.getName()).orElse("?") + ":" + Pods.gpus(p)).sorted().toList();
          boolean calm = pods.stream().allMatch(p -> !Pods.terminating(p) && "Running".equals(p.getStatus().getPhase()));
          if (!calm || !now.equals(last.getAndSet(now))) {
            since.set(System.nanoTime());
            return false;
          }
          return Duration.ofNanos(System.nanoTime() - since.get()).compareTo(HOLD) >= 0;
        });
    return last.get(); // uid + workload:GPUs, so a pod replaced by an equal one still counts as a move
  }

  private static Optional<Condition> freshness(KubernetesClient client) {
    AIWorkload w = client.resources(AIWorkload.class).withName("llm").get();
    return w == null || w.getStatus() == null ? Optional.empty()
        : w.getStatus().conditions.stream().filter(c -> "MarketDataFresh".equals(c.type)).findFirst();
  }
}
