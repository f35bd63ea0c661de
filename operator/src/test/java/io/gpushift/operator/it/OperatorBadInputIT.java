package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Whatever the cluster hands it, the operator keeps working, reports on the right object and deletes only its own. */
class OperatorBadInputIT extends OperatorItBase {

  @Test
  void nodeWithoutGfdLabelsIsReportedOnThePoolAndNotPlanned() {
    cluster.adminClient().nodes().withName(nodes.get(1)).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"remove\",\"path\":\"/metadata/labels/nvidia.com~1gpu.product\"}]");
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);

    awaitRunning("a miner on the labelled node", Pods::isMiner, 1);
    await("the pool names the node and the label").atMost(WAIT).untilAsserted(() ->
        assertThat(Optional.ofNullable(pool().getStatus()).flatMap(s -> Conditions.find(s.conditions, "Ready")))
            .hasValueSatisfying(c -> {
          assertThat(c.reason).isEqualTo("InvalidInput");
          assertThat(c.message).contains(nodes.get(1), Keys.GFD_PRODUCT);
        }));
    await("nothing planned on it").during(Duration.ofSeconds(5)).atMost(WAIT).until(() ->
        client.pods().list().getItems().stream().noneMatch(p -> nodes.get(1).equals(Pods.node(p))));
    assertThat(Pods.node(running().get(0))).isEqualTo(nodes.get(0));
  }

  @Test
  void foreignPodsAreNeverDeletedAndTheirGpusNeverPromised() {
    Pod plain = client.resource(Foreign.gpuPod(cluster, "other-team", nodes.get(0), 2, Map.of())).create();
    // Another actor's pod wearing our labels, without our owner reference: still not ours.
    Pod lookalike = client.resource(Foreign.gpuPod(cluster, "lookalike", nodes.get(1), 2, Map.of(
        Keys.MANAGED_BY, Keys.MANAGED_BY_VALUE, Keys.POOL, cluster.namespace(), Keys.KIND, "miner"))).create();
    awaitRunning("the foreign pods", p -> Pods.controller(p).isEmpty(), 2);
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);

    awaitRunning("our miners", p -> Pods.controller(p).isPresent(), 2);
    assertThat(gpusByNode(true)).isEqualTo(Map.of(nodes.get(0), 6, nodes.get(1), 6));
    await("the foreign pods stay").during(Duration.ofSeconds(8)).atMost(WAIT).until(() ->
        same(plain) && same(lookalike) && gpusByNode(false).values().stream().allMatch(g -> g <= 8));
  }

  @Test
  void tamperedNodeLabelIsRestoredAndAMinerEditedByHandIsNeitherDeletedNorDoubled() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);
    await("nodes labelled").atMost(WAIT).until(() -> "mining".equals(use(nodes.get(0))));

    // a merge patch, not a read-modify-write edit: a kubelet heartbeat or our own label write in between made the
    // edit fail with 409 (the same fix as ClusterFaultsIT's tampering actor)
    cluster.adminClient().nodes().withName(nodes.get(0)).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"" + Keys.USE + "\":\"tampered\"}}}");
    await("our label restored").atMost(WAIT).until(() -> "mining".equals(use(nodes.get(0))));

    Pod miner = running().stream().filter(p -> nodes.get(0).equals(Pods.node(p))).findFirst().orElseThrow();
    client.pods().withName(miner.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"remove\",\"path\":\"/metadata/labels/gpushift.io~1pool\"}]");
    await("the disowned miner is left alone and its GPUs are not promised again").during(Duration.ofSeconds(8))
        .atMost(WAIT).until(() -> same(miner) && gpusByNode(false).get(nodes.get(0)) == 8
            && client.pods().list().getItems().stream().filter(p -> nodes.get(0).equals(Pods.node(p))).count() == 1);
  }

  @Test
  void replicaWhoseImageCannotRunIsReportedAndAFailedOneReplacedWithoutLeakingGpus() {
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.ai(client, "llm", "Preemptible", 0, 2, 8, 2.0, 2);
    awaitRunning("replicas", p -> true, 2);
    var pods = running().stream().sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
        .toList();
    String stuck = pods.get(0).getMetadata().getName();
    String failed = pods.get(1).getMetadata().getName();

    // What a kubelet reports for an image that starts and crashes; kwok leaves a non-Pending pod's status alone.
    patchStatus(stuck, "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}],\"containerStatuses\":"
        + "[{\"name\":\"server\",\"image\":\"x\",\"imageID\":\"\",\"ready\":false,\"restartCount\":5,\"state\":"
        + "{\"waiting\":{\"reason\":\"CrashLoopBackOff\",\"message\":\"back-off 5m0s restarting failed container\"}}"
        + "}]}}");
    await("the workload names the pod and the trouble").atMost(WAIT).until(() -> {
      AIWorkload w = client.resources(AIWorkload.class).withName("llm").get();
      return Conditions.find(w.getStatus().conditions, "Ready").filter(c -> "ReplicaFailing".equals(c.reason)
          && c.message.contains(stuck) && c.message.contains("CrashLoopBackOff")).isPresent();
    });

    String uid = pods.get(1).getMetadata().getUid();
    patchStatus(failed, "{\"status\":{\"phase\":\"Failed\",\"reason\":\"StartError\"}}");
    await("the failed replica is replaced on its GPUs").atMost(WAIT).until(() -> running().stream().anyMatch(p ->
        failed.equals(p.getMetadata().getName()) && !uid.equals(p.getMetadata().getUid())));
    assertThat(gpusByNode(false).values()).allMatch(g -> g <= 8);
    await("pool counts 16 GPUs on AI").atMost(WAIT).until(() -> pool().getStatus().gpus.ai == 16);
  }

  private void patchStatus(String pod, String json) {
    client.pods().withName(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  private String use(String node) {
    return node(node).getMetadata().getLabels().get(Keys.USE);
  }

  private boolean same(Pod pod) {
    Pod now = client.pods().withName(pod.getMetadata().getName()).get();
    return now != null && now.getMetadata().getUid().equals(pod.getMetadata().getUid()) && !Pods.terminating(now);
  }

  /** GPUs requested per node by live pods: ours only, or every pod. */
  private Map<String, Integer> gpusByNode(boolean oursOnly) {
    return client.pods().list().getItems().stream().filter(p -> !Pods.finished(p))
        .filter(p -> !oursOnly || Pods.controller(p).isPresent())
        .collect(Collectors.groupingBy(p -> String.valueOf(Pods.node(p)), Collectors.summingInt(Pods::gpus)));
  }
}
