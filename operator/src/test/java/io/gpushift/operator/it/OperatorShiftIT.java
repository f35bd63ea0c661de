package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shifts: prices and tariffs moving, the operator restarting, bad input, nodes disappearing, device-plugin switches. */
class OperatorShiftIT extends OperatorItBase {

  @Test
  void priceFlipMovesGpusToAiAndBackAndNoiseMovesNothing() {
    Crs.pool(cluster, "Auto", 0.10, "hysteresis: {minGainUsdPerHour: 0.2}");
    Crs.mining(client, "etc", 0.30);
    awaitRunning("miners", Pods::isMiner, 2);
    // AI nets 0.38/GPU-h against mining's 0.285: a gain inside the 0.2 margin is noise.
    Crs.ai(client, "llm", "Preemptible", 0, 1, 8, 0.45, 2);
    await("noise moves nothing").during(Duration.ofSeconds(8)).atMost(WAIT)
        .until(() -> running().stream().filter(Pods::isMiner).count() == 2 && running().size() == 2);

    setAiPrice("llm", 3.0);
    awaitRunning("one node flipped to AI", p -> !Pods.isMiner(p), 1);
    awaitRunning("the other still mining", Pods::isMiner, 1);

    setAiPrice("llm", 0.01);
    awaitRunning("back to mining", Pods::isMiner, 2);
    assertThat(running()).allMatch(Pods::isMiner);
  }

  @Test
  void electricitySpikeIdlesMinersAndTheyReturnWhenItPasses() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);

    setElectricity(3.0); // 150 W at 3 USD/kWh = 0.45/h, more than the 0.30 a GPU mines
    await("miners stopped, GPUs idle").atMost(WAIT).until(() -> running().isEmpty()
        && nodes.stream().allMatch(n -> "idle".equals(node(n).getMetadata().getLabels().get(Keys.USE))));

    setElectricity(0.10);
    awaitRunning("miners back", Pods::isMiner, 2);
  }

  @Test
  void restartMidShiftConvergesAndNoGpuIsPromisedTwice() {
    Map<String, Integer> peak = new ConcurrentHashMap<>();
    AtomicInteger overPromised = new AtomicInteger();
    Map<String, Pod> live = new ConcurrentHashMap<>();
    try (Watch watch = client.pods().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.DELETED || Pods.finished(pod)) {
          live.remove(pod.getMetadata().getName());
        } else {
          live.put(pod.getMetadata().getName(), pod);
        }
        Map<String, Integer> byNode = new ConcurrentHashMap<>();
        live.values().forEach(p -> byNode.merge(String.valueOf(Pods.node(p)), Pods.gpus(p), Integer::sum));
        byNode.forEach((n, g) -> {
          peak.merge(n, g, Math::max);
          if (g > 8) {
            overPromised.incrementAndGet();
          }
        });
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      Crs.mining(client, "etc", 0.30);
      Crs.pool(cluster, "Auto", 0.10, null);
      awaitRunning("miners", Pods::isMiner, 2);

      Crs.ai(client, "contract", "Guaranteed", 2, 2, 8, 2.0, 5);
      await("the shift has started").atMost(WAIT).until(() -> client.pods().list().getItems().stream()
          .anyMatch(p -> !Pods.isMiner(p) || Pods.terminating(p)));
      operator.close(); // killed mid-shift
      operator = InProcessOperator.start(cluster);

      awaitRunning("both guaranteed replicas", p -> "contract".equals(Pods.label(p, Keys.WORKLOAD)), 2);
      await("no miner left").atMost(WAIT).until(() -> client.pods().list().getItems().stream()
          .noneMatch(Pods::isMiner));
    }
    assertThat(overPromised.get()).as("pods asking for more GPUs than a node has, peak %s", peak).isZero();
    assertThat(client.pods().list().getItems()).hasSize(2);
  }

  @Test
  void invalidResourceIsReadyFalseWithAReasonNamingTheProblem() {
    Crs.pool(cluster, "Auto", 0.10, null);
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: MiningPool
        metadata: {name: broken}
        spec:
          coin: ETC
          algorithm: etchash
          endpoints: ["stratum+tcp://etc.example-pool.org:1010"]
          wallet: "0x1"
          miner: {image: ghcr.io/example/lolminer:1.88}
          profiles: [{gpuProduct: %s, hashrate: 100M, watts: 150}]
          revenue:
            hashprice: {usdPerDay: {feedRef: {name: no-such-feed}}, unit: 1P}
          nodePools: [%s]
        """.formatted(Crs.H100, cluster.namespace());
    client.resource(Crs.parse(client, yaml, MiningPool.class)).create();

    await("Ready=False naming the field").atMost(WAIT).until(() -> {
      MiningPool mp = client.resources(MiningPool.class).withName("broken").get();
      return mp.getStatus() != null && mp.getStatus().conditions.stream().anyMatch(c -> "Ready".equals(c.type)
          && c.status.name().equals("False") && "NoMarketData".equals(c.reason)
          && c.message.contains("spec.revenue.hashprice.usdPerDay") && c.message.contains("no-such-feed"));
    });
    await("and nothing is planned from it").during(Duration.ofSeconds(5)).atMost(WAIT)
        .until(() -> client.pods().list().getItems().isEmpty());
  }

  @Test
  void nodeDeletedMidPlanLeavesTheRestRunning() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);

    cluster.adminClient().nodes().withName(nodes.get(1)).delete();

    await("its miner is gone, the other runs, status counts 8 GPUs").atMost(WAIT).until(() -> {
      var pods = client.pods().list().getItems();
      GPUNodePool pool = pool();
      return pods.size() == 1 && nodes.get(0).equals(pods.get(0).getSpec().getNodeName())
          && pool.getStatus().gpus.total == 8 && pool.getStatus().gpus.mining == 8;
    });
  }

  @Test
  void devicePluginConfigSwitchWaitsForTheDrain() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null, "devicePluginConfigs: {mining: mining, ai: default, idle: default}");
    awaitRunning("miners", Pods::isMiner, 2);
    await("mining config on both nodes").atMost(WAIT).until(() -> nodes.stream()
        .allMatch(n -> "mining".equals(node(n).getMetadata().getLabels().get(Keys.DEVICE_PLUGIN_CONFIG))));

    Crs.ai(client, "contract", "Guaranteed", 1, 1, 8, 2.0, 5);

    awaitRunning("the guaranteed replica", p -> !Pods.isMiner(p), 1);
    Pod replica = running().stream().filter(p -> !Pods.isMiner(p)).findFirst().orElseThrow();
    var node = node(replica.getSpec().getNodeName());
    assertThat(node.getMetadata().getLabels()).containsEntry(Keys.DEVICE_PLUGIN_CONFIG, "default");
    var switchedAt = java.time.Instant.parse(node.getMetadata().getAnnotations().get(Keys.DEVICE_PLUGIN_SWITCHED_AT));
    var created = java.time.Instant.parse(replica.getMetadata().getCreationTimestamp());
    // Settle is 2 s in the in-process operator: the replica was created after the switch had settled.
    assertThat(created).isAfterOrEqualTo(switchedAt.plusSeconds(2).minusMillis(999));
  }

  // JSON patches without a resourceVersion: the operator writes status concurrently, an edit() would conflict.
  private void setAiPrice(String name, double usd) {
    client.resources(AIWorkload.class).withName(name).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/profiles/0/revenuePerGpuHour/value\",\"value\":" + usd + "}]");
  }

  private void setElectricity(double usd) {
    cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"electricity\":{\"usdPerKWh\":" + usd + "}}}");
  }
}
