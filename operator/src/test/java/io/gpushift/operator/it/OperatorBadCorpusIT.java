package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator half of the bad corpus: every {@link BadCase} (schema-valid, semantically wrong) applied at once into
 * one namespace beside a healthy farm (a GPUNodePool of two 8-GPU H100 nodes and a MiningPool using all 16 GPUs), with
 * one operator running. Each must get its condition with a CamelCase reason, a message naming the field and the
 * observed generation; none may get a GPU, and the farm must carry on as if they were not there. The API server's
 * half (objects the schema refuses) is the api module's CrdValidationIT.
 */
@ExtendWith(LocalClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorBadCorpusIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String GROUP_VERSION = "gpushift.io/v1alpha1";
  private static final String GOOD_MINER = "good-miner";
  private LocalCluster cluster;
  private KubernetesClient client;
  private InProcessOperator operator;
  private List<String> nodes;
  private List<BadCase> cases;
  private final Map<String, String> outcomes = new ConcurrentSkipListMap<>();
  private final Map<String, String> messages = new ConcurrentSkipListMap<>();

  @BeforeAll
  void farmAndCorpus(LocalCluster cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
    nodes = cluster.createDedicatedGpuNodes(2, 8, Crs.H100, 81559).stream().map(n -> n.getMetadata().getName())
        .toList();
    operator = InProcessOperator.start(cluster);
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.mining(client, GOOD_MINER, 0.30);
    client.resource(Crs.parse(client, """
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: corpus-prices}
        spec:
          static: {etc: 20, nunet: 0.02, power: 0.1, h100: 2.5}
        """, io.gpushift.api.v1alpha1.MarketFeed.class)).create();
    await("the farm mines on all 16 GPUs").atMost(WAIT).until(() -> minerGpus() == 16);
    cases = BadCase.all(cluster.namespace());
    for (BadCase c : cases) {
      c.documents().forEach(doc -> {
        HasMetadata o = client.getKubernetesSerialization().unmarshal(doc);
        (o instanceof GPUNodePool || "GPUNodePool".equals(o.getKind()) ? cluster.adminClient() : client)
            .resource(o).create();
      });
    }
  }

  List<BadCase> cases() {
    return cases;
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportedOnTheObjectNamingTheField(BadCase c) {
    await(c.file() + ": " + c.condition()).atMost(WAIT).untilAsserted(() -> {
      GenericKubernetesResource o = object(c);
      Map<String, Object> condition = condition(o, c.type()).orElseThrow(() ->
          new AssertionError("no " + c.type() + " condition yet on " + o.getKind() + " " + o.getMetadata().getName()));
      assertThat(condition.get("status") + "/" + condition.get("reason")).as("status/reason: %s", condition)
          .isEqualTo(c.status() + "/" + c.reason());
      assertThat((String) condition.get("message")).contains(c.expects());
      assertThat(((Number) condition.get("observedGeneration")).longValue()).isEqualTo(o.getMetadata().getGeneration());
    });
    Map<String, Object> seen = condition(object(c), c.type()).orElseThrow();
    assertThat((String) seen.get("reason")).matches("[A-Z][A-Za-z0-9]*");
    outcomes.put(c.file(), c.condition());
    messages.put(c.file(), (String) seen.get("message"));
  }

  /** Nothing bad got a GPU, and the farm still mines on every GPU with its pool Ready. */
  @Order(2)
  @Test
  void nothingIsPlannedFromThemAndTheFarmCarriesOn() {
    await("only the good miner runs, on all 16 GPUs, the pool applied").during(Duration.ofSeconds(10)).atMost(WAIT)
        .until(() -> minerGpus() == 16 && client.pods().list().getItems().stream()
            .allMatch(p -> Pods.controller(p).map(OwnerReference::getName).filter(GOOD_MINER::equals).isPresent())
            && "Applied".equals(OperatorItBase.ready(pool())));
    assertThat(nodes).allMatch(n -> "mining".equals(cluster.adminClient().nodes().withName(n).get().getMetadata()
        .getLabels().get(Keys.USE)));
  }

  @AfterAll
  void report() {
    Map<String, Integer> byOutcome = new TreeMap<>();
    outcomes.values().forEach(o -> byOutcome.merge(o, 1, Integer::sum));
    System.out.printf("BAD-CORPUS operator: %d of %d cases reported as declared%n", outcomes.size(), cases.size());
    byOutcome.forEach((o, n) -> System.out.printf("BAD-CORPUS   %-40s %d%n", o, n));
    messages.forEach((file, m) -> System.out.printf("BAD-CORPUS %s %s: %s%n", file, outcomes.get(file), m));
    try {
      for (BadCase c : cases) { // pools carry the operator's finalizer: delete them while it runs
        HasMetadata o = client.getKubernetesSerialization().unmarshal(c.documents().getLast());
        if ("GPUNodePool".equals(o.getKind())) {
          cluster.adminClient().resources(GPUNodePool.class).withName(o.getMetadata().getName()).delete();
        }
      }
      cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).delete();
      await("pools deleted").atMost(WAIT).until(() -> cluster.adminClient().resources(GPUNodePool.class).list()
          .getItems().stream().noneMatch(p -> p.getMetadata().getName().startsWith(cluster.namespace())));
    } finally {
      operator.close();
    }
  }

  private GenericKubernetesResource object(BadCase c) {
    HasMetadata declared = client.getKubernetesSerialization().unmarshal(c.documents().getLast());
    var resources = client.genericKubernetesResources(GROUP_VERSION, declared.getKind());
    return "GPUNodePool".equals(declared.getKind())
        ? cluster.adminClient().genericKubernetesResources(GROUP_VERSION, declared.getKind())
            .withName(declared.getMetadata().getName()).get()
        : resources.withName(declared.getMetadata().getName()).get();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> condition(GenericKubernetesResource o, String type) {
    Object status = o.getAdditionalProperties().get("status");
    Object conditions = status instanceof Map<?, ?> s ? s.get("conditions") : null;
    return conditions instanceof List<?> l ? l.stream().map(c -> (Map<String, Object>) c)
        .filter(c -> type.equals(c.get("type"))).findFirst() : Optional.empty();
  }

  private int minerGpus() {
    return client.pods().list().getItems().stream().filter(p -> Pods.isMiner(p) && "Running".equals(
        p.getStatus().getPhase()) && !Pods.terminating(p)).mapToInt(Pods::gpus).sum();
  }

  private GPUNodePool pool() {
    return cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).get();
  }
}
