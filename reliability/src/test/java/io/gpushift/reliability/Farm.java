package io.gpushift.reliability;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import io.gpushift.testkit.CrdInstaller;
import io.gpushift.testkit.LocalCluster;
import java.time.Duration;
import java.util.List;

/**
 * One test's farm: two dedicated fake nodes of 8 H100s, a pool over them, a miner, a Guaranteed contract of one
 * 4-GPU replica and a preemptible 4-GPU-replica workload whose price decides where the other 12 GPUs go. As the YAML a
 * user would apply; figures as in the operator's ITs (mining 0.30 USD/GPU-h at 150 W, electricity 0.10 USD/kWh).
 */
final class Farm implements AutoCloseable {

  static final String H100 = "NVIDIA-H100-80GB-HBM3";
  static final double AI_WINS = 3.0;
  static final double MINING_WINS = 0.01;
  /** The Guaranteed workloads and their minimum replicas. */
  static final java.util.Map<String, Integer> CONTRACTS = java.util.Map.of("contract", 1);

  /**
   * The feed-priced workload's checkpoint grace: longer than the feed's 4 s maxAge, so data that goes stale at the
   * start of a shift to mining does so while the preempted replicas are still in their grace.
   */
  static final int FEED_FARM_GRACE = 10;
  /** Where the 12 GPUs outside the contract should end up. */
  enum Target { AI, MINING }

  private final LocalCluster cluster;
  private final KubernetesClient client;
  final List<String> nodes;

  private Farm(LocalCluster cluster, KubernetesClient client, List<String> nodes) {
    this.cluster = cluster;
    this.client = client;
    this.nodes = nodes;
  }

  static Farm create(LocalCluster cluster, KubernetesClient client) {
    return create(cluster, client, null, null);
  }

  /**
   * @param token with it, the preemptible workload earns 100 NTX per GPU-hour, priced by the MarketFeed {@code prices}
   *              polling that server (see {@link FeedServer#marketFeed})
   * @param power with it, the pool's electricity comes from the MarketFeed {@code power} polling that server
   */
  static Farm create(LocalCluster cluster, KubernetesClient client, FeedServer token, FeedServer power) {
    CrdInstaller.installRepoCrds(cluster.adminClient());
    List<String> nodes = cluster.createDedicatedGpuNodes(2, 8, H100, 81559).stream()
        .map(n -> n.getMetadata().getName()).toList();
    Farm farm = new Farm(cluster, client, nodes);
    if (power != null) {
      farm.apply(MarketFeed.class, power.marketFeed("power"), false);
    }
    farm.apply(GPUNodePool.class, """
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata: {name: %s}
        spec:
          nodeSelector: {%s: %s}
          electricity: %s
          policy: {mode: Auto, minDwell: 0s}
        """.formatted(cluster.namespace(), LocalCluster.DEDICATED_KEY, cluster.namespace(), power == null
        ? "{usdPerKWh: 0.10}" : "{feedRef: {namespace: NAMESPACE, name: power}}"), true);
    farm.apply(MiningPool.class, """
        apiVersion: gpushift.io/v1alpha1
        kind: MiningPool
        metadata: {name: etc}
        spec:
          coin: ETC
          algorithm: etchash
          endpoints: ["stratum+tcp://etc.example-pool.org:1010"]
          wallet: "0x0000000000000000000000000000000000000001"
          miner: {image: ghcr.io/example/lolminer:1.88}
          profiles: [{gpuProduct: %s, hashrate: 100M, watts: 150}]
          revenue: {hashprice: {usdPerDay: {value: 72000000}, unit: 1P}}
          warmUpSeconds: 20
          nodePools: [%s]
        """.formatted(H100, cluster.namespace()), false);
    farm.apply(AIWorkload.class, ai("contract", "Guaranteed", 1, 1, usd(2.0), 3), false);
    if (token == null) {
      farm.apply(AIWorkload.class, ai("llm", "Preemptible", 0, 3, usd(MINING_WINS), 3), false);
    } else {
      farm.apply(MarketFeed.class, token.marketFeed("prices"), false);
      farm.apply(AIWorkload.class, ai("llm", "Preemptible", 0, 3,
          "revenuePerGpuHour: {value: 100}, currency: NTX, tokenPriceUsd: {feedRef: {name: prices, field: nunet}}",
          FEED_FARM_GRACE), false);
    }
    return farm;
  }

  private static String usd(double perGpuHour) {
    return "revenuePerGpuHour: {value: " + perGpuHour + "}";
  }

  private static String ai(String name, String commitment, int min, int max, String revenue, int grace) {
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: %s}
        spec:
          template:
            metadata: {labels: {app: %s}}
            spec:
              nodeSelector: {%s: NAMESPACE}
              containers: [{name: server, image: ghcr.io/example/vllm-server:0.6}]
          gpusPerReplica: 4
          minReplicas: %d
          maxReplicas: %d
          profiles: [{gpuProduct: %s, %s, watts: 700}]
          commitment: %s
          checkpointGraceSeconds: %d
          startupSeconds: 10
        """.formatted(name, name, LocalCluster.DEDICATED_KEY, min, max, H100, revenue, commitment, grace);
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void apply(Class<T> type, String yaml,
      boolean clusterScoped) {
    T object = client.getKubernetesSerialization().unmarshal(yaml.replace("NAMESPACE", cluster.namespace()), type);
    (clusterScoped ? cluster.adminClient() : client).resource(object).create();
  }

  /** Moves the preemptible workload's price so that the 12 free GPUs should go to {@code target}. */
  void shiftTo(Target target) {
    double usd = target == Target.AI ? AI_WINS : MINING_WINS;
    client.resources(AIWorkload.class).withName("llm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"profiles\":[{\"gpuProduct\":\"%s\",\"revenuePerGpuHour\":{\"value\":%s},\"watts\":700}]}}"
            .formatted(H100, usd));
  }

  /** Waits until the cluster holds exactly the target's pods, all Running, none terminating; returns how long. */
  Duration awaitConverged(Target target, Duration bound) {
    long t0 = System.nanoTime();
    int ai = target == Target.AI ? 12 : 0;
    try {
      await("converged to " + target).atMost(bound).pollInterval(Duration.ofMillis(200))
          .until(() -> converged(ai, 12 - ai));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("not converged to " + target + " within " + bound + ": " + describe(), e);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** What the cluster holds now, for failure messages. */
  String describe() {
    StringBuilder b = new StringBuilder("\npods:");
    for (Pod p : client.pods().list().getItems()) {
      b.append("\n  ").append(p.getMetadata().getName()).append(" gpus=").append(Pods.gpus(p)).append(" node=")
          .append(Pods.node(p)).append(" phase=").append(p.getStatus().getPhase())
          .append(Pods.terminating(p) ? " TERMINATING" : "");
    }
    GPUNodePool pool = pool();
    b.append("\npool conditions: ").append(pool == null || pool.getStatus() == null ? "none" : pool.getStatus().conditions
        .stream().map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList());
    return b.toString();
  }

  private boolean converged(int aiGpus, int minerGpus) {
    List<Pod> pods = client.pods().list().getItems();
    return pods.stream().allMatch(p -> !Pods.terminating(p) && "Running".equals(p.getStatus().getPhase()))
        && gpus(pods, "contract") == 4 && gpus(pods, "llm") == aiGpus
        && pods.stream().filter(Pods::isMiner).mapToInt(Pods::gpus).sum() == minerGpus;
  }

  private static int gpus(List<Pod> pods, String workload) {
    return pods.stream().filter(p -> workload.equals(Pods.label(p, Keys.WORKLOAD))).mapToInt(Pods::gpus).sum();
  }

  /** Waits until a pod is being created or removed: the shift has started. */
  void awaitShiftStarted(Target target) {
    await("the shift to " + target + " has started").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> client.pods().list().getItems().stream().anyMatch(p -> Pods.terminating(p) || (target == Target.AI
            ? "llm".equals(Pods.label(p, Keys.WORKLOAD))
            : Pods.isMiner(p) || Pods.annotation(p, Keys.CHECKPOINT_REQUESTED_AT) != null)));
  }

  GPUNodePool pool() {
    return cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).get();
  }

  /** The pool is cluster-scoped: it does not go with the test's namespace. */
  @Override
  public void close() {
    cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).delete();
  }

  MiningPool miningPool() {
    return client.resources(MiningPool.class).withName("etc").get();
  }
}
