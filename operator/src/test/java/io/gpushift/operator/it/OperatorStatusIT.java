package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.realize.Pods;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MiningPool and AIWorkload status: what the plan gives them, what it earns, and why (Crs has the figures). */
class OperatorStatusIT extends OperatorItBase {

  @Test
  void miningPoolReportsHashrateEconomicsAndProfitability() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);

    // 16 H100 at 100 MH/s; each earns 0.30 USD/h and burns 150 W at 0.10 USD/kWh = 0.015 USD/h.
    await("economics in status").atMost(WAIT).ignoreExceptionsInstanceOf(NullPointerException.class)
        .untilAsserted(() -> {
      MiningPool mp = mining("etc");
      assertThat(mp.getStatus().gpus).isEqualTo(16);
      assertThat(mp.getStatus().expectedHashrate).isEqualTo("1.6G");
      assertThat(mp.getStatus().revenueUsdPerHour).isEqualTo(4.8);
      assertThat(mp.getStatus().powerCostUsdPerHour).isEqualTo(0.24);
      assertThat(mp.getStatus().profitUsdPerHour).isEqualTo(4.56);
      assertThat(mp.getStatus().profitUsdPerGpuHour).isEqualTo(Map.of(Crs.H100, 0.285));
      assertThat(condition(mp.getStatus().conditions, "Profitable")).hasValueSatisfying(c ->
          assertThat(c.reason).isEqualTo("Profitable"));
      assertThat(condition(mp.getStatus().conditions, "ProfilesComplete")).hasValueSatisfying(c ->
          assertThat(c.reason).isEqualTo("AllProfiled"));
    });

    setElectricity(3.0); // 0.45 USD/h of power per GPU against 0.30 of revenue
    await("unprofitable, nothing mining").atMost(WAIT).untilAsserted(() -> {
      MiningPool mp = mining("etc");
      assertThat(mp.getStatus().gpus).isZero();
      assertThat(mp.getStatus().expectedHashrate).isEqualTo("0");
      assertThat(mp.getStatus().profitUsdPerGpuHour).isEqualTo(Map.of(Crs.H100, -0.15));
      assertThat(condition(mp.getStatus().conditions, "Profitable")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("False");
        assertThat(c.reason).isEqualTo("Unprofitable");
        assertThat(c.message).contains(Crs.H100, "-0.1500");
      });
    });
  }

  @Test
  void miningPoolWithoutAProfileForTheFleetIsNotProfilesComplete() {
    Crs.pool(cluster, "Auto", 0.10, null);
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: MiningPool
        metadata: {name: rvn}
        spec:
          coin: RVN
          algorithm: kawpow
          endpoints: ["stratum+tcp://rvn.example-pool.org:3333"]
          wallet: "RVNwallet"
          miner: {image: ghcr.io/example/lolminer:1.88}
          profiles: [{gpuProduct: NVIDIA-GeForce-RTX-3090, hashrate: 50M, watts: 300}]
          revenue:
            hashprice: {usdPerDay: {value: 1000}, unit: 1P}
          nodePools: [%s]
        """.formatted(cluster.namespace());
    client.resource(Crs.parse(client, yaml, MiningPool.class)).create();

    await("ProfilesComplete=False naming the product").atMost(WAIT).untilAsserted(() ->
        assertThat(condition(miningConditions("rvn"), "ProfilesComplete")).hasValueSatisfying(c -> {
          assertThat(c.status.name()).isEqualTo("False");
          assertThat(c.reason).isEqualTo("MissingProfiles");
          assertThat(c.message).contains(Crs.H100);
        }));
    assertThat(client.pods().list().getItems()).isEmpty();
  }

  @Test
  void aiWorkloadReportsReplicasAdmissionAndPreemption() {
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.ai(client, "batch", "Preemptible", 0, 2, 8, 1.5, 2);
    awaitRunning("preemptible replicas", p -> true, 2);
    // 16 GPUs at 1.5 USD/h, 700 W each at 0.10 USD/kWh = 0.07 USD/h.
    await("batch admitted with its economics").atMost(WAIT).ignoreExceptionsInstanceOf(NullPointerException.class)
        .untilAsserted(() -> {
      AIWorkload w = ai("batch");
      assertThat(w.getStatus().desiredReplicas).isEqualTo(2);
      assertThat(w.getStatus().runningReplicas).isEqualTo(2);
      assertThat(w.getStatus().gpus).isEqualTo(16);
      assertThat(w.getStatus().revenueUsdPerHour).isEqualTo(24.0);
      assertThat(w.getStatus().powerCostUsdPerHour).isEqualTo(1.12);
      assertThat(w.getStatus().profitUsdPerHour).isEqualTo(22.88);
      assertThat(condition(w.getStatus().conditions, "Admitted")).hasValueSatisfying(c ->
          assertThat(c.status.name()).isEqualTo("True"));
      assertThat(condition(w.getStatus().conditions, "Preempted")).hasValueSatisfying(c ->
          assertThat(c.status.name()).isEqualTo("False"));
    });

    Crs.ai(client, "contract", "Guaranteed", 1, 1, 8, 2.0, 300);

    await("batch preempted for the contract, with the engine's numbers").atMost(WAIT).untilAsserted(() -> {
      AIWorkload w = ai("batch");
      assertThat(w.getStatus().desiredReplicas).isEqualTo(1);
      assertThat(condition(w.getStatus().conditions, "Preempted")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("True");
        assertThat(c.reason).isEqualTo("DisplacedByGuarantee");
        assertThat(c.message).contains("GPU(s)", "/batch", "/contract", "USD/h");
      });
    });
    await("the contract admitted").atMost(WAIT).untilAsserted(() ->
        assertThat(condition(aiConditions("contract"), "Admitted")).hasValueSatisfying(c -> {
          assertThat(c.status.name()).isEqualTo("True");
          assertThat(c.message).contains("1 replica(s) on 8 GPU(s)");
        }));

    client.resources(AIWorkload.class).withName("contract").delete();
    await("batch whole again: not preempted any more").atMost(WAIT).untilAsserted(() -> {
      AIWorkload w = ai("batch");
      assertThat(w.getStatus().runningReplicas).isEqualTo(2);
      assertThat(condition(w.getStatus().conditions, "Preempted")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("False");
        assertThat(c.reason).isEqualTo("NotPreempted");
      });
    });
  }

  @Test
  void unsatisfiableWorkloadIsNotAdmittedAndNotReadyWithTheReason() {
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.ai(client, "huge", "Guaranteed", 1, 1, 16, 2.0, 30); // 16 GPUs per replica, nodes have 8
    Crs.ai(client, "many", "Guaranteed", 3, 3, 8, 2.0, 30); // three 8-GPU replicas on two nodes

    await("huge: unsatisfiable").atMost(WAIT).untilAsserted(() -> {
      var conditions = aiConditions("huge");
      assertThat(condition(conditions, "Admitted")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("False");
        assertThat(c.reason).isEqualTo("Unsatisfiable");
        assertThat(c.message).contains("0 of minReplicas 1", "no eligible GPU");
      });
      assertThat(condition(conditions, "Ready")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("False");
        assertThat(c.reason).isEqualTo("Unsatisfiable");
      });
    });
    await("many: two placed, waiting for capacity").atMost(WAIT).untilAsserted(() -> {
      AIWorkload w = ai("many");
      assertThat(w.getStatus().desiredReplicas).isEqualTo(2);
      assertThat(condition(w.getStatus().conditions, "Admitted")).hasValueSatisfying(c -> {
        assertThat(c.status.name()).isEqualTo("False");
        assertThat(c.reason).isEqualTo("WaitingForCapacity");
        assertThat(c.message).contains("2 of minReplicas 3");
      });
    });
  }

  @Test
  void workloadNoPoolCanRunIsReportedSo() {
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.mining(client, "etc", 0.30);
    awaitRunning("miners", Pods::isMiner, 2);
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: elsewhere}
        spec:
          template:
            spec:
              nodeSelector: {%s: no-such-pool}
              containers: [{name: server, image: ghcr.io/example/vllm-server:0.6}]
          gpusPerReplica: 1
          maxReplicas: 1
          profiles: [{gpuProduct: %s, revenuePerGpuHour: {value: 2}, watts: 700}]
        """.formatted(io.gpushift.testkit.LocalCluster.DEDICATED_KEY, Crs.H100);
    client.resource(Crs.parse(client, yaml, AIWorkload.class)).create();

    await("Ready=False NoPoolInReach").atMost(WAIT).untilAsserted(() ->
        assertThat(condition(aiConditions("elsewhere"), "Ready")).hasValueSatisfying(c -> {
          assertThat(c.status.name()).isEqualTo("False");
          assertThat(c.reason).isEqualTo("NoPoolInReach");
        }));
  }

  @Test
  void workloadRunsOnlyInThePoolsItNames() {
    AIWorkload here = Crs.aiUnsaved(client, "here", "Preemptible", 0, 1, 8, 2.0, 2);
    here.getSpec().nodePools = java.util.List.of("some-other-pool");
    client.resource(here).create();
    // reconciled before any pool has decided: its outcome never changes (no pool considers it), yet the first
    // decision must still bring NoPoolInReach (CI once saw it never come when the pool happened to decide later)
    await("first status").atMost(WAIT).until(() -> ai("here").getStatus() != null);
    Crs.pool(cluster, "Auto", 0.10, null);
    await("not run, NoPoolInReach").during(java.time.Duration.ofSeconds(5)).atMost(WAIT).until(() ->
        client.pods().list().getItems().isEmpty() && condition(aiConditions("here"), "Admitted")
            .map(c -> "NoPoolInReach".equals(c.reason)).orElse(false));

    client.resources(AIWorkload.class).withName("here").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"nodePools\":[\"some-other-pool\", \"" + cluster.namespace() + "\"]}}");
    awaitRunning("its replica, once it names this pool", p -> true, 1);
  }

  private MiningPool mining(String name) {
    return client.resources(MiningPool.class).withName(name).get();
  }

  private AIWorkload ai(String name) {
    return client.resources(AIWorkload.class).withName(name).get();
  }

  private java.util.List<Condition> miningConditions(String name) {
    MiningPool mp = mining(name);
    return mp == null || mp.getStatus() == null ? null : mp.getStatus().conditions;
  }

  private java.util.List<Condition> aiConditions(String name) {
    AIWorkload w = ai(name);
    return w == null || w.getStatus() == null ? null : w.getStatus().conditions;
  }

  private static Optional<Condition> condition(java.util.List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty() : Conditions.find(conditions, type);
  }

  private void setElectricity(double usd) {
    cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"electricity\":{\"usdPerKWh\":" + usd + "}}}");
  }
}
