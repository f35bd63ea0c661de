package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.testkit.CrdInstaller;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs on a real kube-apiserver: they install, the samples are accepted (with defaults applied), and
 * every object of the bad corpus is refused with an error that names the offending field.
 */
@ExtendWith(LocalClusterExtension.class)
class CrdValidationIT {

  @BeforeEach
  void installCrds(LocalCluster cluster) {
    CrdInstaller.installRepoCrds(cluster.adminClient());
  }

  static List<BadSample> bad() {
    return BadSample.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badObjectIsRefusedNamingTheField(BadSample sample, KubernetesClient client) {
    GenericKubernetesResource object = client.getKubernetesSerialization()
        .convertValue(sample.object(), GenericKubernetesResource.class);
    try {
      client.genericKubernetesResources(object.getApiVersion(), object.getKind()).resource(object).create();
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
      for (String expected : sample.expects()) {
        assertThat(e.getMessage()).contains(expected);
      }
      // One cause only: the rest of the object is valid, so the file tests exactly what its name says. (A cause
      // without a field, "<nil>", is the server's note that CEL rules were skipped because the schema failed.)
      assertThat(e.getStatus().getDetails().getCauses()).as(e.getMessage())
          .filteredOn(cause -> cause.getField() != null && !"<nil>".equals(cause.getField())).hasSize(1);
      return;
    }
    client.genericKubernetesResources(object.getApiVersion(), object.getKind()).resource(object).delete();
    fail(sample + " was accepted; expected an error containing " + sample.expects());
  }

  @Test
  void validSamplesAreAcceptedWithDefaultsApplied(KubernetesClient client) {
    List<HasMetadata> created = new ArrayList<>();
    try {
      for (var file : Samples.files("valid")) {
        created.add(client.resource(Samples.read(file)).create());
        assertThat(created.getLast().getMetadata().getUid()).as(file.toString()).isNotBlank();
      }
      GPUNodePool minimal = client.resources(GPUNodePool.class).withName("minimal").get();
      assertThat(minimal.getSpec().policy.mode).isEqualTo(Policy.Mode.Auto);
      assertThat(minimal.getSpec().policy.paybackHorizon).isEqualTo("6h");
      assertThat(minimal.getSpec().electricity.pue).isEqualTo(1.0);
      GPUNodePool spot = client.resources(GPUNodePool.class).withName("spot-power").get();
      assertThat(spot.getSpec().policy.paybackHorizon).isEqualTo("6h");
      assertThat(spot.getSpec().policy.minDwell).isEqualTo("30m");
      assertThat(spot.getSpec().policy.mode).isEqualTo(Policy.Mode.Paused);
      GPUNodePool texas = client.resources(GPUNodePool.class).withName("texas-site").get();
      assertThat(texas.getSpec().electricity.timeOfUse.windows).hasSize(2);
      assertThat(texas.getSpec().policy.whenNothingPays).isEqualTo(Policy.WhenNothingPays.Idle);

      MiningPool erg = client.resources(MiningPool.class).withName("erg").get();
      assertThat(erg.getSpec().devFeePercent).isZero();
      assertThat(erg.getSpec().revenue.hashprice.unit).isEqualTo("1M");
      MiningPool rvn = client.resources(MiningPool.class).withName("rvn").get();
      assertThat(rvn.getSpec().revenue.network.hashesPerDifficulty).isEqualTo(4294967296.0);
      assertThat(rvn.getSpec().allowLoss).isFalse();

      AIWorkload nunet = client.resources(AIWorkload.class).withName("nunet-jobs").get();
      assertThat(nunet.getSpec().gpusPerReplica).isEqualTo(1);
      assertThat(nunet.getSpec().minReplicas).isZero();
      assertThat(nunet.getSpec().commitment).isEqualTo(AIWorkloadSpec.Commitment.Preemptible);
      assertThat(nunet.getSpec().template.getSpec().getContainers().getFirst().getImage())
          .isEqualTo("ghcr.io/example/nunet-dms:0.5");
    } finally {
      // GPUNodePools are cluster-scoped and outlive the test namespace.
      created.stream().filter(GPUNodePool.class::isInstance).forEach(pool -> client.resource(pool).delete());
    }
  }

  @Test
  void statusIsASubresourceWithValidatedConditions(KubernetesClient client) {
    AIWorkload workload = (AIWorkload) client.resource(
        Samples.read(Samples.ROOT.resolve("valid/aiworkload-h100-training.yaml"))).create();
    AIWorkloadStatus status = new AIWorkloadStatus();
    status.desiredReplicas = 2;
    status.observedGeneration = workload.getMetadata().getGeneration();
    Conditions.set(status.conditions,
        new Condition(AIWorkload.CONDITION_ADMITTED, ConditionStatus.True, "MinReplicasMet", "2 of 2"), Instant.now());
    workload.setStatus(status);

    AIWorkload updated = client.resource(workload).updateStatus();

    assertThat(updated.getStatus().desiredReplicas).isEqualTo(2);
    assertThat(Conditions.isTrue(updated.getStatus().conditions, AIWorkload.CONDITION_ADMITTED)).isTrue();
    // The main resource endpoint ignores status, so a spec update cannot smuggle one in (and vice versa).
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(workload.getMetadata().getGeneration());

    updated.getStatus().conditions.getFirst().reason = "not camel case";
    assertThatThrownBy(() -> client.resource(updated).updateStatus())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("status.conditions[0].reason");
  }

  @Test
  void printerColumnsAreServed(LocalCluster cluster) {
    var crd = cluster.adminClient().apiextensions().v1().customResourceDefinitions()
        .withName("gpunodepools.gpushift.io").get();
    assertThat(crd.getSpec().getVersions().getFirst().getAdditionalPrinterColumns())
        .extracting(c -> c.getName()).contains("Mode", "GPUs", "Profit/h", "Ready");
    assertThat(crd.getSpec().getVersions().getFirst().getSubresources().getStatus()).isNotNull();
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
  }

  @Test
  void kubectlExplainReadsTheDescriptions(LocalCluster cluster) throws Exception {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl not on PATH");
    String explained = run("kubectl", "--kubeconfig", cluster.kubeconfigPath().toString(),
        "explain", "miningpools.spec.profiles.hashrate");

    assertThat(explained).contains("Hashrate of one GPU in H/s as a Kubernetes quantity");
  }

  static boolean onPath(String command) {
    return Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}
